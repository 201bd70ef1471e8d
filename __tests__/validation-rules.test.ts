/**
 * Every registered rule runs: for each rule in src/environments/rules.ts (and each pool rule), one
 * bad input that exactly that rule catches, and the validator reports what that rule found. A rule
 * dropped from the registry leaves its case unreported; a rule added without a case fails the
 * coverage check. The exact messages are checked in config.test.ts and bad-input.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { Environment, EnvironmentInput } from "../src/config/environment";
import { readEnvironment } from "../src/config/read-environment";
import { POOL_RULES } from "../src/config/rules/worker-pool";
import { resolvePool } from "../src/config/worker-pool";
import type { WorkerPoolInput } from "../src/config/worker-pool-schema";
import { ENVIRONMENT_RULE_STAGES, FLEET_RULES } from "../src/environments/rules";
import { validateEnvironment } from "../src/environments/validate";
import { FILE, validInput } from "./support/fixtures";

type Input = ReturnType<typeof validInput>;
type Mutation = (e: Input) => void;

const set = (e: Input, values: Record<string, unknown>) => Object.assign(e as Record<string, unknown>, values);
const pool = (e: Input, i: number, values: Record<string, unknown>) => Object.assign(e.workerPools[i], values);
const cluster = (e: Input, values: Record<string, unknown>) => Object.assign(e.cluster, values);
const noEdgePool = (e: Input) => e.workerPools.splice(1, 1);

/** One environment per concern, each broken in one way. Several may exercise one registered entry (eachPool). */
const environmentCases: [string, Mutation][] = [
  ["service CIDR outside the private ranges", (e) => cluster(e, { serviceCidr: "8.8.0.0/16" })],
  ["public endpoint networks on a private endpoint", (e) => cluster(e, { endpoint: { publicAccess: false, publicAccessCidrs: ["203.0.113.0/24"] } })],
  ["a log type twice", (e) => cluster(e, { logTypes: ["api", "api"] })],
  ["an access entry granting nothing", (e) => cluster(e, { accessEntries: [{ principalArn: "arn:aws:iam::123456789012:role/ops" }] })],
  ["two pools with one name", (e) => pool(e, 2, { name: "edge" })],
  ["a pool cluster-autoscaler cannot model", (e) => pool(e, 2, { instanceTypes: ["m7i.xlarge", "m6i.2xlarge", "m7a.xlarge", "m6a.xlarge"] })],
  ["maxPods without prefix delegation", (e) => pool(e, 0, { kubelet: { maxPods: 50 } })],
  ["no system pool", (e) => e.workerPools.splice(0, 1)],
  ["a broad AWS managed policy on nodes", (e) => pool(e, 2, { iamPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] })],
  ["a public endpoint open to a /8", (e) => cluster(e, { endpoint: { publicAccess: true, publicAccessCidrs: ["10.0.0.0/8"] } })],
  ["too many tags", (e) => set(e, { tags: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`t${i}`, "v"])) })],
  ["user-data over 16 KB", (e) => pool(e, 0, { extraShellScripts: [`#!/bin/sh\n${"#".repeat(17000)}\n`] })],
  ["too many pools", (e) => e.workerPools.push(...Array.from({ length: 28 }, (_, i) => ({ name: `p${i}`, class: "general" as const, minSize: 0 })))],
  ["every system pool at minSize 0", (e) => pool(e, 0, { minSize: 0 })],
  ["weighted records with external-dns off", (e) => set(e, { addons: { externalDns: { weightedRecords: {} } } })],
  [
    "one DNS name moved twice",
    (e) => {
      const record = {
        name: "shop.example.com",
        hostedZoneId: "Z0SHOP00000000000001",
        old: { setIdentifier: "kops", loadBalancer: { dnsName: "kops-ingress-1.eu-west-1.elb.amazonaws.com", hostedZoneId: "Z32O12XQLNTSW2" } },
      };
      set(e, { traffic: { weight: 10, records: [record, structuredClone(record)] } });
    },
  ],
  ["a cluster name too long for the edge target groups", (e) => cluster(e, { name: "a-cluster-name-of-thirty-chars" })],
  ["edge settings without an edge pool", (e) => (noEdgePool(e), set(e, { edge: { scheme: "internal" } }))],
  ["two listeners on one port", (e) => set(e, { edge: { listeners: [{ port: 80, targetPort: 8000 }, { port: 80, targetPort: 8001 }] } })],
  ["an internet-facing edge without public subnets", (e) => delete (e.network as { publicSubnetIds?: string[] }).publicSubnetIds],
  ["external-dns without zones", (e) => set(e, { addons: { externalDns: { enabled: true, domainFilters: ["example.com"] } } })],
  ["Gateway API without Traefik", (e) => set(e, { addons: { traefik: { enabled: false, gatewayApi: true } } })],
  ["an alarm topic in another region", (e) => set(e, { drainer: { alarmTopic: "arn:aws:sns:us-east-1:123456789012:oncall" } })],
  ["the node identity with the drainer off", (e) => set(e, { drainer: { identity: "node" }, addons: { nodeTerminationHandler: { enabled: false } } })],
  ["system pools sharing no label", (e) => e.workerPools.push({ name: "system-b", class: "system", labels: { "workload-class": "other" } } as Input["workerPools"][number])],
  ["an extra Helm value the stack owns", (e) => set(e, { addons: { clusterAutoscaler: { values: { autoDiscovery: { clusterName: "other" } } } } })],
];

function broken(mutate: Mutation): { env: Environment; input: EnvironmentInput; exported: Input } {
  const exported = validInput();
  mutate(exported);
  const read = readEnvironment(structuredClone(exported));
  if (!read.ok) throw new Error(`the case must pass the schema and the pool rules: ${JSON.stringify(read.issues)}`);
  return { env: read.env, input: read.input, exported };
}

const registered = ENVIRONMENT_RULE_STAGES.flatMap((stage, s) => stage.map((rule, r) => ({ rule, label: rule.name || `stage ${s} rule ${r}` })));

const firingRules = (env: Environment, input: EnvironmentInput) =>
  registered.map(({ rule }, i) => ({ i, issues: rule(env, input) })).filter((f) => f.issues.length > 0);

describe("rules over one environment", () => {
  it.each(environmentCases)("%s: exactly one registered rule catches it, and the validator reports what it found", (_, mutate) => {
    const { env, input, exported } = broken(mutate);
    const firing = firingRules(env, input);
    expect(firing.map((f) => registered[f.i].label)).toHaveLength(1);
    const result = validateEnvironment(exported, FILE);
    expect(result.ok ? [] : result.errors).toEqual(firing[0].issues.map((issue) => ({ file: FILE, ...issue })));
  });

  it("every registered rule has a case", () => {
    const caught = new Set(environmentCases.flatMap(([, mutate]) => {
      const { env, input } = broken(mutate);
      return firingRules(env, input).map((f) => f.i);
    }));
    expect(registered.filter((_, i) => !caught.has(i)).map((r) => r.label)).toEqual([]);
  });
});

const poolCases: [string, Partial<WorkerPoolInput>][] = [
  ["maxSize below minSize", { minSize: 5, maxSize: 2 }],
  ["mixed architectures", { instanceTypes: ["m7i.xlarge", "m7g.xlarge", "m6i.xlarge", "m6g.xlarge"] }],
  ["a label in the kubelet's restricted namespaces", { labels: { "kubernetes.io/role": "x" } }],
  ["iops on gp2", { rootVolume: { type: "gp2", iops: 3000 } }],
  ["shell scripts on Bottlerocket", { amiFamily: "bottlerocket", extraShellScripts: ["echo hi"] }],
  ["a hook heartbeat shorter than the drain", { hookHeartbeatSeconds: 100 }],
];

const firingPoolRules = (change: Partial<WorkerPoolInput>) => {
  const written = { name: "general", class: "general" as const, ...change } as WorkerPoolInput;
  const firing = POOL_RULES.map((rule, i) => ({ i, issues: rule(written, resolvePool(written)) })).filter((f) => f.issues.length > 0);
  return { written, firing };
};

describe("rules over one pool", () => {
  it.each(poolCases)("%s: exactly one pool rule catches it, and the validator reports it at the pool", (_, change) => {
    const { written, firing } = firingPoolRules(change);
    expect(firing.map((f) => POOL_RULES[f.i].name)).toHaveLength(1);
    const exported = validInput();
    exported.workerPools[2] = written as Input["workerPools"][number];
    const result = validateEnvironment(exported, FILE);
    expect(result.ok ? [] : result.errors).toEqual(firing[0].issues.map((issue) => ({ file: FILE, path: ["workerPools", 2, ...issue.path], message: issue.message })));
  });

  it("every pool rule has a case", () => {
    const caught = new Set(poolCases.flatMap(([, change]) => firingPoolRules(change).firing.map((f) => f.i)));
    expect(POOL_RULES.filter((_, i) => !caught.has(i)).map((r) => r.name)).toEqual([]);
  });
});

/** A second environment beside the fixture, changed so that it clashes with it in one way. */
const fleetCases: [string, Mutation][] = [
  ["the same environment name", (e) => ((e.cluster.name = "other-cluster"), (e.state = { backend: "s3", bucket: "acme-terraform-state", keyPrefix: "eks/other" }))],
  ["the same names derived in one account", (e) => ((e.name = "other"), (e.region = "us-east-1"))],
  ["two creators of one Terraform Cloud OIDC provider", (e) => ((e.name = "other"), (e.cluster.name = "other-cluster"))],
  ["a network read from another environment's stack state", (e) => {
    e.name = "other";
    e.cluster.name = "other-cluster";
    e.network = { remoteState: { source: { backend: "s3", bucket: "acme-terraform-state", key: "eks/test/test-cluster.tfstate", region: "eu-west-1" }, outputs: { vpcId: "vpc", privateSubnetIds: "private", publicSubnetIds: "public" } } };
  }],
  ["two creators of GitHub's OIDC provider", (e) => ((e.name = "other"), (e.cluster.name = "other-cluster"))],
];

function firingFleetRules(mutate: Mutation, i: number) {
  const first = validInput();
  const second = validInput();
  mutate(second);
  // The OIDC cases need both environments to create the provider; the others must not trip on it.
  for (const e of [first, second]) {
    if (i === 2) e.state = { backend: "cloud", organization: "acme", workspacePrefix: `${e.name}-` } as Input["state"];
    if (i === 4) (e as Record<string, unknown>).ci = { github: { repository: "acme/infrastructure" } };
  }
  const envs = [first, second].map((e, k) => {
    const result = validateEnvironment(e, `environments/e${k}.ts`);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return { file: `environments/e${k}.ts`, env: result.env };
  });
  return FLEET_RULES.map((rule, r) => ({ r, errors: rule(envs) })).filter((f) => f.errors.length > 0);
}

describe("rules across environments", () => {
  it.each(fleetCases.map((c, i) => [...c, i] as const))("%s: exactly one registered rule catches it, in the second file", (_, mutate, i) => {
    const firing = firingFleetRules(mutate, i);
    expect(firing).toHaveLength(1);
    expect(firing[0].errors.map((e) => e.file)).toEqual(firing[0].errors.map(() => "environments/e1.ts"));
  });

  it("every registered rule has a case", () => {
    const caught = new Set(fleetCases.flatMap(([, mutate], i) => firingFleetRules(mutate, i).map((f) => f.r)));
    expect(FLEET_RULES.map((rule, r) => ({ r, label: rule.name || `rule ${r}` })).filter(({ r }) => !caught.has(r))).toEqual([]);
  });
});
