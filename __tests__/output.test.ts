/**
 * generated/ as a reviewer reads it: exactly what synth writes (nothing that `cdktf diff`,
 * `cdktf deploy` or `cdktf synth --hcl` left behind), and Helm values and policies laid out so a
 * change is a changed line in `git diff`, with the values Terraform hands to Helm unchanged in
 * meaning.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { releaseValues } from "../src/charts/addon";
import { HELM_ADDONS } from "../src/charts/catalog";
import { validateEnvironment } from "../src/environments/validate";
import { synthesize } from "../src/synth";
import { FILE, validInput } from "./support/fixtures";
import { helmValues, PROJECT_ROOT, referenceEnvironments, resources, stackJson, type StackJson } from "./support/reference";
import { synthVariant } from "./support/synth-variant";
import { skipRequested } from "./terraform/toolchain";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "eks-output-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath ?? e.path, e.name);
    out[path.relative(dir, file)] = fs.readFileSync(file, "utf8");
  }
  return out;
}

describe("generated/ is exactly what synth writes", () => {
  const env = () => {
    const result = validateEnvironment(validInput(), FILE);
    if (!result.ok) throw new Error("fixture invalid");
    return [{ file: FILE, env: result.env }];
  };

  it("removes what cdktf diff, deploy and synth --hcl leave in a stack's folder, and keeps Terraform's working files", () => {
    const out = path.join(tmp, "leftovers");
    synthesize(env(), out);
    const clean = tree(out);
    const stack = path.join(out, "stacks", "test-cluster");
    for (const f of ["plan", "generated_resources.tf", "notes.txt"]) fs.writeFileSync(path.join(stack, f), "left behind\n");
    fs.mkdirSync(path.join(stack, ".terraform", "providers"), { recursive: true });
    fs.writeFileSync(path.join(stack, ".terraform", "terraform.tfstate"), "{}\n");
    fs.writeFileSync(path.join(stack, ".terraform.lock.hcl"), "# lock\n");
    // cdktf synth --hcl: the app writes cdk.tf and metadata.json instead of cdk.tf.json.
    process.env.SYNTH_HCL_OUTPUT = "true";
    try {
      synthesize(env(), out);
    } finally {
      delete process.env.SYNTH_HCL_OUTPUT;
    }
    expect(fs.readdirSync(stack).sort()).toEqual([".terraform", ".terraform.lock.hcl", "cdk.tf", "metadata.json"]);
    synthesize(env(), out);
    const after = tree(out);
    expect(Object.fromEntries(Object.entries(after).filter(([f]) => !f.includes(".terraform")))).toEqual(clean);
    expect(after[path.join("stacks", "test-cluster", ".terraform.lock.hcl")]).toBe("# lock\n");
    expect(fs.existsSync(path.join(stack, ".terraform", "terraform.tfstate"))).toBe(true);
  });

  it("git ignores the plan files cdktf leaves", () => {
    for (const f of ["generated/stacks/example-cluster/plan", "generated/stacks/example-cluster/generated_resources.tf"]) {
      const r = spawnSync("git", ["check-ignore", "-q", f], { cwd: PROJECT_ROOT });
      expect(r.status, `${f} is not ignored by git`).toBe(0);
    }
    expect(spawnSync("git", ["check-ignore", "-q", "generated/stacks/example-cluster/cdk.tf.json"], { cwd: PROJECT_ROOT }).status).toBe(1);
  });
});

/** Lines of `after` that `before` does not have, as `git diff` would show them added (pretty JSON, as written). */
function addedLines(before: StackJson, after: StackJson): string[] {
  const old = new Set(JSON.stringify(before, null, 2).split("\n"));
  return JSON.stringify(after, null, 2)
    .split("\n")
    .filter((l) => !old.has(l));
}

describe("a change reads as changed lines in git diff", () => {
  let base: ReturnType<typeof synthVariant>["stacks"] | undefined;
  const before = () => (base ??= synthVariant(validInput()).stacks);
  const withPool = () => {
    const input = validInput();
    input.workerPools.push({ name: "batch", class: "general", minSize: 0, maxSize: 4 });
    return input;
  };

  it("adding a pool changes the autoscaler's values key by key, not one escaped line", () => {
    const added = addedLines(before().addons, synthVariant(withPool()).stacks.addons);
    expect(added).toContain('          "^test-cluster-batch$"');
    for (const line of added) expect(line.length, line).toBeLessThan(120);
  });

  it("enabling an add-on adds readable lines to the access stack (policies) and the add-ons stack (values)", () => {
    const dns = () => {
      const input = validInput();
      (input as Record<string, unknown>).addons = { externalDns: { enabled: true, domainFilters: ["example.com"], hostedZoneIds: ["Z0EXAMPLE0000000000001"] } };
      return input;
    };
    const after = synthVariant(dns()).stacks;
    const access = addedLines(before().access, after.access);
    const addons = addedLines(before().addons, after.addons);
    expect(access.some((l) => l.includes('"route53:ChangeResourceRecordSets"'))).toBe(true);
    expect(addons.some((l) => l.includes('"txtOwnerId": "test-cluster"'))).toBe(true);
    for (const line of [...access, ...addons]) expect(line.length, line).toBeLessThan(200);
  });

  it("every release's values are one local, handed over as jsonencode(local.<name>)", () => {
    for (const name of ["example", "staging", "production"]) {
      const stack = stackJson(`${name}-addons`);
      for (const release of Object.values(resources<{ values: string[] }>(stack, "helm_release"))) {
        expect(release.values).toEqual([expect.stringMatching(/^\$\{jsonencode\(local\.[a-z0-9_]+\)\}$/)]);
        expect(typeof helmValues(stack, release)).toBe("object");
      }
    }
  });
});

describe("Terraform hands Helm the values the add-ons compute", () => {
  const terraform = process.env.TERRAFORM_BINARY ?? "terraform";
  const skip = skipRequested();
  if (skip) console.warn("\n*** SKIP_TERRAFORM_TESTS=1: jsonencode(local) of the Helm values is NOT evaluated by Terraform ***\n");

  it.skipIf(skip)("jsonencode(local) of every release equals the values, literal ${ and %{ included", async () => {
    const input = validInput();
    // Literal template sequences in values and keys must reach Helm as written.
    (input as Record<string, unknown>).addons = { metricsServer: { values: { podAnnotations: { "note/${HOME}": "${HOME} %{ if x }" } } } };
    const variant = synthVariant(input);
    const envs = [...(await referenceEnvironments()).map((env) => ({ env, stack: stackJson(`${env.name}-addons`) })), { env: variant.env, stack: variant.stacks.addons }];
    // Cross-stack references become placeholders the values are computed with too.
    const placeholder = (output: string) => `remote:${output}`;
    const refs = { drainQueueUrl: placeholder("drain_queue_url"), edgeHostname: placeholder("edge_load_balancer_dns_name") };
    const dir = fs.mkdtempSync(path.join(tmp, "tf-"));
    const expressions: string[] = [];
    const expected: unknown[] = [];
    const locals: Record<string, unknown> = {};
    envs.forEach(({ env, stack }, i) => {
      for (const addon of HELM_ADDONS.filter((a) => env.addons[a.key].enabled)) {
        const release = Object.values(resources<{ name: string; values: string[] }>(stack, "helm_release")).find((r) => r.name === addon.release)!;
        const name = /local\.([a-z0-9_]+)/.exec(release.values[0])![1];
        locals[`e${i}_${name}`] = helmValues(stack, release);
        expressions.push(release.values[0].slice(2, -1).replace(`local.${name}`, `local.e${i}_${name}`));
        expected.push(releaseValues(addon, env, refs));
      }
    });
    const text = JSON.stringify({ locals }).replace(/\$\{data\.terraform_remote_state\.cluster_stack\.outputs\.([a-z_]+)\}/g, (_, o: string) => placeholder(o));
    fs.writeFileSync(path.join(dir, "main.tf.json"), text);
    const stdout = execFileSync(terraform, ["console"], { cwd: dir, input: `jsonencode([${expressions.join(", ")}])\n`, encoding: "utf8", env: { ...process.env, TF_CLI_CONFIG_FILE: "" } });
    const encoded = JSON.parse(stdout.trim().split("\n").pop()!) as string;
    // Each element is the string a release's `values` entry evaluates to: what Helm parses.
    const evaluated = (JSON.parse(encoded) as string[]).map((doc) => JSON.parse(doc) as Record<string, any>);
    expect(evaluated).toEqual(expected);
    expect(evaluated.some((v) => v.podAnnotations?.["note/${HOME}"] === "${HOME} %{ if x }")).toBe(true);
  });
});
