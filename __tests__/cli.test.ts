/**
 * The synth entry point as a person runs it: the package's `synth` script on the project's
 * main.ts. Invalid environments exit non-zero with `file: field: reason` lines and leave
 * generated/ untouched; valid ones write the same bytes every time, without calling Terraform or
 * the network.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEnvironments } from "../src/environments/load";
import { environmentWarnings } from "../src/config/warnings";
import { synthesize } from "../src/synth";
import { PROJECT_ROOT } from "./support/reference";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const RECORDER = path.join(__dirname, "support", "record-network.cjs");

/**
 * A `terraform` first on PATH that only records that it was called, and fails: synth must work
 * where Terraform is not installed, so it must never run it.
 */
const FAKE_BIN = path.join(tmp, "bin");
fs.mkdirSync(FAKE_BIN);
fs.writeFileSync(path.join(FAKE_BIN, "terraform"), '#!/bin/sh\necho "$$ terraform $*" >> "$EKS_NETWORK_LOG"\nexit 1\n', { mode: 0o755 });

/** The project's package.json and main.ts, main.ts pointing at this checkout's src/. */
const PACKAGE_JSON = fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8");
const MAIN_TS = fs.readFileSync(path.join(PROJECT_ROOT, "main.ts"), "utf8").replace(/(["'])\.\/src\//g, (_, q: string) => `${q}${PROJECT_ROOT}/src/`);
const SYNTH_SCRIPT = (JSON.parse(PACKAGE_JSON) as { scripts: Record<string, string> }).scripts.synth;

/** A project folder whose environments/ holds the given files. */
function project(name: string, envFiles: Record<string, string>): string {
  const root = path.join(tmp, name);
  fs.mkdirSync(path.join(root, "environments"), { recursive: true });
  for (const [file, text] of Object.entries(envFiles)) fs.writeFileSync(path.join(root, "environments", file), text);
  fs.writeFileSync(path.join(root, "package.json"), PACKAGE_JSON);
  fs.writeFileSync(path.join(root, "main.ts"), MAIN_TS);
  fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(root, "node_modules"));
  return root;
}

/**
 * Runs the package's synth script there as `npm run synth` does (the package's bin folder on
 * PATH), with every outgoing connection, DNS lookup and terraform call recorded in `outside`.
 */
function synth(root: string) {
  const log = path.join(tmp, `${path.basename(root)}-outside.log`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [FAKE_BIN, path.join(root, "node_modules", ".bin"), path.dirname(process.execPath)].join(path.delimiter),
    NODE_OPTIONS: `--require ${RECORDER}`,
    EKS_NETWORK_LOG: log,
  };
  // What the script needs, it must set itself.
  for (const name of ["CDKTF_OUTDIR", "TF_CLI_CONFIG_FILE", "CHECKPOINT_DISABLE", "EKS_SYNTH_DEBUG"]) delete env[name];
  const result = spawnSync("/bin/sh", ["-c", SYNTH_SCRIPT], { cwd: root, env, encoding: "utf8" });
  const outside = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
  fs.rmSync(log, { force: true });
  return { ...result, outside };
}

function treeHash(dir: string): string {
  const hash = createHash("sha256");
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? e.path, e.name)).sort()) {
    hash.update(path.relative(dir, e)).update(fs.readFileSync(e));
  }
  return hash.digest("hex");
}

/** A reference environment file, its imports of src/ pointing at this checkout. */
const environmentFile = (file: string) =>
  fs.readFileSync(path.join(PROJECT_ROOT, "environments", file), "utf8").replace(/(["'])\.\.\/src\//g, (_, q: string) => `${q}${PROJECT_ROOT}/src/`);
const example = environmentFile("example.ts");

describe("npm run synth (main.ts, what npx cdktf synth runs)", () => {
  it("the recorder sees a terraform call and a connection, so an empty record means there were none", () => {
    const log = path.join(tmp, "recorder-check.log");
    const env = { ...process.env, PATH: [FAKE_BIN, path.dirname(process.execPath)].join(path.delimiter), EKS_NETWORK_LOG: log };
    spawnSync("/bin/sh", ["-c", "terraform version"], { env });
    const phoneHome = `require("node:https").get("https://checkpoint-api.hashicorp.com/v1/check/cdktf").on("error", () => {})`;
    spawnSync(process.execPath, ["--require", RECORDER, "-e", phoneHome], { env });
    expect(fs.readFileSync(log, "utf8")).toMatch(/^\d+ terraform version\n\d+ connect checkpoint-api\.hashicorp\.com:443\n$/);
  });

  it("writes every stack, prints a line per stack, and writes the same bytes twice, calling neither terraform nor the network", () => {
    // Production's Terraform Cloud backend is what CDKTF's own validations would check with `terraform version`.
    const root = project("valid", { "example.ts": example, "production.ts": environmentFile("production.ts"), "_addon-versions.ts": environmentFile("_addon-versions.ts") });
    const first = synth(root);
    expect(first.status, first.stderr).toBe(0);
    expect(first.outside).toBe("");
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

it("a construct that throws mid-synth leaves the output folder exactly as it was", async () => {
  const [loaded] = (await loadEnvironments(path.join(PROJECT_ROOT, "environments"), PROJECT_ROOT)).filter((e) => e.env.name === "example");
  const outdir = path.join(tmp, "throwing", "generated");
  fs.mkdirSync(path.join(outdir, "stacks", "example-cluster"), { recursive: true });
  fs.writeFileSync(path.join(outdir, "stacks", "example-cluster", "cdk.tf.json"), "{}\n");
  fs.writeFileSync(path.join(outdir, "manifest.json"), "{}\n");
  const before = treeHash(outdir);
  // Valid when loaded, broken afterwards: a pool construct fails while synth holds its staging folder.
  const broken = structuredClone(loaded);
  (broken.env.workerPools[broken.env.workerPools.length - 1] as { instanceTypes: unknown }).instanceTypes = undefined;
  expect(() => synthesize([broken], outdir)).toThrow(TypeError);
  expect(treeHash(outdir)).toBe(before);
  expect(fs.readdirSync(path.dirname(outdir))).toEqual(["generated"]);
});

it("the reference environments raise no warning", async () => {
  for (const { file, env } of await loadEnvironments(path.join(PROJECT_ROOT, "environments"), PROJECT_ROOT)) expect(environmentWarnings(file, env), file).toEqual([]);
});

it("the README's first command is the synth this file runs", () => {
  const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
  const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)![1];
  expect(firstBlock.split("\n")[0]).toMatch(/^npm ci && npm run synth\b/);
});
