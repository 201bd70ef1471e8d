/**
 * Finds every environment file, loads it and validates it. There is no list of environments to
 * keep in sync: a file in environments/ is an environment.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError, type FieldError } from "../config/errors";
import { validateEnvironments, type LoadedEnvironment } from "./validate";

/** Module files that look like an environment but would not be loaded as one. */
const OTHER_MODULE = /\.(ts|mts|cts|tsx|js|mjs|cjs|jsx)$/i;

/**
 * `environments/*.ts`, sorted; files starting with `_` are shared helpers, not environments.
 * Another module extension (`.mts`, `.tsx`, `.TS`, `.js`, ...) is refused rather than skipped: a
 * file someone meant as an environment must not silently produce nothing.
 */
export function environmentFiles(dir: string): { files: string[]; refused: string[] } {
  const files: string[] = [];
  const refused: string[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    if (f.startsWith("_") || f.startsWith(".") || f.endsWith(".d.ts")) continue;
    if (f.endsWith(".ts")) files.push(path.join(dir, f));
    else if (OTHER_MODULE.test(f)) refused.push(path.join(dir, f));
  }
  return { files, refused };
}

/** A load failure as a person reads it: a syntax error with its line, column and reason. */
export function loadErrorMessage(e: unknown): string {
  const err = e as { message?: unknown; errors?: { text?: string; location?: { line: number; column: number } | null }[] };
  // esbuild (tsx, vitest) reports `<file>:<line>:<column>: ERROR: <reason>`, columns from 0.
  const first = err.errors?.find((x) => x.location);
  if (first?.location && first.text) return `syntax error at line ${first.location.line}, column ${first.location.column + 1}: ${first.text}`;
  const message = typeof err.message === "string" ? err.message : String(e);
  const located = /:(\d+):(\d+): ERROR: (.+)$/m.exec(message);
  if (located) return `syntax error at line ${located[1]}, column ${Number(located[2]) + 1}: ${located[3]}`;
  const name = e instanceof Error && e.name !== "Error" ? `${e.name}: ` : "";
  return `could not be loaded: ${name}${message.split("\n")[0]}`;
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
  const relative = (abs: string) => path.relative(root, abs).split(path.sep).join("/");
  const { files, refused } = environmentFiles(dir);
  for (const abs of refused) {
    loadErrors.push({
      file: relative(abs),
      path: [],
      message: `is not loaded: environment files end in .ts (lower case); rename it to ${path.basename(abs).replace(/\.[^.]+$/, ".ts")}, or start its name with _ if it is a helper`,
    });
  }
  for (const abs of files) {
    const file = relative(abs);
    try {
      const mod = (await importer(abs)) as { default?: unknown };
      modules.push({ file, exported: unwrapDefault(mod.default) });
    } catch (e) {
      loadErrors.push({ file, path: [], message: loadErrorMessage(e) });
    }
  }
  if (modules.length === 0 && loadErrors.length === 0) {
    throw new ConfigError([{ file: relative(dir) || dir, path: [], message: "holds no environment files" }]);
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
  try {
    return v && typeof v === "object" && v.__esModule && "default" in v ? v.default : value;
  } catch {
    return value; // a getter or proxy that throws is reported when the export is read
  }
}
