/**
 * `helm template` for every helm_release of the synthesized add-ons stacks, from the vendored
 * chart sources, as the Helm provider would install it: the release's name and namespace, the
 * cluster's Kubernetes version, CRDs included (the provider installs a chart's crds/ too), and the
 * values with other stacks' outputs stood in for (values.ts). Releases render in parallel child
 * processes; a failure carries Helm's own message.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { VENDOR_CHARTS } from "../../src/charts/chart-values";
import type { Environment } from "../../src/config/environment";
import { helmValues, type StackJson } from "../support/reference";
import type { KubeTools } from "./toolchain";
import { releaseValues } from "./values";

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: any;
}

export interface HelmReleaseConfig {
  name: string;
  namespace: string;
  chart: string;
  version: string;
  repository: string;
  values: string[];
}

export interface RenderedRelease {
  env: Environment;
  stack: string;
  release: HelmReleaseConfig;
  /** The values Helm got (references stood in for). */
  values: Record<string, unknown>;
  /** Each cross-stack reference in the values, and the value it was given. */
  substituted: Map<string, unknown>;
  /** Every object of the rendered manifest, each with the template it came from. */
  objects: (KubeObject & { source: string })[];
  ms: number;
}

export interface RenderJob {
  env: Environment;
  stack: string;
  addons: StackJson;
  producers: Record<string, StackJson>;
}

function runHelm(tools: KubeTools, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(tools.helm, args, { env: tools.env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`helm ${args.join(" ")}\n${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * Helm's output, one object per document. A CustomResourceDefinition is read only up to its
 * `spec` (its kind and name): nothing here checks a CRD's schema, and parsing the CRDs' large
 * schemas would cost more than rendering every chart.
 */
function parseManifest(text: string, where: string): (KubeObject & { source: string })[] {
  const objects: (KubeObject & { source: string })[] = [];
  for (const chunk of text.split(/^---[ \t]*$/m)) {
    // Helm precedes each document with "# Source: <chart>/templates/<file>".
    const source = /^# Source: (\S+)/m.exec(chunk)?.[1] ?? "?";
    const isCrd = /^kind: CustomResourceDefinition[ \t]*$/m.test(chunk);
    const doc = parseDocument(isCrd ? chunk.split(/^spec:/m)[0] : chunk);
    if (doc.errors.length > 0) throw new Error(`${where}: ${source} is not valid YAML: ${doc.errors[0].message}`);
    const value = doc.toJS() as KubeObject | null;
    if (value === null) continue;
    if (!value.apiVersion || !value.kind || !value.metadata?.name) throw new Error(`${where}: ${source} renders an object without apiVersion, kind or name`);
    objects.push({ ...value, source });
  }
  return objects;
}

async function renderOne(tools: KubeTools, job: RenderJob, address: string, release: HelmReleaseConfig, workDir: string): Promise<RenderedRelease> {
  // Values are a local of the stack, handed to the release as `${jsonencode(local.<name>)}`; its
  // JSON text carries the same references and `$${` escapes the values string used to.
  const { values, substituted } = releaseValues(job.env, job.stack, JSON.stringify(helmValues(job.addons, release)), job.producers);
  const valuesFile = path.join(workDir, `${job.stack}-${release.name}.json`);
  fs.writeFileSync(valuesFile, JSON.stringify(values));
  const args = [
    "template",
    release.name,
    path.join(VENDOR_CHARTS, release.chart, release.version),
    "--namespace",
    release.namespace,
    "--kube-version",
    `v${job.env.cluster.version}.0`,
    "--include-crds",
    "--values",
    valuesFile,
  ];
  const started = Date.now();
  const out = await runHelm(tools, args).catch((e: Error) => {
    throw new Error(`${job.stack}: helm_release.${address} (${release.chart} ${release.version}) does not render:\n${e.message}`);
  });
  return { env: job.env, stack: job.stack, release, values, substituted, objects: parseManifest(out, `${job.stack}/${release.name}`), ms: Date.now() - started };
}

/** Runs `tasks` with at most `limit` at once, keeping their order. */
async function pooled<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Renders every helm_release of every job. Rejects with every failure's message, not just the first. */
export async function renderReleases(tools: KubeTools, jobs: RenderJob[]): Promise<RenderedRelease[]> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-helm-"));
  try {
    const tasks = jobs.flatMap((job) =>
      Object.entries((job.addons.resource?.helm_release ?? {}) as unknown as Record<string, HelmReleaseConfig>).map(
        ([address, release]) => () => renderOne(tools, job, address, release, workDir).then((r) => ({ ok: true as const, r }), (e: Error) => ({ ok: false as const, e })),
      ),
    );
    // Helm is one short-lived process per release, mostly waiting on its own start-up: a few more than the cores.
    const settled = await pooled(tasks, Math.max(2, os.availableParallelism()) + 2);
    const failures = settled.filter((s) => !s.ok).map((s) => (s as { e: Error }).e.message);
    if (failures.length > 0) throw new Error(failures.join("\n\n"));
    return settled.map((s) => (s as { r: RenderedRelease }).r);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
