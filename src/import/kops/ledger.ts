/**
 * What happened to every field of every kops document: carried into the environment (and where),
 * not carried (and why), or unknown to this import. The report is written from this ledger, and
 * the sweep at the end guarantees that no field of the input goes unmentioned.
 */
import type { Path } from "../../config/errors";
import type { ImportProblem, KopsDocument } from "./documents";

export interface CarriedField {
  doc: KopsDocument;
  path: Path;
  /** Environment field it became (`workerPools[0].minSize`). */
  to: string;
  /** What changed on the way, when something did. */
  note?: string;
}

export interface DroppedField {
  doc: KopsDocument;
  path: Path;
  value: unknown;
  reason: string;
}

export interface UnknownField {
  doc: KopsDocument;
  path: Path;
  value: unknown;
}

const key = (doc: KopsDocument, path: Path) => `${doc.index}\u0000${path.join("\u0000")}`;

export class ImportLedger {
  readonly carried: CarriedField[] = [];
  readonly dropped: DroppedField[] = [];
  readonly unknown: UnknownField[] = [];
  /** Errors: the import fails and writes nothing. */
  readonly problems: ImportProblem[] = [];
  /** Choices the import made that a reviewer should know about (a pool's class, an added pool). */
  readonly decisions: string[] = [];
  /** Things to do before the first apply. */
  readonly actions: string[] = [];
  private readonly accounted = new Set<string>();

  constructor(readonly file: string) {}

  private mark(doc: KopsDocument, path: Path) {
    this.accounted.add(key(doc, path));
  }

  carry(doc: KopsDocument, path: Path, to: string, note?: string): void {
    this.mark(doc, path);
    this.carried.push({ doc, path, to, ...(note ? { note } : {}) });
  }

  drop(doc: KopsDocument, path: Path, value: unknown, reason: string): void {
    this.mark(doc, path);
    this.dropped.push({ doc, path, value, reason });
  }

  /** Read to decide something (a subnet's type, a group's role), not itself configuration to carry. */
  read(doc: KopsDocument, path: Path): void {
    this.mark(doc, path);
  }

  problem(doc: KopsDocument, path: Path, message: string): void {
    this.mark(doc, path);
    this.problems.push({ file: this.file, doc, path, message });
  }

  /** True when the field or one of its ancestors is accounted for. */
  isAccounted(doc: KopsDocument, path: Path): boolean {
    for (let i = path.length; i >= 0; i--) if (this.accounted.has(key(doc, path.slice(0, i)))) return true;
    return false;
  }

  /** True when something below the field is accounted for (so the field is not dropped whole). */
  hasEntriesBelow(doc: KopsDocument, path: Path): boolean {
    const prefix = `${key(doc, path)}\u0000`;
    for (const k of this.accounted) if (k.startsWith(prefix)) return true;
    return false;
  }

  warnUnknown(doc: KopsDocument, path: Path, value: unknown): void {
    this.mark(doc, path);
    this.unknown.push({ doc, path, value });
  }
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const kindOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "list" : typeof v === "object" ? "map" : typeof v);

/** Typed access to one document's fields; a value of the wrong type is a problem, not a guess. */
export class FieldReader {
  constructor(
    readonly doc: KopsDocument,
    readonly ledger: ImportLedger,
  ) {}

  value(path: Path): unknown {
    let v: unknown = this.doc.body;
    for (const seg of path) {
      if (v === null || v === undefined) return undefined;
      v = (v as Record<string | number, unknown>)[seg];
    }
    return v;
  }

  private typed<T>(path: Path, test: (v: unknown) => v is T, expected: string): T | undefined {
    const v = this.value(path);
    if (v === undefined || v === null) return undefined;
    if (!test(v)) {
      this.ledger.problem(this.doc, path, `must be ${expected}, got ${kindOf(v)} ${JSON.stringify(v)}`);
      return undefined;
    }
    return v;
  }

  string(path: Path): string | undefined {
    return this.typed<string>(path, (v) => typeof v === "string", "a string");
  }

  boolean(path: Path): boolean | undefined {
    return this.typed<boolean>(path, (v) => typeof v === "boolean", "true or false");
  }

  int(path: Path): number | undefined {
    return this.typed<number>(path, (v): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0, "a whole number >= 0");
  }

  map(path: Path): Record<string, unknown> | undefined {
    return this.typed<Record<string, unknown>>(path, isMap, "a map");
  }

  list(path: Path): unknown[] | undefined {
    return this.typed<unknown[]>(path, Array.isArray, "a list");
  }

  strings(path: Path): string[] | undefined {
    return this.typed<string[]>(path, (v): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string"), "a list of strings");
  }

  /** Kubernetes-style string maps (labels, tags); YAML numbers and booleans must be quoted there. */
  stringMap(path: Path): Record<string, string> | undefined {
    return this.typed<Record<string, string>>(path, (v): v is Record<string, string> => isMap(v) && Object.values(v).every((x) => typeof x === "string"), "a map of strings (quote numbers and true/false)");
  }

  carry(path: Path, to: string, note?: string): void {
    this.ledger.carry(this.doc, path, to, note);
  }

  drop(path: Path, reason: string): void {
    this.ledger.drop(this.doc, path, this.value(path), reason);
  }

  read(path: Path): void {
    this.ledger.read(this.doc, path);
  }

  problem(path: Path, message: string): void {
    this.ledger.problem(this.doc, path, message);
  }

  has(path: Path): boolean {
    const v = this.value(path);
    return v !== undefined && v !== null;
  }
}
