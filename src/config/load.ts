/**
 * Finds every environment file, loads it and validates it. There is no list of environments to
 * keep in sync: a file in environments/ is an environment.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Environment } from "./environment";
import { ConfigError, type FieldError } from "./errors";
import { checkEnvironmentSet, validateEnvironment } from "./validate";

export interface LoadedEnvironment {
  /** Path relative to the project root, as shown in error messages. */
  file: string;
  env: Environment;
}

/** `environments/*.ts`, sorted; files starting with `_` are shared helpers, not environments. */
export function environmentFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.startsWith("_"))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Validates already-imported environment modules (what tests and the benchmark use). */
export function validateEnvironments(modules: { file: string; exported: unknown }[]): LoadedEnvironment[] {
  const errors: FieldError[] = [];
  const loaded: LoadedEnvironment[] = [];
  for (const { file, exported } of modules) {
    if (exported === undefined) {
      errors.push({ file, path: ["default export"], message: "is missing: end the file with export default defineEnvironment({...})" });
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

/** Imports one environment file (absolute path); must understand TypeScript. */
export type ModuleImporter = (file: string) => unknown;

/** Dynamic import: works under tsx and vitest. */
const importModule: ModuleImporter = (file) => import(pathToFileURL(file).href);

/**
 * Loads every environment under `dir` (absolute) with `importer` (default: dynamic import; the
 * CLI passes tsx's `require`, which skips the ES module loader's hooks and is faster).
 * Rejects with a ConfigError listing every problem in every file.
 */
export async function loadEnvironments(dir: string, root: string = path.dirname(dir), importer: ModuleImporter = importModule): Promise<LoadedEnvironment[]> {
  const modules: { file: string; exported: unknown }[] = [];
  const loadErrors: FieldError[] = [];
  for (const abs of environmentFiles(dir)) {
    const file = path.relative(root, abs).split(path.sep).join("/");
    try {
      const mod = (await importer(abs)) as { default?: unknown };
      modules.push({ file, exported: unwrapDefault(mod.default) });
    } catch (e) {
      loadErrors.push({ file, path: ["(file)"], message: `could not be loaded: ${(e as Error).message.split("\n")[0]}` });
    }
  }
  if (modules.length === 0 && loadErrors.length === 0) {
    throw new ConfigError([{ file: path.relative(root, dir) || dir, path: ["(folder)"], message: "holds no environment files" }]);
  }
  let loaded: LoadedEnvironment[] = [];
  const errors = [...loadErrors];
  try {
    loaded = validateEnvironments(modules);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    errors.push(...e.errors);
  }
  if (errors.length > 0) throw new ConfigError(errors);
  return loaded;
}

/** A CommonJS-compiled module imported from ESM nests its default export one level down. */
function unwrapDefault(value: unknown): unknown {
  const v = value as { __esModule?: boolean; default?: unknown } | undefined;
  return v && typeof v === "object" && v.__esModule && "default" in v ? v.default : value;
}
