/**
 * Which stacks GitHub Actions runs, and in which order, read from what synth committed:
 * `generated/manifest.json` (stacks and their dependencies) and each stack's `cdk.tf.json`
 * (backend, account, and the GitHub roles of its environment's access stack). Pure functions of
 * the files, so the tests run them against a real git repository.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface ManifestStack {
  name: string;
  dependencies: string[];
  workingDirectory: string;
}

export interface CiStack {
  stack: string;
  environment: string;
  /** Position in the dependency order: 0 for stacks that depend on nothing (access), then cluster, then add-ons. */
  wave: number;
  /** Relative to the repository root. */
  workingDirectory: string;
  backend: "s3" | "local";
  /** One per Terraform state: the concurrency group that serializes every run on that state. */
  concurrencyGroup: string;
  region: string;
  planRoleArn: string;
  applyRoleArn: string;
  /** The protected GitHub environment the apply role trusts. */
  githubEnvironment: string;
  /** The access stack creates IAM: an account administrator applies it, never the apply role. */
  administratorApplies: boolean;
}

export interface Skipped {
  stack: string;
  reason: string;
}

export interface StackSet {
  stacks: CiStack[];
  skipped: Skipped[];
}

/** The pipeline knows three waves: access, cluster, add-ons. */
export const WAVES = 3;

type Json = Record<string, any>;

export function readManifest(root: string): ManifestStack[] {
  const file = path.join(root, "generated", "manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { stacks: Record<string, { name: string; dependencies?: string[]; workingDirectory: string }> };
  return Object.values(manifest.stacks).map((s) => ({ name: s.name, dependencies: s.dependencies ?? [], workingDirectory: path.posix.join("generated", s.workingDirectory) }));
}

/** Depth of each stack in the dependency graph; a cycle or an unknown dependency is an error. */
export function waves(stacks: ManifestStack[]): Map<string, number> {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const depth = new Map<string, number>();
  const visit = (name: string, trail: string[]): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (trail.includes(name)) throw new Error(`generated/manifest.json: dependency cycle ${[...trail, name].join(" -> ")}`);
    const s = byName.get(name);
    if (!s) throw new Error(`generated/manifest.json: ${trail[trail.length - 1]} depends on unknown stack ${name}`);
    const d = s.dependencies.length === 0 ? 0 : 1 + Math.max(...s.dependencies.map((x) => visit(x, [...trail, name])));
    depth.set(name, d);
    return d;
  };
  for (const s of stacks) visit(s.name, []);
  return depth;
}

/** Dependencies first; stacks of one wave by name, so the order is stable. */
export function ordered<T extends { stack: string; wave: number }>(stacks: T[], reverse = false): T[] {
  const sorted = [...stacks].sort((a, b) => a.wave - b.wave || a.stack.localeCompare(b.stack));
  return reverse ? sorted.reverse() : sorted;
}

function readStack(root: string, s: ManifestStack): Json {
  return JSON.parse(fs.readFileSync(path.join(root, s.workingDirectory, "cdk.tf.json"), "utf8")) as Json;
}

function roleArn(access: Json, address: string, account: string): string | undefined {
  const role = access.resource?.aws_iam_role?.[address] as { name: string; path?: string } | undefined;
  return role ? `arn:aws:iam::${account}:role${role.path ?? "/"}${role.name}` : undefined;
}

/** The protected environment named in the apply role's trust (`repo:o/r:environment:<name>`). */
function githubEnvironment(access: Json): string {
  const subjects = [access.locals?.github_apply_trust?.Statement?.[0]?.Condition?.StringEquals?.["token.actions.githubusercontent.com:sub"] ?? []].flat() as string[];
  const env = subjects.map((s) => /:environment:(.+)$/.exec(s)?.[1]).find(Boolean);
  if (!env) throw new Error("the access stack's GitHub apply role trusts no environment");
  return env;
}

/** Every stack of the manifest, split into the ones GitHub Actions runs and the ones it leaves alone (with why). */
export function ciStacks(root: string): StackSet {
  const manifest = readManifest(root);
  const depth = waves(manifest);
  const stacks: CiStack[] = [];
  const skipped: Skipped[] = [];
  for (const s of manifest) {
    const json = readStack(root, s);
    const environment = /^(.+)-[a-z]+$/.exec(s.name)?.[1] ?? s.name;
    const wave = depth.get(s.name)!;
    if (wave >= WAVES) throw new Error(`${s.name} is ${wave + 1} stacks deep; the workflows apply ${WAVES} waves (access, cluster, add-ons)`);
    const backend = json.terraform?.backend ?? {};
    if (json.terraform?.cloud || backend.remote) {
      skipped.push({ stack: s.name, reason: "Terraform Cloud runs it (cloud backend)" });
      continue;
    }
    // The access stack of the environment: the root of its dependencies.
    const rootStack = manifest.find((m) => m.name === `${environment}-access`) ?? s;
    const access = rootStack === s ? json : readStack(root, rootStack);
    const provider = (access.provider?.aws ?? [])[0] as Json | undefined;
    const account = provider?.allowed_account_ids?.[0] as string | undefined;
    const plan = account && roleArn(access, "github_plan_role", account);
    const apply = account && roleArn(access, "github_apply_role", account);
    if (!plan || !apply) {
      skipped.push({ stack: s.name, reason: `environment ${environment} has no ci.github (no GitHub roles in ${environment}-access)` });
      continue;
    }
    const s3 = backend.s3 as { bucket: string; key: string } | undefined;
    stacks.push({
      stack: s.name,
      environment,
      wave,
      workingDirectory: s.workingDirectory,
      backend: s3 ? "s3" : "local",
      concurrencyGroup: s3 ? `tfstate-s3-${s3.bucket}-${s3.key}`.replace(/[^A-Za-z0-9._-]/g, "-") : `tfstate-local-${s.name}`,
      region: provider!.region as string,
      planRoleArn: plan,
      applyRoleArn: apply,
      githubEnvironment: githubEnvironment(access),
      administratorApplies: Object.keys(json.resource?.aws_iam_role ?? {}).length > 0,
    });
  }
  return { stacks: ordered(stacks), skipped };
}

/** The stacks a set of changed paths touches; paths of stacks no longer in the manifest are `removed`. */
export function stacksOfPaths(manifest: ManifestStack[], paths: string[]): { changed: string[]; removed: string[] } {
  const changed = new Set<string>();
  const removed = new Set<string>();
  for (const p of paths) {
    const m = /^generated\/stacks\/([^/]+)\//.exec(p);
    if (!m) continue;
    if (manifest.some((s) => s.name === m[1])) changed.add(m[1]);
    else removed.add(m[1]);
  }
  return { changed: [...changed].sort(), removed: [...removed].sort() };
}
