/**
 * The imported environment as a TypeScript file like the ones people write: a header saying where
 * it came from, `defineEnvironment({...})`, bare keys where TypeScript allows them.
 */
import type { KopsImportResult } from "./import";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const isScalar = (v: unknown) => v === null || typeof v !== "object";

function literal(value: unknown, indent: string): string {
  if (isScalar(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inline = `[${value.map((v) => literal(v, inner)).join(", ")}]`;
    if (value.every(isScalar) && inline.length + indent.length <= 100 && !inline.includes("\\n")) return inline;
    return `[\n${value.map((v) => `${inner}${literal(v, inner)},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  const inline = `{ ${entries.map(([k, v]) => `${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${literal(v, inner)}`).join(", ")} }`;
  if (entries.every(([, v]) => isScalar(v)) && inline.length + indent.length <= 100 && !inline.includes("\\n")) return inline;
  return `{\n${entries.map(([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${literal(v, inner)},`).join("\n")}\n${indent}}`;
}

/** `importPath`: the module defineEnvironment comes from, relative to where the file is written. */
export function renderEnvironmentFile(result: KopsImportResult, source: string, importPath = "../src/config/environment"): string {
  return [
    "/**",
    ` * Imported from the kops cluster ${result.manifest.cluster.name} (${source}) by npm run import:kops.`,
    ` * Read ${result.name}.migration.md next to this file before the first apply: it lists what to do`,
    " * first, and every kops field that was not carried and why.",
    " */",
    `import { defineEnvironment } from ${JSON.stringify(importPath)};`,
    "",
    `export default defineEnvironment(${literal(result.environment, "")});`,
    "",
  ].join("\n");
}
