/** HCL literals for the generated test files. */

export interface Assertion {
  /** A Terraform expression, in the stack's own scope, that must be true after the mocked apply. */
  condition: string;
  message: string;
}

/** HCL literal for a JSON-like value; strings never interpolate. */
export function hcl(value: unknown, indent = ""): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") {
    return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{")}"`;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[${value.map((v) => hcl(v, inner)).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)} = ${hcl(v, inner)}`).join("\n")}\n${indent}}`;
}
