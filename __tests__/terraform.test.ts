/**
 * Real Terraform on every AWS-only stack of the reference environments: `terraform validate`
 * against the pinned hashicorp/aws provider, and `terraform test` applying the whole stack
 * against a mocked AWS API. Stacks with Helm or Kubernetes providers are covered elsewhere (their
 * provider binaries are not available offline).
 */
import { parse as parseToml } from "smol-toml";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../src/config/environment";
import { referenceEnvironments, stackJson, stackNames, type StackJson } from "./support/reference";
import { accessAssertions, clusterAssertions, drainAssertions, edgeAssertions, workerPoolAssertions } from "./terraform/assertions";
import { mockCluster } from "./terraform/aws-mocks";
import { checkStacks, type StackResult } from "./terraform/runner";
import { renderTestFile } from "./terraform/test-file";
import { findToolchain, skipRequested, type ToolchainResult } from "./terraform/toolchain";

const isAwsOnly = (stack: StackJson) => Object.keys(stack.provider ?? {}).every((p) => p === "aws");
const awsOnlyStacks = stackNames().filter((s) => isAwsOnly(stackJson(s)));
const skip = skipRequested();

function assertionsFor(env: Environment, name: string, stack: StackJson) {
  if (name.endsWith("-access")) return accessAssertions(env, stack);
  if (name.endsWith("-cluster")) {
    return [...clusterAssertions(env, stack), ...workerPoolAssertions(env), ...drainAssertions(env, stack), ...edgeAssertions(env, stack)];
  }
  throw new Error(`no Terraform test assertions defined for ${name}`);
}

describe.skipIf(skip)("terraform validate and terraform test (mocked AWS)", () => {
  let toolchain: ToolchainResult;
  const results = new Map<string, StackResult>();

  beforeAll(async () => {
    toolchain = findToolchain();
    if (!toolchain.ok) return;
    const envs = await referenceEnvironments();
    const checks = awsOnlyStacks.map((name) => {
      const env = envs.find((e) => name.startsWith(`${e.name}-`))!;
      const stack = stackJson(name);
      const producers = Object.fromEntries(stackNames().filter((s) => s.startsWith(`${env.name}-`) && s !== name).map((s) => [s, stackJson(s)]));
      return {
        stack: name,
        config: JSON.stringify(stack, null, 2),
        testFile: renderTestFile({ env, stackName: name, stack, producers, assertions: assertionsFor(env, name, stack) }),
      };
    });
    for (const r of await checkStacks(toolchain.toolchain, checks)) results.set(r.stack, r);
    const t = toolchain.toolchain;
    const lines = [...results.values()].map(
      (r) =>
        `  ${r.stack.padEnd(20)} validate: ${r.validate?.valid ? "valid" : "INVALID"} (${((r.validate?.raw.ms ?? 0) / 1000).toFixed(1)} s)` +
        `  test: ${r.test?.passed ?? 0} passed, ${r.test?.failed ?? 0} failed (${((r.test?.raw.ms ?? 0) / 1000).toFixed(1)} s)`,
    );
    const notHere = stackNames().filter((s) => !awsOnlyStacks.includes(s));
    console.log(
      `Terraform ${t.version}, hashicorp/aws from ${t.providerSource}:\n${lines.join("\n")}\n` +
        `NOT run through Terraform here (the Helm and Kubernetes provider binaries are not available offline): ${notHere.join(", ")}.\n` +
        "They are covered by snapshots, structural tests and chart-values checks against the vendored charts.",
    );
  }, 600_000);

  it("found Terraform and the AWS provider", () => {
    if (!toolchain.ok) throw new Error(`${toolchain.missing}\n(Set SKIP_TERRAFORM_TESTS=1 to skip these checks deliberately.)`);
  });

  it("covers every AWS-only stack of every reference environment", () => {
    expect(awsOnlyStacks.length).toBeGreaterThanOrEqual(6);
    for (const role of ["access", "cluster"]) {
      for (const env of ["example", "staging", "production"]) expect(awsOnlyStacks).toContain(`${env}-${role}`);
    }
  });

  for (const stack of awsOnlyStacks) {
    it(`${stack}: terraform validate`, () => {
      if (!toolchain.ok) throw new Error(toolchain.missing);
      const r = results.get(stack)!;
      expect(r.init.code, `terraform init failed:\n${r.init.stderr}${r.init.stdout}`).toBe(0);
      expect(r.validate?.valid, JSON.stringify(r.validate?.diagnostics, null, 2)).toBe(true);
    });

    it(`${stack}: terraform test (mocked apply)`, () => {
      if (!toolchain.ok) throw new Error(toolchain.missing);
      const r = results.get(stack)!;
      expect(r.init.code, r.init.stderr).toBe(0);
      const t = r.test!;
      expect({ status: t.status, failed: t.failed, errored: t.errored, messages: t.messages }).toEqual({
        status: "pass",
        failed: 0,
        errored: 0,
        messages: [],
      });
      expect(t.passed).toBeGreaterThanOrEqual(1);
    });
  }

  for (const stack of awsOnlyStacks.filter((s) => s.endsWith("-cluster"))) {
    it(`${stack}: user-data rendered by the mocked apply parses, with the cluster's values`, async () => {
      if (!toolchain.ok) throw new Error(toolchain.missing);
      const env = (await referenceEnvironments()).find((e) => stack === `${e.name}-cluster`)!;
      const mock = mockCluster(env);
      const templates = results.get(stack)!.test!.applied.filter((r) => r.type === "aws_launch_template");
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
