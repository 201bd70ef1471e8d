/**
 * Turns schema issues into `environments/<file>.ts: <field.path>: <reason>` lines: the one error
 * format a person sees, whatever check found the problem.
 */
import type { z } from "zod";

export type Path = readonly PropertyKey[];

export interface FieldError {
  file: string;
  path: Path;
  message: string;
}

/** Thrown when any environment is invalid; carries every problem found, not just the first. */
export class ConfigError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map(formatFieldError).join("\n"));
    this.name = "ConfigError";
  }
}

/** `workerPools[1].labels["kubernetes.io/role"]`: dots for plain keys, brackets for the rest. */
export function formatPath(path: Path): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (typeof seg === "string" && /^[A-Za-z_][\w-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out || "(environment)";
}

export function formatFieldError(e: FieldError): string {
  return `${e.file}: ${formatPath(e.path)}: ${e.message}`;
}

type Issue = z.core.$ZodIssue;

/** Keys the schema allows at a path, for "did you mean" hints on typos. */
function keysAt(schema: z.core.$ZodType, path: Path): string[] {
  let current: z.core.$ZodType | undefined = schema;
  const unwrap = (s: z.core.$ZodType): z.core.$ZodType[] => {
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
      case "optional":
      case "nullable":
      case "default":
      case "readonly":
        return unwrap(def.innerType as z.core.$ZodType);
      case "pipe":
        return unwrap(def.in as z.core.$ZodType);
      case "union":
        return (def.options as z.core.$ZodType[]).flatMap(unwrap);
      default:
        return [s];
    }
  };
  let candidates = current ? unwrap(current) : [];
  for (const seg of path) {
    const next: z.core.$ZodType[] = [];
    for (const c of candidates) {
      const def = c._zod.def as unknown as Record<string, unknown> & { type: string };
      if (def.type === "object" && typeof seg === "string") {
        const child = (def.shape as Record<string, z.core.$ZodType>)[seg];
        if (child) next.push(...unwrap(child));
      } else if (def.type === "array" && typeof seg === "number") {
        next.push(...unwrap(def.element as z.core.$ZodType));
      } else if (def.type === "record") {
        next.push(...unwrap(def.valueType as z.core.$ZodType));
      }
    }
    candidates = next;
    current = next[0];
  }
  return candidates.flatMap((c) => {
    const def = c._zod.def as unknown as Record<string, unknown> & { type: string };
    return def.type === "object" ? Object.keys(def.shape as object) : [];
  });
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

function suggestion(key: string, allowed: string[]): string {
  const best = allowed
    .map((k) => ({ k, d: editDistance(key, k) }))
    .sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean "${best.k}"?)` : "";
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** One issue, possibly several lines (unknown keys, union branches). Paths are absolute. */
function issueToErrors(file: string, issue: Issue, schema: z.core.$ZodType, base: Path = []): FieldError[] {
  const path = [...base, ...issue.path];
  const strip = (m: string) => m.replace(/^(Invalid input|Invalid option|Too small|Too big|Invalid string): /, "");
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = keysAt(schema, path);
      return issue.keys.map((key) => ({
        file,
        path: [...path, key],
        message: `unknown key${suggestion(key, allowed)}; allowed keys here: ${allowed.join(", ")}`,
      }));
    }
    case "invalid_type": {
      const missing = /received undefined$/.test(issue.message);
      const got = /received (\w+)$/.exec(issue.message)?.[1];
      return [{ file, path, message: missing ? "is required" : `must be ${article(issue.expected)}${got ? `, got ${article(got)}` : ""}` }];
    }
    case "invalid_value":
      return [{
        file,
        path,
        message: issue.message.startsWith("Invalid")
          ? `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`
          : issue.message,
      }];
    case "invalid_union": {
      // Prefer the branch that got past the type check: its message says what is actually wrong.
      const branches = issue.errors.map((branch) => branch.filter((i) => !(i.code === "invalid_type" && i.path.length === 0)));
      const informative = branches.find((b) => b.length > 0 && b.length === issue.errors[branches.indexOf(b)].length) ?? branches.find((b) => b.length > 0);
      if (informative) return informative.flatMap((i) => issueToErrors(file, i, schema, path));
      return [{ file, path, message: issue.message === "Invalid input" ? "has the wrong type or shape" : strip(issue.message) }];
    }
    default:
      return [{ file, path, message: strip(issue.message) }];
  }
}

export function zodIssuesToErrors(file: string, issues: readonly Issue[], schema: z.core.$ZodType): FieldError[] {
  return issues.flatMap((i) => issueToErrors(file, i, schema));
}
