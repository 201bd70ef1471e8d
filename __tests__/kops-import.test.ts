/**
 * `npm run import:kops`: every kops fixture imports into an environment that validates and
 * synthesizes, with its report and environment file as reviewed golden files
 * (__tests__/kops/golden/, update with `npx vitest -u` and review the diff); the mapping rules the
 * README and the report promise; and bad input failing (or warning) with the document and field
 * named. `terraform validate` and the mocked `terraform test` of the imported environments run
 * with the reference stacks in __tests__/terraform.test.ts.
 */
import "../src/process-setup";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEnvironments } from "../src/environments/load";
import { validateEnvironment } from "../src/environments/validate";
import { KopsImportError } from "../src/import/kops/documents";
import { importKops } from "../src/import/kops/import";
import { runImportCli } from "../src/import/kops/cli";
import { renderEnvironmentFile } from "../src/import/kops/render-environment";
import { renderReport } from "../src/import/kops/report";
import { synthesize } from "../src/synth";
import { importFixture, KOPS_FIXTURE_ARGS, KOPS_FIXTURE_DIR, kopsFixtures } from "./support/kops-fixtures";
import { FILE, validInput } from "./support/fixtures";
import { PROJECT_ROOT } from "./support/reference";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "eks-kops-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const golden = (fixture: string, ext: string) => `kops/golden/${fixture.replace(/\.yaml$/, "")}.${ext}`;

/** Every leaf path of a YAML value. */
function leaves(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [at];
  const entries = Object.entries(value);
  if (entries.length === 0) return [];
  return entries.flatMap(([k, v]) => leaves(v, [...at, Array.isArray(value) ? Number(k) : k]));
}

describe("every kops fixture imports", () => {
  it("has a command line for every fixture, and covers the vendored ones", () => {
    const fixtures = kopsFixtures();
    expect(fixtures.sort()).toEqual(Object.keys(KOPS_FIXTURE_ARGS).sort());
    for (const vendored of ["complex", "existing_iam", "existing_sg", "karpenter", "mixed_instances", "mixed_instances_spot", "privatecilium", "shared_subnet"]) {
      expect(fixtures).toContain(`${vendored}.yaml`);
    }
  });

  for (const fixture of kopsFixtures()) {
    it(`${fixture}: validates; the report and the environment file match their golden files`, async () => {
      const result = importFixture(fixture);
      const checked = validateEnvironment(result.environment, `environments/${result.name}.ts`);
      expect(checked.ok, JSON.stringify(!checked.ok && checked.errors)).toBe(true);
      await expect(renderReport(result, fixture)).toMatchFileSnapshot(golden(fixture, "migration.md"));
      await expect(renderEnvironmentFile(result, fixture)).toMatchFileSnapshot(golden(fixture, "ts.txt"));
    });

    it(`${fixture}: every field of every document is carried, reported as not carried, or read as metadata`, () => {
      const result = importFixture(fixture);
      for (const doc of [result.manifest.cluster, ...result.manifest.instanceGroups]) {
        const missing = leaves(doc.body).filter((p) => !result.ledger.isAccounted(doc, p));
        expect(missing, `${doc.kind} ${doc.name}`).toEqual([]);
      }
      const reported = new Set([...result.ledger.carried, ...result.ledger.dropped, ...result.ledger.unknown].map((e) => e.doc));
      for (const doc of result.manifest.instanceGroups) expect(reported.has(doc), `${doc.name} is in the report`).toBe(true);
    });
  }

  it("writes each environment and report through the CLI; the files load, validate and synthesize with the project's loader", () => {
    const out = path.join(tmp, "environments");
    for (const fixture of kopsFixtures()) {
      const r = runImportCli([path.join(KOPS_FIXTURE_DIR, fixture), ...KOPS_FIXTURE_ARGS[fixture], "--out-dir", out], PROJECT_ROOT);
      expect(r.code, r.stderr).toBe(0);
      expect(r.written.map((p) => path.basename(p))).toEqual([`${importFixture(fixture).name}.ts`, `${importFixture(fixture).name}.migration.md`]);
      // The written file is the golden one but for the import path, which points back at this project.
      const name = importFixture(fixture).name;
      const written = fs.readFileSync(path.join(out, `${name}.ts`), "utf8");
      const expected = fs.readFileSync(path.join(__dirname, golden(fixture, "ts.txt")), "utf8");
      expect(written.replace(/from "[^"]+";/, 'from "../src/config/environment";')).toBe(expected);
      expect(fs.readFileSync(path.join(out, `${name}.migration.md`), "utf8")).toBe(fs.readFileSync(path.join(__dirname, golden(fixture, "migration.md")), "utf8"));
      expect(r.stdout).toContain(`# Migration report: kops cluster ${importFixture(fixture).manifest.cluster.name}`);
    }
    return loadEnvironments(out, tmp).then((envs) => {
      expect(envs).toHaveLength(kopsFixtures().length);
      const summaries = synthesize(envs, path.join(tmp, "generated"));
      expect(summaries).toHaveLength(envs.length * 3);
      for (const { env } of envs) {
        const cluster = JSON.parse(fs.readFileSync(path.join(tmp, "generated", "stacks", `${env.name}-cluster`, "cdk.tf.json"), "utf8"));
        expect(Object.keys(cluster.resource.aws_autoscaling_group)).toHaveLength(env.workerPools.length);
      }
    });
  });

  it("runs as npm run import:kops (the script entry), printing the report", () => {
    const out = path.join(tmp, "npm-run");
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/import-kops.ts", "__tests__/fixtures/kops/feature_tour.yaml", ...KOPS_FIXTURE_ARGS["feature_tour.yaml"], "--out-dir", out], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("## Not carried");
    expect(fs.readdirSync(out).sort()).toEqual(["shop.migration.md", "shop.ts"]);
    expect(JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).scripts["import:kops"]).toBe("node --import tsx scripts/import-kops.ts");
  });
});

describe("mapping rules", () => {
  const tour = importFixture("feature_tour.yaml");
  const env = tour.environment;
  const pool = (name: string) => env.workerPools.find((p) => p.name === name)!;
  const dropped = (group: string, field: string) => tour.ledger.dropped.find((d) => d.doc.name === group && d.path.join(".") === field);

  it("carries the version as a minor version, raised to the oldest EKS supports", () => {
    expect(env.cluster.version).toBe("1.34");
    expect(importFixture("complex.yaml").environment.cluster.version).toBe("1.33");
    expect(importFixture("complex.yaml").ledger.carried.find((c) => c.to === "cluster.version")?.note).toMatch(/^v1\.32\.0 -> "1\.33": raised/);
  });

  it("turns an internal API into the private endpoint admitting kubernetesApiAccess, refusing 0.0.0.0/0", () => {
    expect(env.cluster.endpoint).toEqual({ privateAccessCidrs: ["10.200.0.0/16"] });
    expect(dropped("shop.k8s.acme.example", "spec.kubernetesApiAccess.1")?.reason).toMatch(/open to the whole internet is refused/);
    expect(importFixture("complex.yaml").environment.cluster.endpoint).toEqual({ publicAccess: true, publicAccessCidrs: ["1.1.1.0/24"] });
    expect(importFixture("existing_iam.yaml").environment.cluster.endpoint).toBeUndefined();
  });

  it("maps identity mappings to access entries: system:masters to the cluster-admin policy, other system: groups dropped", () => {
    expect(env.cluster.accessEntries).toEqual([
      { principalArn: "arn:aws:iam::123456789012:role/platform-admins", policies: [{ policy: "AmazonEKSClusterAdminPolicy" }] },
      { principalArn: "arn:aws:iam::123456789012:role/developers", kubernetesGroups: ["acme:developers"] },
    ]);
    expect(dropped("shop.k8s.acme.example", "spec.authentication.aws.identityMappings.1.groups.1")?.reason).toMatch(/system:/);
    expect(dropped("shop.k8s.acme.example", "spec.authentication.aws.identityMappings.0.username")).toBeDefined();
  });

  it("carries cloud labels as tags, except kops's own ownership tag", () => {
    expect(env.tags).toEqual({ team: "shop", "cost-center": "4711" });
    expect(dropped("shop.k8s.acme.example", "spec.cloudLabels.KubernetesCluster")?.reason).toMatch(/kops delete cluster/);
  });

  it("infers each pool's class and keeps kops's capacity type", () => {
    expect(env.workerPools.map((p) => [p.name, p.class, p.onDemandPercentageAboveBase])).toEqual([
      ["system", "system", 100],
      ["ingress", "edge", 100],
      ["spot-workers", "general", 0],
      ["burst", "general", 100],
    ]);
    expect(tour.ledger.decisions).toContain("Pool system: class system (tainted CriticalAddonsOnly).");
    expect(tour.ledger.decisions).toContain("Pool ingress: class edge (behind the external load balancer kops-shop-ingress).");
  });

  it("keeps one shape of instance types for the autoscaler, widens spot pools to four types, and falls back to on-demand when it cannot", () => {
    expect(pool("spot-workers").instanceTypes).toEqual(["m5.xlarge", "m5a.xlarge", "m6i.xlarge", "m6a.xlarge"]);
    expect(pool("spot-workers")).toMatchObject({ onDemandBaseCapacity: 1, spotAllocationStrategy: "capacity-optimized", capacityRebalance: true });
    const mixed = importFixture("mixed_instances.yaml").environment.workerPools.find((p) => p.name === "nodes")!;
    expect(mixed.instanceTypes).toEqual(["m5.large", "m7i.large", "m6i.large", "m7a.large"]);
    expect(mixed.onDemandPercentageAboveBase).toBe(5);
    expect(pool("burst")).toMatchObject({ instanceTypes: ["t3.large"], onDemandPercentageAboveBase: 100 });
    expect(tour.ledger.actions.some((a) => a.startsWith("Pool burst ran on spot with t3.large"))).toBe(true);
  });

  it("carries labels (not kubelet-restricted ones), taints, kubelet settings with the group's precedence, and root volumes", () => {
    expect(pool("system").labels).toEqual({ "workload-class": "system" });
    expect(dropped("system", "spec.nodeLabels.node-role.kubernetes.io/system")?.reason).toMatch(/NodeRestriction/);
    expect(pool("spot-workers").taints).toEqual(["dedicated=data:NoSchedule"]);
    expect(pool("system").kubelet?.evictionHard).toEqual({ "memory.available": "200Mi", "nodefs.available": "10%", "nodefs.inodesFree": "5%" });
    expect(pool("spot-workers").kubelet).toEqual({ maxPods: 110, evictionHard: { "memory.available": "500Mi" } });
    expect(env.cluster.managedAddons).toEqual({ vpcCni: { prefixDelegation: true } });
    expect(pool("system").rootVolume).toEqual({ sizeGiB: 40, type: "gp3", iops: 4000, throughput: 250, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
  });

  it("carries shell user-data byte for byte and drops other kinds", () => {
    expect(pool("spot-workers").extraShellScripts).toEqual([
      '#!/bin/bash\nset -euo pipefail\nsysctl -w vm.max_map_count=262144\necho "node ${HOSTNAME} tuned" >> /var/log/tune.log\n',
    ]);
    expect(dropped("Spot_Workers", "spec.additionalUserData.1")?.reason).toMatch(/only shell scripts/);
  });

  it("does not carry control-plane, bastion or Karpenter groups, and adds a system pool when kops had none", () => {
    expect(dropped("control-plane-eu-west-1a", "spec")?.reason).toMatch(/EKS runs the control plane/);
    expect(dropped("bastions", "spec")?.reason).toMatch(/bastion/);
    const karpenter = importFixture("karpenter.yaml");
    expect(karpenter.environment.workerPools.map((p) => p.name)).toEqual(["system", "nodes"]);
    expect(karpenter.ledger.dropped.filter((d) => d.doc.name.startsWith("karpenter-nodes") && d.path.join(".") === "spec")).toHaveLength(2);
    expect(karpenter.ledger.decisions.some((d) => d.startsWith("Pool system added"))).toBe(true);
  });

  it("lets an on-demand general pool keep a single instance type; a spot one needs four", () => {
    const input = validInput();
    Object.assign(input.workerPools[2], { instanceTypes: ["t3.large"], onDemandPercentageAboveBase: 100 });
    expect(validateEnvironment(input, FILE).ok).toBe(true);
    input.workerPools[2].onDemandPercentageAboveBase = 50;
    const spot = validateEnvironment(input, FILE);
    expect(spot.ok ? [] : spot.errors.map((e) => `${e.path.join(".")}: ${e.message}`)).toEqual(["workerPools.2.instanceTypes: a general (spot) pool needs at least 4 instance types to diversify over; got 1"]);
  });

  it("switches on the add-ons kops ran", () => {
    expect(env.addons).toEqual({ certManager: { enabled: true, dns01HostedZoneIds: ["Z0SHOPACME0000000001"] } });
    expect(tour.ledger.actions.some((a) => a.startsWith("kops ran external-dns"))).toBe(true);
  });
});

/** A small valid manifest to break one thing at a time. */
const MINIMAL = `apiVersion: kops.k8s.io/v1alpha2
kind: Cluster
metadata:
  name: mini.example.com
spec:
  kubernetesVersion: v1.33.1
  networkID: vpc-0123456789abcdef0
  subnets:
  - name: a
    id: subnet-0123456789abcdef1
    type: Private
    zone: eu-west-1a
  - name: b
    id: subnet-0123456789abcdef2
    type: Private
    zone: eu-west-1b
---
apiVersion: kops.k8s.io/v1alpha2
kind: InstanceGroup
metadata:
  name: nodes
spec:
  role: Node
  machineType: m7i.large
  minSize: 2
  maxSize: 4
  subnets:
  - a
  - b
`;

function failure(text: string, options = {}): string {
  try {
    importKops(text, "kops.yaml", options);
  } catch (e) {
    if (e instanceof KopsImportError) return e.message;
    throw e;
  }
  throw new Error("the import did not fail");
}

describe("bad input names the file, the document and the field", () => {
  it("accepts the minimal manifest", () => {
    expect(importKops(MINIMAL, "kops.yaml").environment.workerPools.map((p) => p.name)).toEqual(["system", "nodes"]);
  });

  it("malformed YAML: the document and its line", () => {
    expect(failure(MINIMAL.replace("  maxSize: 4", "  maxSize: [4"))).toMatch(/^kops\.yaml: document 2 \(line \d+\): is not valid YAML: /);
  });

  it("a field of the wrong type", () => {
    expect(failure(MINIMAL.replace("minSize: 2", 'minSize: "two"'))).toBe('kops.yaml: document 2 (InstanceGroup nodes): spec.minSize: must be a whole number >= 0, got string "two"');
  });

  it("no Cluster, two Clusters, another API version, a repeated group name", () => {
    expect(failure(MINIMAL.split("---")[1])).toBe("kops.yaml: has no Cluster document (expected the output of kops get all <cluster> -o yaml)");
    expect(failure(`${MINIMAL.split("---")[0]}---\n${MINIMAL}`)).toMatch(/has 2 Cluster documents/);
    expect(failure(MINIMAL.replace("apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster", "apiVersion: kops.k8s.io/v1alpha3\nkind: Cluster"))).toBe(
      'kops.yaml: document 1 (Cluster mini.example.com): apiVersion: must be kops.k8s.io/v1alpha2 (what kops get -o yaml prints); got "kops.k8s.io/v1alpha3"',
    );
    expect(failure(`${MINIMAL}---\n${MINIMAL.split("---")[1]}`)).toBe("kops.yaml: document 3 (InstanceGroup nodes): metadata.name: is also the name of document 2 (InstanceGroup nodes)");
  });

  it("an unknown field is a warning naming the document and field, listed in the report; the import goes on", () => {
    const text = MINIMAL.replace("  role: Node\n", "  role: Node\n  fancyNewSetting:\n    level: 3\n");
    const result = importKops(text, "kops.yaml");
    expect(result.ledger.unknown.map((u) => `${u.doc.name}: ${u.path.join(".")}`)).toEqual(["nodes: spec.fancyNewSetting.level"]);
    expect(renderReport(result, "kops.yaml")).toContain("- document 2 (InstanceGroup nodes): `spec.fancyNewSetting.level` = `3`");
    const file = path.join(tmp, "unknown.yaml");
    fs.writeFileSync(file, text);
    const r = runImportCli([file, "--out-dir", path.join(tmp, "unknown")], PROJECT_ROOT);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`warning: ${file}: document 2 (InstanceGroup nodes): spec.fancyNewSetting.level: unknown kops field; not carried (listed in the report)\n`);
  });

  it("a subnet without an id: told to add one; nothing is written", () => {
    const text = MINIMAL.replace("    id: subnet-0123456789abcdef1\n", "");
    expect(failure(text)).toMatch(
      /^kops\.yaml: document 1 \(Cluster mini\.example\.com\): spec\.subnets\[0\]: subnet a has no id: kops created it\. .* add id: <subnet-id> to this subnet in the file, or pass --subnet-id a=<subnet-id>$/,
    );
    expect(importKops(text, "kops.yaml", { subnetIds: { a: "subnet-0123456789abcdef3" } }).environment.network.privateSubnetIds).toEqual([
      "subnet-0123456789abcdef3",
      "subnet-0123456789abcdef2",
    ]);
    const file = path.join(tmp, "no-id.yaml");
    fs.writeFileSync(file, text);
    const out = path.join(tmp, "no-id");
    const r = runImportCli([file, "--out-dir", out], PROJECT_ROOT);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 problem\(s\) found; nothing was written\.\n$/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("no VPC id, a group naming a subnet the cluster lacks, a single zone", () => {
    expect(failure(MINIMAL.replace("  networkID: vpc-0123456789abcdef0\n", ""))).toMatch(/spec\.networkID: is not set: kops created this VPC\. .*pass --vpc-id <vpc-id>$/);
    expect(failure(MINIMAL.replace("  - b\n", "  - c\n"))).toBe('kops.yaml: document 2 (InstanceGroup nodes): spec.subnets[1]: "c" is not a subnet of the Cluster (its subnets: a, b)');
    expect(failure(MINIMAL.replace("zone: eu-west-1b", "zone: eu-west-1a"))).toMatch(/spec\.subnets: EKS needs the cluster's subnets in at least two availability zones.*--add-subnet Private:<zone>=<subnet-id>$/);
    expect(failure(MINIMAL, { region: "us-east-1" })).toMatch(/spec\.subnets: are in eu-west-1, not in --region us-east-1/);
  });

  it("an import whose environment would not validate fails with the environment's own message", () => {
    const text = MINIMAL.replace("  kubernetesVersion: v1.33.1\n", "  kubernetesVersion: v1.33.1\n  kubernetesApiAccess:\n  - 10.1.0.0/16\n  - 10.2.0.0/16\n");
    expect(failure(text)).toMatch(
      /^kops\.yaml: the environment this import would write does not validate: cluster\.endpoint\.publicAccessCidrs: together cover 131,072 addresses; the public endpoint admits at most 65,536/,
    );
    expect(failure(MINIMAL, { subnetIds: { c: "subnet-0123456789abcdef3" } })).toBe(
      "kops.yaml: document 1 (Cluster mini.example.com): spec.subnets: --subnet-id c=...: the Cluster has no subnet named c (its subnets: a, b)",
    );
  });

  it("never writes over an existing environment without --force, and rejects unknown options", () => {
    const file = path.join(tmp, "mini.yaml");
    fs.writeFileSync(file, MINIMAL);
    const out = path.join(tmp, "existing");
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, "mini.ts"), "// mine\n");
    const r = runImportCli([file, "--out-dir", out], PROJECT_ROOT);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/mini\.ts already exists; choose another --name, or pass --force to overwrite\. Nothing was written\./);
    expect(fs.readFileSync(path.join(out, "mini.ts"), "utf8")).toBe("// mine\n");
    expect(fs.existsSync(path.join(out, "mini.migration.md"))).toBe(false);
    expect(runImportCli([file, "--out-dir", out, "--force"], PROJECT_ROOT).code).toBe(0);
    const bad = runImportCli([file, "--colour"], PROJECT_ROOT);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^unknown option --colour\n\nUsage: npm run import:kops/);
  });
});
