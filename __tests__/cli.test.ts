/**
 * The synth entry point as a person runs it: invalid environments exit non-zero with
 * `file: field: reason` lines and leave generated/ untouched; valid ones write the same bytes
 * every time.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEnvironments } from "../src/environments/load";
import { environmentWarnings } from "../src/config/warnings";
import { PROJECT_ROOT } from "./support/reference";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A project folder whose environments/ holds the given files, synthesized by the real entry point. */
function project(name: string, envFiles: Record<string, string>): string {
  const root = path.join(tmp, name);
  fs.mkdirSync(path.join(root, "environments"), { recursive: true });
  for (const [file, text] of Object.entries(envFiles)) fs.writeFileSync(path.join(root, "environments", file), text);
  fs.writeFileSync(
    path.join(root, "run.ts"),
    `import { main } from ${JSON.stringify(path.join(PROJECT_ROOT, "src", "synth"))};\nmain(__dirname).then((code) => { process.exitCode = code; });\n`,
  );
  return root;
}

/** Node's own folder only: no terraform on PATH, as on a newcomer's machine. */
const PATH_WITHOUT_TERRAFORM = path.dirname(process.execPath);

function synth(root: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", PATH: PATH_WITHOUT_TERRAFORM };
  delete env.CDKTF_OUTDIR;
  delete env.TF_CLI_CONFIG_FILE;
  return spawnSync(path.join(PROJECT_ROOT, "node_modules", ".bin", "tsx"), ["run.ts"], { cwd: root, env, encoding: "utf8" });
}

function treeHash(dir: string): string {
  const hash = createHash("sha256");
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? e.path, e.name)).sort()) {
    hash.update(path.relative(dir, e)).update(fs.readFileSync(e));
  }
  return hash.digest("hex");
}

const example = fs
  .readFileSync(path.join(PROJECT_ROOT, "environments", "example.ts"), "utf8")
  .replace('"../src/config/environment"', JSON.stringify(path.join(PROJECT_ROOT, "src", "config", "environment")));

describe("npm run synth (main.ts, what npx cdktf synth runs)", () => {
  it("needs no terraform binary", () => {
    expect(fs.existsSync(path.join(PATH_WITHOUT_TERRAFORM, "terraform"))).toBe(false);
  });

  it("writes every stack, prints a line per stack, and writes the same bytes twice", () => {
    const root = project("valid", { "example.ts": example });
    const first = synth(root);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^example-access +\d+ resources +\d+ data +\d+ outputs +generated\/stacks\/example-access\/cdk\.tf\.json$/m);
    expect(first.stdout).toMatch(/^example-cluster +\d+ resources/m);
    const before = treeHash(path.join(root, "generated"));
    expect(synth(root).status).toBe(0);
    expect(treeHash(path.join(root, "generated"))).toBe(before);
    expect(fs.readdirSync(root).filter((f) => f.startsWith(".staging-"))).toEqual([]);
  });

  it("rejects invalid environments with every problem, exits 1, and leaves generated/ untouched", () => {
    const broken = example
      .replace('account: "111122223333"', 'account: "1111"')
      .replace('version: "1.34"', 'version: "1.29"')
      .replace('{ name: "general", class: "general", minSize: 1, maxSize: 5 }', '{ name: "general", class: "general", minSize: 6, maxSize: 5, labels: { "node-role.kubernetes.io/worker": "" } }')
      .replace("cluster: {", "cluster: {\n    endpiont: { publicAccess: true },");
    const root = project("invalid", { "example.ts": example, "broken.ts": broken.replace('name: "example"', 'name: "broken"') });
    fs.mkdirSync(path.join(root, "generated", "stacks", "old-stack"), { recursive: true });
    fs.writeFileSync(path.join(root, "generated", "stacks", "old-stack", "cdk.tf.json"), "{}\n");
    fs.writeFileSync(path.join(root, "generated", "manifest.json"), "{}\n");
    const before = treeHash(path.join(root, "generated"));

    const result = synth(root);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        "environments/broken.ts: account: must be a 12-digit AWS account id",
        "environments/broken.ts: cluster.version: must be one of 1.33, 1.34, 1.35 (the versions EKS supports in standard support)",
        expect.stringMatching(/^environments\/broken\.ts: cluster\.endpiont: unknown key \(did you mean "endpoint"\?\)/),
        "environments/broken.ts: workerPools[1].maxSize: must be >= minSize (6)",
        expect.stringMatching(/^environments\/broken\.ts: workerPools\[1\]\.labels\["node-role\.kubernetes\.io\/worker"\]: the kubelet may not set/),
        expect.stringMatching(/problem\(s\) found; nothing was written\.$/),
      ]),
    );
    expect(treeHash(path.join(root, "generated"))).toBe(before);
    expect(result.stdout).toBe("");
  });
  it("reports files it cannot load with line, column and reason, refuses other module extensions, and prints each problem once", () => {
    const named = (name: string) => example.replace('name: "example"', `name: "${name}"`);
    const root = project("unloadable", {
      "example.ts": example,
      // A missing comma after the name.
      "typo.ts": named("typo").replace('name: "typo",', 'name: "typo"'),
      "later.mts": named("later"),
      "widget.tsx": named("widget"),
      "SHOUT.TS": named("shout"),
      "_helpers.mts": "export const x = 1;\n",
      "promised.ts": named("promised").replace("export default defineEnvironment(", "export default Promise.resolve(defineEnvironment(").replace(/\}\);\s*$/, "}));\n"),
      "looped.ts": `${named("looped").replace("export default defineEnvironment({", "const values: Record<string, unknown> = {};\nvalues.self = values;\nexport default defineEnvironment({\n  addons: { metricsServer: { values } },")}`,
    });
    const result = synth(root);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual([
      "environments/SHOUT.TS: is not loaded: environment files end in .ts (lower case); rename it to SHOUT.ts, or start its name with _ if it is a helper",
      "environments/later.mts: is not loaded: environment files end in .ts (lower case); rename it to later.ts, or start its name with _ if it is a helper",
      "environments/widget.tsx: is not loaded: environment files end in .ts (lower case); rename it to widget.ts, or start its name with _ if it is a helper",
      expect.stringMatching(/^environments\/typo\.ts: syntax error at line \d+, column \d+: Expected "\}" but found "account"$/),
      "environments/looped.ts: addons.metricsServer.values.self: refers back to addons.metricsServer.values (a circular reference); write the value out instead",
      "environments/promised.ts: the default export is a Promise; write the value itself (an async function or a Promise cannot be checked before synth)",
      "6 problem(s) found; nothing was written.",
    ]);
    // Once each: no second copy, no logger prefix.
    for (const line of lines) expect(result.stderr.split(line).length - 1, line).toBe(1);
    expect(result.stderr).not.toMatch(/\[ERROR\]|at .*\.ts:\d+/);
    expect(fs.existsSync(path.join(root, "generated"))).toBe(false);
  });

  it("warns, without failing, about a read-only group no access entry carries", () => {
    const lonely = example.replace("workerPools: [", 'addons: { clusterObjects: { readOnlyGroups: ["acme:nobody"] } },\n  workerPools: [');
    expect(lonely).not.toBe(example);
    const root = project("warning", { "example.ts": lonely });
    const result = synth(root);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr.trim().split("\n")).toContain(
      'warning: environments/example.ts: addons.clusterObjects.readOnlyGroups[0]: no access entry carries the Kubernetes group "acme:nobody", so the binding grants nothing; add it to an entry\'s kubernetesGroups in cluster.accessEntries',
    );
    expect(fs.existsSync(path.join(root, "generated", "stacks", "example-addons", "cdk.tf.json"))).toBe(true);
  });
});

it("the reference environments raise no warning", async () => {
  for (const { file, env } of await loadEnvironments(path.join(PROJECT_ROOT, "environments"), PROJECT_ROOT)) expect(environmentWarnings(file, env), file).toEqual([]);
});

it("the README's first command synthesizes quietly offline: the synth script turns HashiCorp's version check off", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  // The script runs the app directly (no cdktf CLI, no checkpoint call), and keeps checkpoints off for what it starts.
  expect(pkg.scripts.synth).toBe("CHECKPOINT_DISABLE=1 tsx main.ts");
  const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
  const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)![1];
  expect(firstBlock.split("\n")[0]).toMatch(/^npm ci && npm run synth\b/);
});
