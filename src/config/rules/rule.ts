/**
 * The shape of every validation rule, and how rules run. A rule is a pure function from what it
 * needs to the problems it finds (each at a field path); a layer with something to check exports
 * its own rules, and one place at the top (src/environments/rules.ts) lists them all.
 */
import type { Environment, EnvironmentInput } from "../environment";
import type { FieldError } from "../errors";
import type { Issue } from "../schema-kit";
import type { WorkerPool } from "../worker-pool";
import type { WorkerPoolInput } from "../worker-pool-schema";

export type { Issue } from "../schema-kit";

/**
 * A rule over one environment whose schema passed: `env` is resolved (every default applied),
 * `input` is what the file says, for rules whose message or field depends on what was written.
 */
export type EnvironmentRule = (env: Environment, input: EnvironmentInput) => Issue[];

/** A rule over one worker pool, as written and as resolved; paths are relative to the pool. */
export type PoolRule = (input: WorkerPoolInput, pool: WorkerPool) => Issue[];

/** A rule over one pool of a resolved environment (pool `i` of env.workerPools); paths are the file's. */
export type PoolInEnvironmentRule = (pool: WorkerPool, i: number, env: Environment) => Issue[];

/** A rule across every environment that passed its own rules (names, state, shared account objects). */
export type FleetRule = (envs: { file: string; env: Environment }[]) => FieldError[];

/**
 * Rules in stages: a stage runs only when every stage before it found nothing, because its rules
 * assume what those stages check (a pool's sizes are consistent, the rest of the file is valid).
 * Within a stage every rule runs, in order, so all its problems are reported at once.
 */
export function runStages(stages: readonly (readonly EnvironmentRule[])[], env: Environment, input: EnvironmentInput): Issue[] {
  for (const stage of stages) {
    const issues = stage.flatMap((rule) => rule(env, input));
    if (issues.length > 0) return issues;
  }
  return [];
}

/** Runs pool rules pool after pool (every rule on pool 0, then on pool 1, ...): a pool's problems read together. */
export function eachPool(...rules: PoolInEnvironmentRule[]): EnvironmentRule {
  return (env) => env.workerPools.flatMap((pool, i) => rules.flatMap((rule) => rule(pool, i, env)));
}

/** Runs rules across environments and reports file by file (every rule's problems with the first file, then the second's, ...). */
export function fileByFile(...rules: FleetRule[]): FleetRule {
  return (envs) => {
    const found = rules.map((rule) => rule(envs));
    return envs.flatMap(({ file }) => found.flatMap((errors) => errors.filter((e) => e.file === file)));
  };
}
