/**
 * What keeps synth fast, guarded: deep imports of provider classes only (a root import loads all
 * ~2,100 AWS resource modules: seconds and ~500 MB per process), stacks that share named outputs
 * only (so synth can skip CDKTF's discovery pass), and the benchmark itself, run small.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { App } from "cdktf";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { validateEnvironment } from "../src/environments/validate";
import { EnvironmentStack } from "../src/stacks/environment-stack";
import { PROJECT_ROOT } from "./support/reference";
import { FILE, validInput } from "./support/fixtures";

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

describe("imports", () => {
  it("never imports a provider package from its root or its lib index", () => {
    // Written as a pattern so this file does not match itself.
    const barrel = new RegExp(`(from|require\\(|import\\()\\s*["']@cdktf/provider-(aws|helm|kubernetes)(/lib)?["']`);
    const offenders = sources().filter((f) => barrel.test(fs.readFileSync(f, "utf8"))).map((f) => path.relative(PROJECT_ROOT, f));
    expect(offenders).toEqual([]);
  });

  it("the guard catches a barrel import", () => {
    const barrel = new RegExp(`(from|require\\(|import\\()\\s*["']@cdktf/provider-(aws|helm|kubernetes)(/lib)?["']`);
    const pkg = ["@cdktf", "provider-aws"].join("/");
    expect(barrel.test(`import { SqsQueue } from "${pkg}";`)).toBe(true);
    expect(barrel.test(`import * as aws from '${pkg}/lib';`)).toBe(true);
    expect(barrel.test(`import { SqsQueue } from "${pkg}/lib/sqs-queue";`)).toBe(false);
  });
});

describe("stacks share named outputs only", () => {
  it("refuses a direct reference to another stack's resource, naming the fix", () => {
    const result = validateEnvironment(validInput(), FILE);
    if (!result.ok) throw new Error("fixture invalid");
    const app = new App({ outdir: fs.mkdtempSync(path.join(require("node:os").tmpdir(), "eks-guard-")), skipValidation: true });
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
