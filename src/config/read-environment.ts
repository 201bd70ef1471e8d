/**
 * Reads an environment file's default export into a resolved Environment, reporting every problem
 * of the file as written: what cannot be copied as plain data, then the schema's field problems
 * and the pool rules together (a pool whose own fields are valid is checked as a whole even when
 * other fields are not, so one run shows them all). Rules over the whole environment run after
 * this, on the result (src/environments/validate.ts).
 */
import { resolveEnvironment, type Environment, type EnvironmentInput } from "./environment";
import { environmentInputSchema } from "./environment-schema";
import { toPlainData } from "./plain-data";
import { poolProblems } from "./rules/worker-pool";
import type { Issue, Path } from "./schema-kit";
import { resolvePool, type WorkerPool } from "./worker-pool";
import type { WorkerPoolInput } from "./worker-pool-schema";

export type ReadResult = { ok: true; input: EnvironmentInput; env: Environment } | { ok: false; issues: Issue[] };

const describeValue = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "a list" : `a ${typeof v}`);

export function readEnvironment(exported: unknown): ReadResult {
  const issues: Issue[] = [];
  // A plain-data copy: getters read once, cycles, Promises and class instances reported at their field.
  const raw = toPlainData(exported, [], issues);
  // Problems of the export as a whole read as sentences about it.
  for (const i of issues) if (i.path.length === 0) i.message = `the default export ${i.message}`;
  if (issues.length === 0 && (typeof raw !== "object" || raw === null || Array.isArray(raw))) {
    issues.push({ path: [], message: `the default export must be the environment object (export default defineEnvironment({...})), got ${describeValue(raw)}` });
  }
  if (issues.length > 0) return { ok: false, issues };
  const fieldsValid = environmentInputSchema.check(raw, [], issues);
  const pools = checkPools((raw as { workerPools?: unknown }).workerPools, issues);
  if (!fieldsValid || issues.length > 0) return { ok: false, issues };
  const input = raw as EnvironmentInput;
  return { ok: true, input, env: resolveEnvironment(input, pools as WorkerPool[]) };
}

/**
 * Resolves every pool whose fields passed the schema (once: the environment reuses it) and runs
 * the pool rules on it. Their problems go where the schema would report a problem of that pool:
 * after the pools before it, before anything the schema reports later.
 */
function checkPools(written: unknown, issues: Issue[]): (WorkerPool | undefined)[] {
  if (!Array.isArray(written)) return [];
  const failed = new Set(issues.filter((i) => i.path[0] === "workerPools").map((i) => i.path[1]));
  return written.map((input: WorkerPoolInput, i) => {
    if (failed.has(i)) return undefined;
    const pool = resolvePool(input);
    const found = poolProblems(input, pool).map((p) => ({ path: ["workerPools", i, ...p.path], message: p.message }));
    const at = issues.findIndex((issue) => reportedAfterPool(issue.path, i));
    issues.splice(at < 0 ? issues.length : at, 0, ...found);
    return pool;
  });
}

/** The schema reports the fields in the order it declares them, unknown keys last. */
const FIELD_ORDER = Object.keys(environmentInputSchema.shape);
const POOLS_RANK = FIELD_ORDER.indexOf("workerPools");
const rank = (key: string | number | undefined) => (typeof key === "string" && FIELD_ORDER.includes(key) ? FIELD_ORDER.indexOf(key) : FIELD_ORDER.length);

function reportedAfterPool(path: Path, pool: number): boolean {
  const r = rank(path[0]);
  return r > POOLS_RANK || (r === POOLS_RANK && (typeof path[1] !== "number" || path[1] > pool));
}
