/** The reference environments and their synthesized stacks, as test files see them. */
import * as fs from "node:fs";
import * as path from "node:path";
import { inject } from "vitest";
import type { Environment } from "../../src/config/environment";
import { loadEnvironments } from "../../src/environments/load";
import type { PolicyDocument } from "../../src/iam/policy-document";

export const PROJECT_ROOT = path.resolve(__dirname, "../..");

/** A synthesized stack: the parsed cdk.tf.json. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; description?: string }>;
  provider?: Record<string, Record<string, unknown>[]>;
  terraform?: Record<string, unknown>;
  locals?: Record<string, unknown>;
  [key: string]: unknown;
}

export function synthDir(): string {
  return inject("synthDir");
}

export function stackNames(): string[] {
  return fs.readdirSync(path.join(synthDir(), "stacks")).sort();
}

const cache = new Map<string, StackJson>();
export function stackJson(stack: string): StackJson {
  let json = cache.get(stack);
  if (!json) {
    json = JSON.parse(fs.readFileSync(path.join(synthDir(), "stacks", stack, "cdk.tf.json"), "utf8")) as StackJson;
    cache.set(stack, json);
  }
  return json;
}

let envs: Promise<Environment[]> | undefined;
export function referenceEnvironments(): Promise<Environment[]> {
  // Frozen: every test of a file shares them, so a test that changed one would change what the
  // tests after it see; it throws instead.
  envs ??= loadEnvironments(path.join(PROJECT_ROOT, "environments"), PROJECT_ROOT).then((l) => l.map((e) => deepFreeze(e.env)));
  return envs;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** All resources of a type in a stack, by Terraform name. */
export function resources<T = Record<string, unknown>>(stack: StackJson, type: string): Record<string, T> {
  return (stack.resource?.[type] ?? {}) as Record<string, T>;
}

/** The one resource of a type whose config matches `where`; fails the test if there is not exactly one. */
export function oneResource<T = Record<string, unknown>>(stack: StackJson, type: string, where: (r: T) => boolean = () => true): T {
  const found = Object.values(resources<T>(stack, type)).filter(where);
  if (found.length !== 1) throw new Error(`expected exactly one ${type} matching, found ${found.length}`);
  return found[0];
}

/**
 * A policy document as the stack holds it: every policy is a `locals` entry handed to its resource
 * as `${jsonencode(local.<name>)}` (src/constructs/shared/policy-local.ts). References inside stay as
 * Terraform wrote them; __tests__/iam/iam-world.ts resolves them for the evaluator.
 */
export function documentOf(stack: StackJson, value: string): PolicyDocument {
  const local = /^\$\{jsonencode\(local\.([A-Za-z0-9_-]+)\)\}$/.exec(value)?.[1];
  if (!local) throw new Error(`not a policy local: ${value.slice(0, 80)}`);
  const doc = stack.locals?.[local];
  if (!doc) throw new Error(`no local ${local} in the stack`);
  return doc as PolicyDocument;
}

/**
 * The access stack's policy for one of the cluster stack's components, its ARN (from name and
 * path, as IAM forms it) and its document.
 */
export function componentPolicyOf(access: StackJson, account: string, component: string): { arn: string; document: PolicyDocument } {
  const p = oneResource<{ name: string; path: string; policy: string }>(access, "aws_iam_policy", (r) => r.name.endsWith(`-${component}-permissions`));
  return { arn: `arn:aws:iam::${account}:policy${p.path}${p.name}`, document: documentOf(access, p.policy) };
}

/** Policy ARNs attached to a role, by the role's Terraform name. */
export function attachedPolicies(stack: StackJson, roleResource: string): string[] {
  return Object.values(resources<{ role: string; policy_arn: string }>(stack, "aws_iam_role_policy_attachment"))
    .filter((a) => a.role === `\${aws_iam_role.${roleResource}.name}`)
    .map((a) => a.policy_arn);
}

/**
 * A helm_release's values as Terraform hands them to Helm: its `values` entry is
 * `${jsonencode(local.<name>)}`, so this is that local of the stack.
 */
export function helmValues<T = Record<string, any>>(stack: StackJson, release: { values: string[] }): T {
  const local = /^\$\{jsonencode\(local\.([A-Za-z0-9_]+)\)\}$/.exec(release.values[0]);
  if (!local || release.values.length !== 1) throw new Error(`helm_release values are not one jsonencode(local.<name>): ${JSON.stringify(release.values)}`);
  const value = stack.locals?.[local[1]];
  if (value === undefined) throw new Error(`local.${local[1]} is not defined in the stack`);
  return value as T;
}
