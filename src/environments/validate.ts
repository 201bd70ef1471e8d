/**
 * Validation of environment files: each file is read (plain data, schema, pool rules:
 * src/config/read-environment.ts), then every layer's rules run on it, then the rules across
 * files (src/environments/rules.ts). Every problem is collected; nothing stops at the first.
 */
import type { Environment } from "../config/environment";
import { ConfigError, type FieldError } from "../config/errors";
import { readEnvironment } from "../config/read-environment";
import { runStages } from "../config/rules/rule";
import { ENVIRONMENT_RULE_STAGES, FLEET_RULES } from "./rules";

export type ValidationResult = { ok: true; env: Environment } | { ok: false; errors: FieldError[] };

export interface LoadedEnvironment {
  /** Path relative to the project root, as shown in error messages. */
  file: string;
  env: Environment;
}

/** Validates one environment file's default export. */
export function validateEnvironment(exported: unknown, file: string): ValidationResult {
  const read = readEnvironment(exported);
  const problems = read.ok ? runStages(ENVIRONMENT_RULE_STAGES, read.env, read.input) : read.issues;
  if (problems.length > 0 || !read.ok) return { ok: false, errors: problems.map((i) => ({ file, ...i })) };
  return { ok: true, env: read.env };
}

/** Rules across environments: unique names, unique clusters per account and region, unique state. */
export function checkEnvironmentSet(envs: LoadedEnvironment[]): FieldError[] {
  return FLEET_RULES.flatMap((rule) => rule(envs));
}

/** Validates already-imported environment modules (what tests and the benchmark use). */
export function validateEnvironments(modules: { file: string; exported: unknown }[]): LoadedEnvironment[] {
  const errors: FieldError[] = [];
  const loaded: LoadedEnvironment[] = [];
  for (const { file, exported } of modules) {
    if (exported === undefined) {
      errors.push({ file, path: [], message: "has no default export: end the file with export default defineEnvironment({...})" });
      continue;
    }
    const result = validateEnvironment(exported, file);
    if (result.ok) loaded.push({ file, env: result.env });
    else errors.push(...result.errors);
  }
  errors.push(...checkEnvironmentSet(loaded));
  if (errors.length > 0) throw new ConfigError(errors);
  return loaded;
}
