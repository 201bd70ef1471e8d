/**
 * Reads what `kops get all <cluster> -o yaml` prints: YAML documents separated by `---`, one
 * `Cluster` and its `InstanceGroup`s (other kinds are set aside and named in the report). Every
 * problem names the file, the document (number, kind and name) and the field.
 */
import { LineCounter, parseAllDocuments } from "yaml";
import { formatPath, type Path } from "../../config/errors";

/** The API version `kops get -o yaml` prints. */
export const KOPS_API_VERSION = "kops.k8s.io/v1alpha2";

export interface KopsDocument {
  /** 1-based position in the file, counting only non-empty documents. */
  index: number;
  /** 1-based line the document starts on. */
  line: number;
  kind: string;
  name: string;
  body: Record<string, unknown>;
}

export interface KopsManifest {
  /** The input file as the user named it (shown in messages). */
  file: string;
  cluster: KopsDocument;
  instanceGroups: KopsDocument[];
  /** Documents of other kinds (SSH keys, secrets, ...): not configuration this import reads. */
  ignored: KopsDocument[];
}

/** `document 3 (InstanceGroup nodes)`. */
export function describeDocument(doc: KopsDocument): string {
  return `document ${doc.index} (${doc.kind} ${doc.name})`;
}

/** One problem in the input, as `file: document N (Kind name): field: reason`. */
export interface ImportProblem {
  file: string;
  doc?: KopsDocument;
  /** Where the document could not be parsed far enough to have a kind and name. */
  where?: string;
  path?: Path;
  message: string;
}

export function formatProblem(p: ImportProblem): string {
  const where = p.doc ? describeDocument(p.doc) : p.where;
  return [p.file, where, p.path && p.path.length > 0 ? formatPath(p.path) : undefined, p.message].filter(Boolean).join(": ");
}

/** Thrown when the input cannot be imported; carries every problem found. */
export class KopsImportError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "KopsImportError";
  }
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses the file's documents; throws a KopsImportError listing every problem. */
export function parseKopsManifest(text: string, file: string): KopsManifest {
  const problems: ImportProblem[] = [];
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const docs: KopsDocument[] = [];
  if (!Array.isArray(parsed)) {
    throw new KopsImportError([{ file, message: "holds no YAML documents (expected the output of kops get all <cluster> -o yaml)" }]);
  }
  let index = 0;
  for (const doc of parsed) {
    const line = lineCounter.linePos(doc.range[0]).line;
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const at = e.linePos?.[0];
        problems.push({ file, where: `document ${index + 1} (line ${at?.line ?? line})`, message: `is not valid YAML: ${e.message.split("\n")[0]}` });
      }
      index++;
      continue;
    }
    const body = doc.toJS() as unknown;
    if (body === null || body === undefined) continue; // `---` with nothing after it
    index++;
    const where = `document ${index} (line ${line})`;
    if (!isMap(body)) {
      problems.push({ file, where, message: "must be a map with apiVersion, kind, metadata and spec" });
      continue;
    }
    const kind = body.kind;
    const name = isMap(body.metadata) ? body.metadata.name : undefined;
    if (typeof kind !== "string" || kind === "") {
      problems.push({ file, where, path: ["kind"], message: "is required (Cluster, InstanceGroup, ...)" });
      continue;
    }
    if (typeof name !== "string" || name === "") {
      problems.push({ file, where: `${where} ${kind}`, path: ["metadata", "name"], message: "is required" });
      continue;
    }
    const document: KopsDocument = { index, line, kind, name, body };
    if (kind === "Cluster" || kind === "InstanceGroup") {
      if (body.apiVersion !== KOPS_API_VERSION) {
        problems.push({ file, doc: document, path: ["apiVersion"], message: `must be ${KOPS_API_VERSION} (what kops get -o yaml prints); got ${JSON.stringify(body.apiVersion)}` });
        continue;
      }
      if (!isMap(body.spec)) {
        problems.push({ file, doc: document, path: ["spec"], message: body.spec === undefined ? "is required" : "must be a map" });
        continue;
      }
    }
    docs.push(document);
  }
  const clusters = docs.filter((d) => d.kind === "Cluster");
  if (problems.length === 0 && clusters.length !== 1) {
    problems.push({
      file,
      message:
        clusters.length === 0
          ? "has no Cluster document (expected the output of kops get all <cluster> -o yaml)"
          : `has ${clusters.length} Cluster documents (${clusters.map(describeDocument).join(", ")}); import one cluster at a time`,
    });
  }
  const groups = docs.filter((d) => d.kind === "InstanceGroup");
  const seen = new Map<string, KopsDocument>();
  for (const g of groups) {
    const first = seen.get(g.name);
    if (first) problems.push({ file, doc: g, path: ["metadata", "name"], message: `is also the name of ${describeDocument(first)}` });
    seen.set(g.name, g);
  }
  if (problems.length > 0) throw new KopsImportError(problems);
  return { file, cluster: clusters[0], instanceGroups: groups, ignored: docs.filter((d) => d.kind !== "Cluster" && d.kind !== "InstanceGroup") };
}
