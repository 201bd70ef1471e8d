/**
 * What keeps synth fast, guarded by what it does: the app loads only the provider classes it uses
 * (a root import loads all ~2,100 AWS resource modules: seconds and ~500 MB per process), the
 * process setup really turns off what it says, stacks share named outputs only (so synth can skip
 * CDKTF's discovery pass), and the benchmark itself runs, small.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { App } from "cdktf";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { validateEnvironment } from "../src/environments/validate";
import { EnvironmentStack } from "../src/stacks/environment-stack";
import { PROJECT_ROOT } from "./support/reference";
import { FILE, validInput } from "./support/fixtures";
import { importedModules, isProviderBarrel, providerBarrelImports, type LoadedProviderModules } from "./support/provider-imports";

function sources(): string[] {
  const out: string[] = [path.join(PROJECT_ROOT, "main.ts")];
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== "node_modules" && !e.name.startsWith(".")) visit(p);
      else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(e.name)) out.push(p);
    }
  };
  for (const dir of ["src", "environments", "scripts", "__tests__"]) visit(path.join(PROJECT_ROOT, dir));
  return out;
}

/** Runs a probe script of __tests__/support in a fresh Node process, as main.ts runs (tsx). */
function probe<T>(script: string, args: string[], env: NodeJS.ProcessEnv = {}): T {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "support", script), ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", EKS_SYNTH_DEBUG: "", ...env },
  });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** The resource folders a provider package has under lib/: what its root import loads. */
const resourceModules = (pkg: string) =>
  fs.readdirSync(path.join(PROJECT_ROOT, "node_modules", "@cdktf", pkg, "lib"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

describe("provider imports", () => {
  it("the whole app loads only the provider modules its source imports one by one", () => {
    const deep = new Map<string, Set<string>>();
    for (const f of sources().filter((f) => f.startsWith(path.join(PROJECT_ROOT, "src")))) {
      for (const specifier of importedModules(fs.readFileSync(f, "utf8"))) {
        const [, pkg, mod] = /^@cdktf\/(provider-[a-z0-9-]+)\/lib\/([a-z0-9-]+)$/.exec(specifier) ?? [];
        if (!pkg) continue;
        if (!deep.has(pkg)) deep.set(pkg, new Set());
        deep.get(pkg)!.add(mod);
      }
    }
    const loaded = probe<LoadedProviderModules>("provider-modules-probe.ts", ["./src/app.ts"]);
    expect(Object.keys(loaded).length).toBeGreaterThan(0);
    // Only what src/ names one by one (a module only scripts use need not be loaded by the app).
    for (const [pkg, mods] of Object.entries(loaded)) expect(mods.filter((m) => !deep.get(pkg)?.has(m)), pkg).toEqual([]);
    // Far from the whole package: a stray root import shows here even if the lists above were wrong.
    expect(loaded["provider-aws"].length).toBeLessThan(resourceModules("provider-aws").length / 10);
  });

  it("the probe sees what a root import loads (the cost the rule avoids)", () => {
    // The Helm provider: the smallest package, the same layout as AWS's.
    const loaded = probe<LoadedProviderModules>("provider-modules-probe.ts", ["@cdktf/provider-helm"]);
    expect(loaded["provider-helm"].sort()).toEqual(resourceModules("provider-helm").sort());
  });

  it("no source file imports a provider package from its root or its lib index", () => {
    const offenders = sources()
      .map((f) => ({ file: path.relative(PROJECT_ROOT, f), barrels: providerBarrelImports(fs.readFileSync(f, "utf8")) }))
      .filter((o) => o.barrels.length > 0);
    expect(offenders).toEqual([]);
  });

  it("the import scan finds every form of a root import, and no deep one", () => {
    // Package names assembled, so this file itself holds no root import for a scan of the repository to trip on.
    const pkg = (name: string) => `@cdktf/provider-${name}`;
    const source = [
      `import { SqsQueue } from "${pkg("aws")}";`,
      `import * as aws from '${pkg("aws")}/lib';`,
      `export * from "${pkg("kubernetes")}/lib/index";`,
      `const helm = require("${pkg("helm")}");`,
      `const tfe = await import("${pkg("tfe")}/lib/lazy-index");`,
      `import { Release } from "${pkg("helm")}/lib/release";`,
      `import type { EksCluster } from "${pkg("aws")}/lib/eks-cluster";`,
      `const text = "${pkg("aws")}"; // not an import`,
    ].join("\n");
    expect(providerBarrelImports(source)).toEqual([
      "@cdktf/provider-aws",
      "@cdktf/provider-aws/lib",
      "@cdktf/provider-kubernetes/lib/index",
      "@cdktf/provider-helm",
      "@cdktf/provider-tfe/lib/lazy-index",
    ]);
    expect(isProviderBarrel("@cdktf/provider-aws/lib/index.js")).toBe(true);
    expect(isProviderBarrel("@cdktf/provider-aws/lib/sqs-queue")).toBe(false);
  });
});

describe("process setup (src/process-setup.ts, loaded first by main.ts)", () => {
  it("turns off source-map stack traces and CDKTF's per-token stack capture", () => {
    const r = probe<{ sourceMapsEnabled: boolean; creationStack: string[] }>("process-setup-probe.ts", []);
    expect(r).toEqual({ sourceMapsEnabled: false, creationStack: [] });
  });

  it("keeps both with EKS_SYNTH_DEBUG=1, for debugging constructs", () => {
    const r = probe<{ sourceMapsEnabled: boolean; creationStack: string[] }>("process-setup-probe.ts", [], { EKS_SYNTH_DEBUG: "1" });
    expect(r.sourceMapsEnabled).toBe(true);
    // The trace names where the token was made: the probe, by its own source path.
    expect(r.creationStack.some((frame) => frame.includes("process-setup-probe.ts"))).toBe(true);
  });
});

describe("stacks share named outputs only", () => {
  it("refuses a direct reference to another stack's resource, naming the fix", () => {
    const result = validateEnvironment(validInput(), FILE);
    if (!result.ok) throw new Error("fixture invalid");
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "eks-guard-")), skipValidation: true });
    const producer = new EnvironmentStack(app, result.env, "access");
    new AwsProvider(producer, "aws", { region: "eu-west-1" });
    const queue = new SqsQueue(producer, "queue", { name: "q" });
    const consumer = new EnvironmentStack(app, result.env, "cluster");
    new AwsProvider(consumer, "aws", { region: "eu-west-1" });
    new SqsQueue(consumer, "other", { name: queue.name });
    expect(() => app.synth()).toThrow(/test-cluster refers directly to a resource of test-access\. Publish the value as an output/);
  });
});

describe("npm run bench", () => {
  it("runs end to end at small size and prints its table", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "scripts", "bench.ts"), "--smoke"], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    });
    expect(r.status, r.stderr).toBe(0);
    for (const row of ["floor", "reference synth", "fleet 2"]) {
      expect(r.stdout).toMatch(new RegExp(`^${row} +1 +\\d+\\.\\d\\d +\\d+\\.\\d\\d +\\d+\\.\\d\\d +\\d+% +\\d+ +\\d+$`, "m"));
    }
    expect(r.stdout).toMatch(/reference synth \/ floor <= 1\.5: \d+\.\d\d/);
  }, 60_000);
});
