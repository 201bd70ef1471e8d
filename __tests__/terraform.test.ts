/**
 * Real Terraform on every AWS-only stack of the reference environments, of every environment the
 * kops import makes from its fixtures, and of staging's traffic stack at weights 0, 10, 50 and
 * 100: validation against the pinned hashicorp/aws provider (`terraform validate` for stacks with
 * their own provider block, `terraform test`'s validate step for the rest), and `terraform test`
 * applying every stack against a mocked AWS API. Both run on one root that includes the stacks as
 * modules (combined-root.ts), so Terraform and the provider start once per check, not once per
 * stack. Stacks with Helm or Kubernetes providers are covered elsewhere (their provider binaries
 * are not available offline).
 */
import "../src/process-setup";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseToml } from "smol-toml";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import type { Environment, EnvironmentInput } from "../src/config/environment";
import { synthesize } from "../src/synth";
import stagingInput from "../environments/staging";
import { importedEnvironments } from "./support/kops-fixtures";
import { referenceEnvironments, stackJson, stackNames, type StackJson } from "./support/reference";
import { synthVariant } from "./support/synth-variant";
import { accessAssertions, clusterAssertions, drainAssertions, edgeAssertions, workerPoolAssertions } from "./terraform/assertions";
import { mockCluster } from "./terraform/aws-mocks";
import { validateRootStacks, type CheckedStack } from "./terraform/combined-root";
import { checkCombined, type CombinedResult } from "./terraform/runner";
import { stackOverrides } from "./terraform/stack-fixtures";
import { trafficAssertions } from "./terraform/traffic-assertions";
import { findToolchain, skipRequested, type ToolchainResult } from "./terraform/toolchain";

const isAwsOnly = (stack: StackJson) => Object.keys(stack.provider ?? {}).every((p) => p === "aws");
const awsOnlyStacks = stackNames().filter((s) => isAwsOnly(stackJson(s)));
const skip = skipRequested();

// Environments the kops import makes from every fixture, and staging's traffic stack at the
// weights its own file does not use (staging.ts: 10).
const kopsEnvironments = importedEnvironments();
const kopsStacks = kopsEnvironments.flatMap(({ env }) => [`${env.name}-access`, `${env.name}-cluster`]);
const TRAFFIC_VARIANT_WEIGHTS = [0, 50, 100];
const trafficVariants = TRAFFIC_VARIANT_WEIGHTS.map((w) => `staging-traffic-w${w}`);
const checkedStacks = [...awsOnlyStacks, ...kopsStacks, ...trafficVariants];

function assertionsFor(env: Environment, name: string, stack: StackJson) {
  if (name.endsWith("-access")) return accessAssertions(env, stack);
  if (name.endsWith("-cluster")) {
    return [...clusterAssertions(env, stack), ...workerPoolAssertions(env), ...drainAssertions(env, stack), ...edgeAssertions(env, stack)];
  }
  if (/-traffic(-w\d+)?$/.test(name)) return trafficAssertions(env, stack);
  throw new Error(`no Terraform test assertions defined for ${name}`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The kops environments synthesized into a folder of their own, read back as stack JSON. */
function kopsCheckedStacks(): { checked: CheckedStack[]; envs: Environment[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-kops-synth-"));
  try {
    synthesize(kopsEnvironments, dir);
    const read = (stack: string) => JSON.parse(fs.readFileSync(path.join(dir, "stacks", stack, "cdk.tf.json"), "utf8")) as StackJson;
    const checked = kopsEnvironments.flatMap(({ env }) => {
      const stacks = Object.fromEntries(["access", "cluster", "addons"].map((role) => [`${env.name}-${role}`, read(`${env.name}-${role}`)]));
      return [`${env.name}-access`, `${env.name}-cluster`].map((name) => {
        const config = stacks[name];
        if (!isAwsOnly(config)) throw new Error(`${name} is expected to use the AWS provider only`);
        const producers = Object.fromEntries(Object.entries(stacks).filter(([s]) => s !== name));
        const overrides = stackOverrides({ env, stackName: name, stack: config, producers });
        return { name, env, config, overrides, assertions: assertionsFor(env, name, config), providerValidatedElsewhere: true };
      });
    });
    return { checked, envs: kopsEnvironments.map((e) => e.env) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** staging's traffic stack at another weight, applied against the same cluster stack outputs. */
function trafficVariant(weight: number): CheckedStack {
  const input = structuredClone(stagingInput) as EnvironmentInput;
  input.traffic!.weight = weight;
  const { env, stacks } = synthVariant(input, "environments/staging.ts");
  const producers = { "staging-access": stacks.access, "staging-cluster": stacks.cluster };
  const config = stacks.traffic;
  const overrides = stackOverrides({ env, stackName: "staging-traffic", stack: config, producers });
  return { name: `staging-traffic-w${weight}`, env, config, overrides, assertions: trafficAssertions(env, config), providerValidatedElsewhere: true };
}

describe.skipIf(skip)("terraform validate and terraform test (mocked AWS), every AWS-only stack in one root", () => {
  let toolchain: ToolchainResult;
  let result: CombinedResult;
  let allEnvs: Environment[] = [];

  beforeAll(async () => {
    toolchain = findToolchain();
    if (!toolchain.ok) return;
    const envs = await referenceEnvironments();
    const reference: CheckedStack[] = awsOnlyStacks.map((name) => {
      const env = envs.find((e) => name.startsWith(`${e.name}-`))!;
      const config = stackJson(name);
      const producers = Object.fromEntries(stackNames().filter((s) => s.startsWith(`${env.name}-`) && s !== name).map((s) => [s, stackJson(s)]));
      return { name, env, config, overrides: stackOverrides({ env, stackName: name, stack: config, producers }), assertions: assertionsFor(env, name, config) };
    });
    const kops = kopsCheckedStacks();
    allEnvs = [...envs, ...kops.envs];
    const checked = [...reference, ...kops.checked, ...TRAFFIC_VARIANT_WEIGHTS.map(trafficVariant)];
    result = await checkCombined(toolchain.toolchain, checked);
    const t = toolchain.toolchain;
    const notHere = stackNames().filter((s) => !awsOnlyStacks.includes(s));
    console.log(
      `Terraform ${t.version}, hashicorp/aws from ${t.providerSource}:\n` +
        `  terraform validate: ${validateRootStacks(checked).length} stacks with their provider blocks ${result.validate.valid ? "valid" : "INVALID"} (${seconds(result.validate.ms)}); ` +
        `the other ${checked.length - validateRootStacks(checked).length} (provider block made by the same code) validated by terraform test's own validate step\n` +
        `  terraform test: ${[...result.stacks.values()].reduce((n, s) => n + s.assertions, 0)} assertions over ${checked.length} stacks, ` +
        `${result.test.passed} run passed, ${result.test.failed} failed (${seconds(result.test.ms)})\n` +
        `NOT run through Terraform here (the Helm, Kubernetes and hashicorp/tfe provider binaries are not available offline): ${notHere.join(", ")}.\n` +
        "They are covered by the generated/ freshness check, structural tests (__tests__/workspaces-stack.test.ts for tfc-*) and chart-values checks against the vendored charts.",
    );
  }, 600_000);

  it("found Terraform and the AWS provider", () => {
    if (!toolchain.ok) throw new Error(`${toolchain.missing}\n(Set SKIP_TERRAFORM_TESTS=1 to skip these checks deliberately.)`);
  });

  it("covers every AWS-only stack of every reference environment, and Terraform ran without errors of its own", () => {
    expect(awsOnlyStacks.length).toBeGreaterThanOrEqual(6);
    for (const role of ["access", "cluster"]) {
      for (const env of ["example", "staging", "production"]) expect(awsOnlyStacks).toContain(`${env}-${role}`);
    }
    expect(awsOnlyStacks).toContain("staging-traffic");
    expect(kopsStacks).toHaveLength(kopsEnvironments.length * 2);
    expect(kopsEnvironments.length).toBeGreaterThanOrEqual(9);
    expect([stagingInput.traffic!.weight, ...TRAFFIC_VARIANT_WEIGHTS].sort((a, b) => a - b)).toEqual([0, 10, 50, 100]);
    if (!toolchain.ok) throw new Error(toolchain.missing);
    expect(result.globalErrors).toEqual([]);
    expect(result.test.passed + result.test.failed + result.test.errored).toBe(1);
    expect(result.test.status).toBe("pass");
    expect(result.validate.valid).toBe(true);
  });

  for (const stack of checkedStacks) {
    it(`${stack}: terraform validate`, () => {
      if (!toolchain.ok) throw new Error(toolchain.missing);
      // Errors are attributed by file; an error Terraform could not place fails every stack.
      expect(result.stacks.get(stack)!.validateErrors).toEqual([]);
      expect(result.globalErrors.filter((e) => e.startsWith("validate") || e.startsWith("terraform init"))).toEqual([]);
    });

    it(`${stack}: terraform test (mocked apply)`, () => {
      if (!toolchain.ok) throw new Error(toolchain.missing);
      const r = result.stacks.get(stack)!;
      // The apply itself must have succeeded (otherwise no assertion ran); then only this
      // stack's own failed assertions count against it.
      expect(result.test.errored, result.globalErrors.join("\n")).toBe(0);
      expect(["pass", "fail"]).toContain(result.test.status);
      expect(r.testErrors).toEqual([]);
      expect(r.assertions).toBeGreaterThan(3);
      expect(r.applied.length, "the stack's resources are in the applied state").toBeGreaterThan(/-traffic/.test(stack) ? 3 : 5);
    });
  }

  for (const stack of checkedStacks.filter((s) => s.endsWith("-cluster"))) {
    it(`${stack}: user-data rendered by the mocked apply parses, with the cluster's values`, () => {
      if (!toolchain.ok) throw new Error(toolchain.missing);
      const env = allEnvs.find((e) => stack === `${e.name}-cluster`)!;
      const mock = mockCluster(env);
      const templates = result.stacks.get(stack)!.applied.filter((r) => r.type === "aws_launch_template");
      expect(templates).toHaveLength(env.workerPools.length);
      for (const pool of env.workerPools) {
        const lt = templates.find((t) => t.values.name === `${env.cluster.name}-${pool.name}`)!;
        const text = Buffer.from(lt.values.user_data as string, "base64").toString("utf8");
        if (pool.amiFamily === "bottlerocket") {
          const k = (parseToml(text) as { settings: { kubernetes: Record<string, unknown> } }).settings.kubernetes;
          expect(k).toMatchObject({ "cluster-name": env.cluster.name, "api-server": mock.endpoint, "cluster-certificate": mock.certificateAuthority, "node-labels": pool.labels });
        } else {
          const nodeConfigPart = text.split("\n--//\n").find((p) => p.startsWith("Content-Type: application/node.eks.aws"))!;
          const config = parseAllDocuments(nodeConfigPart.split("\n\n").slice(1).join("\n\n"))[0].toJS() as { spec: { cluster: Record<string, string> } };
          expect(config.spec.cluster).toEqual({ name: env.cluster.name, apiServerEndpoint: mock.endpoint, certificateAuthority: mock.certificateAuthority, cidr: env.cluster.serviceCidr });
          for (const script of pool.extraShellScripts) expect(text).toContain(script);
        }
      }
    });
  }
});

if (skip) {
  describe("terraform checks", () => {
    it.skip("SKIPPED ON REQUEST (SKIP_TERRAFORM_TESTS=1): terraform validate and terraform test did not run", () => {});
  });
  console.warn("\n*** SKIP_TERRAFORM_TESTS=1: terraform validate and terraform test were NOT run. ***\n");
}
