/**
 * The one error format a person sees, whatever check found the problem:
 * `environments/<file>.ts: <field.path>: <reason>`.
 */
import type { Path } from "./schema-kit";

export type { Path } from "./schema-kit";

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

/**
 * `workerPools[1].labels["kubernetes.io/role"]`: dots for plain keys, brackets for the rest; ""
 * for the file as a whole.
 */
export function formatPath(path: Path): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** `file: field: reason`, or `file: reason` for a problem with the whole file (an empty path). */
export function formatFieldError(e: FieldError): string {
  const field = formatPath(e.path);
  return field ? `${e.file}: ${field}: ${e.message}` : `${e.file}: ${e.message}`;
}
