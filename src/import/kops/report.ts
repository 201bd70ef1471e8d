/**
 * The migration report: what to do before the first apply, the choices the import made, and every
 * kops field with what became of it (carried where, or not carried and why). Markdown, written
 * next to the environment file and printed; deterministic, so it can be reviewed as a golden file.
 */
import { formatPath, type Path } from "../../config/errors";
import { describeDocument, type KopsDocument } from "./documents";
import type { KopsImportOptions, KopsImportResult } from "./import";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function shown(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) as string | undefined) ?? "";
  return cell(text.length > 70 ? `${text.slice(0, 67)}...` : text);
}

const docLabel = (doc: KopsDocument) => `${doc.kind} ${doc.name}`;

/** Position of every field in its document (depth first), so the report follows the file. */
function fieldOrder(doc: KopsDocument): Map<string, number> {
  const order = new Map<string, number>();
  const visit = (path: Path, v: unknown) => {
    order.set(path.join("\u0000"), order.size);
    if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) visit([...path, Array.isArray(v) ? Number(k) : k], x);
  };
  visit([], doc.body);
  return order;
}

function inFileOrder<T extends { doc: KopsDocument; path: Path }>(entries: T[]): T[] {
  const orders = new Map<KopsDocument, Map<string, number>>();
  const position = (e: T) => {
    if (!orders.has(e.doc)) orders.set(e.doc, fieldOrder(e.doc));
    const order = orders.get(e.doc)!;
    for (let i = e.path.length; i >= 0; i--) {
      const at = order.get(e.path.slice(0, i).join("\u0000"));
      if (at !== undefined) return at;
    }
    return 0;
  };
  return entries
    .map((e, i) => ({ e, i, doc: e.doc.index, at: position(e) }))
    .sort((a, b) => a.doc - b.doc || a.at - b.at || a.i - b.i)
    .map((x) => x.e);
}

/** The command-line options that shaped the result, in a fixed order. */
export function optionsLine(o: KopsImportOptions): string {
  const parts: string[] = [];
  if (o.name) parts.push(`--name ${o.name}`);
  if (o.account) parts.push(`--account ${o.account}`);
  if (o.region) parts.push(`--region ${o.region}`);
  if (o.vpcId) parts.push(`--vpc-id ${o.vpcId}`);
  for (const [n, id] of Object.entries(o.subnetIds ?? {}).sort(([a], [b]) => a.localeCompare(b))) parts.push(`--subnet-id ${n}=${id}`);
  for (const a of o.addSubnets ?? []) parts.push(`--add-subnet ${a.type}:${a.zone}=${a.id}`);
  return parts.join(" ");
}

export function renderReport(result: KopsImportResult, source: string): string {
  const { ledger, manifest, name } = result;
  const groups = manifest.instanceGroups.length;
  const out: string[] = [
    `# Migration report: kops cluster ${manifest.cluster.name} to environment ${name}`,
    "",
    `Imported from \`${source}\` by \`npm run import:kops\` into \`${name}.ts\`: 1 Cluster, ${groups} InstanceGroup${groups === 1 ? "" : "s"}` +
      (manifest.ignored.length > 0 ? `, ${manifest.ignored.length} other document${manifest.ignored.length === 1 ? "" : "s"} ignored` : "") +
      ".",
  ];
  const opts = optionsLine(result.options);
  if (opts) out.push("", `Options: \`${opts}\``);

  out.push("", "## Before the first apply", "");
  ledger.actions.forEach((a, i) => out.push(`${i + 1}. ${a}`));

  out.push("", "## Decisions", "");
  for (const d of ledger.decisions) out.push(`- ${d}`);

  out.push("", "## Carried", "", "| document | kops field | environment field | note |", "| --- | --- | --- | --- |");
  for (const c of inFileOrder(ledger.carried)) out.push(`| ${docLabel(c.doc)} | \`${formatPath(c.path)}\` | \`${cell(c.to)}\` | ${cell(c.note ?? "")} |`);

  out.push("", "## Not carried", "", "| document | kops field | value | why |", "| --- | --- | --- | --- |");
  for (const d of inFileOrder(ledger.dropped)) out.push(`| ${docLabel(d.doc)} | \`${formatPath(d.path)}\` | \`${shown(d.value)}\` | ${cell(d.reason)} |`);

  if (ledger.unknown.length > 0) {
    out.push("", "## Unknown fields (not carried)", "", "This import does not know these fields; check whether they matter for the new cluster.", "");
    for (const u of inFileOrder(ledger.unknown)) out.push(`- ${describeDocument(u.doc)}: \`${formatPath(u.path)}\` = \`${shown(u.value)}\``);
  }
  if (manifest.ignored.length > 0) {
    out.push("", "## Ignored documents", "");
    for (const d of manifest.ignored) out.push(`- ${describeDocument(d)}: not a Cluster or InstanceGroup`);
  }
  out.push("");
  return out.join("\n");
}

/** One line per unknown field, as the CLI prints them to stderr. */
export function unknownFieldWarnings(result: KopsImportResult): string[] {
  return result.ledger.unknown.map((u) => `${result.ledger.file}: ${describeDocument(u.doc)}: ${formatPath(u.path)}: unknown kops field; not carried (listed in the report)`);
}
