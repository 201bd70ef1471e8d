/**
 * Input that used to get through validation, or got a misleading message: each case breaks one
 * thing in a valid environment and checks the exact `file: field: reason` line, and the nearest
 * valid input still passes (so the check is not just refusing everything).
 */
import { describe, expect, it } from "vitest";
import { ConfigError, formatFieldError } from "../src/config/errors";
import { AWS_REGIONS } from "../src/config/regions";
import { MAX_WORKER_POOLS } from "../src/config/rules/pools";
import { validateEnvironment, validateEnvironments } from "../src/environments/validate";
import { environmentNames } from "../src/naming/derived-names";
import { partitionOf } from "../src/naming/partitions";
import { MAX_TAGS_PER_RESOURCE } from "../src/naming/rules";
import { USER_DATA_LIMIT_BYTES } from "../src/userdata/rules";
import { FILE, validInput } from "./support/fixtures";
import { referenceEnvironments, stackJson } from "./support/reference";

type Input = ReturnType<typeof validInput>;

function errorsFor(mutate: (e: Input) => void): string[] {
  const input = validInput();
  mutate(input);
  const result = validateEnvironment(input, FILE);
  return result.ok ? [] : result.errors.map(formatFieldError);
}

const tags = (n: number, prefix = "t") => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, "v"]));
const poolsOnly = (e: Input, pools: unknown[]) => {
  (e as Record<string, unknown>).workerPools = pools;
  delete (e.network as { publicSubnetIds?: string[] }).publicSubnetIds;
};

describe("regions", () => {
  it("a region that only looks like one", () => {
    expect(errorsFor((e) => (e.region = "eu-west-9"))).toEqual([`${FILE}: region: "eu-west-9" is not an AWS region; did you mean eu-west-1, eu-west-2, eu-west-3?`]);
    expect(errorsFor((e) => (e.state = { backend: "s3", bucket: "acme-terraform-state", region: "xx-east-1" }))).toEqual([
      `${FILE}: state.region: "xx-east-1" is not an AWS region of the aws, aws-cn or aws-us-gov partitions (listed in src/config/regions.ts)`,
    ]);
  });

  it("every listed region is accepted, and the ARN code puts it in the partition the list gives", () => {
    for (const [region, partition] of Object.entries(AWS_REGIONS)) {
      expect(errorsFor((e) => (e.region = region)), region).toEqual([]);
      expect(partitionOf(region), region).toBe(partition);
    }
  });

  it("a region of a partition the project writes no ARNs for is refused, and has no partition", () => {
    for (const region of ["us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1"]) {
      expect(errorsFor((e) => (e.region = region)), region).toEqual([expect.stringMatching(new RegExp(`^${FILE}: region: (must be an AWS region|"${region}" is not an AWS region)`))]);
      expect(() => partitionOf(region), region).toThrow(`no partition known for region "${region}"`);
    }
  });
});

describe("AWS limits", () => {
  it(`more than ${MAX_TAGS_PER_RESOURCE} tags on a resource`, () => {
    expect(errorsFor((e) => (e.tags = tags(60)))).toEqual([`${FILE}: tags: has 60 tags; with the project's own, resources would carry up to 66 (AWS limit 50 per resource)`]);
    // A pool's group and instances also carry the project's tags and one per label and taint.
    expect(errorsFor((e) => ((e.tags = tags(40)), (e.workerPools[2].labels = tags(5, "l"))))).toContain(
      `${FILE}: workerPools[2].labels: with 6 labels and 0 taints (each a cluster-autoscaler node-template tag) on top of the environment's tags, the pool's Auto Scaling group and instances would carry 55 tags (AWS limit 50)`,
    );
    // 50 exactly is fine: 39 + 4 default tags + Name, ownership, 3 autoscaler and drain tags + 2 labels (the class's and a).
    expect(errorsFor((e) => ((e.tags = tags(39)), (e.workerPools = [{ name: "system", class: "system", labels: { a: "b" }, taints: [] }]), delete (e.network as { publicSubnetIds?: string[] }).publicSubnetIds))).toEqual([]);
  });

  it("user-data over EC2's 16 KB, counted before base64", () => {
    const script = (bytes: number) => `#!/bin/sh\n${"#".repeat(bytes - 11)}\n`;
    const errors = errorsFor((e) => (e.workerPools[2].extraShellScripts = [script(86 * 1024)]));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^environments\/test\.ts: workerPools\[2\]\.extraShellScripts: make the pool's user-data \d{2},\d{3} bytes; EC2 accepts at most 16,384 \(16 KB before base64\)/);
    // The same script under the limit, with room for the endpoint and CA, passes.
    expect(errorsFor((e) => (e.workerPools[2].extraShellScripts = [script(USER_DATA_LIMIT_BYTES - 4096)]))).toEqual([]);
  });

  it(`more than ${MAX_WORKER_POOLS} pools`, () => {
    const pools = (n: number) => [{ name: "system", class: "system" }, ...Array.from({ length: n - 1 }, (_, i) => ({ name: `pool${i}`, class: "general", minSize: 0, maxSize: 2 }))];
    expect(errorsFor((e) => poolsOnly(e, pools(500)))).toEqual([
      `${FILE}: workerPools: has 500 pools; at most 30 per environment (every pool adds about 10 resources that Terraform refreshes on every plan): split pools by size rather than one per instance type, or split the cluster`,
    ]);
    expect(errorsFor((e) => poolsOnly(e, pools(MAX_WORKER_POOLS)))).toEqual([]);
  });

  it("system pools that can never run a node", () => {
    expect(errorsFor((e) => poolsOnly(e, [{ name: "system", class: "system", minSize: 0, maxSize: 0 }]))).toEqual([
      `${FILE}: workerPools[0].minSize: is 0 on every system pool: the drainer and the cluster autoscaler run there, so no node would ever be drained or started; give a system pool minSize 1 or more (2 keeps the drainer's replicas apart)`,
    ]);
    // Retiring one system pool (min = max = 0) while another runs is how pools are removed.
    expect(
      errorsFor((e) => poolsOnly(e, [{ name: "old", class: "system", minSize: 0, maxSize: 0 }, { name: "system", class: "system", minSize: 1, maxSize: 3 }])),
    ).toEqual([]);
  });
});

describe("what JavaScript lets through", () => {
  it("a hole in the pool list", () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is the bad input under test
    expect(errorsFor((e) => (e.workerPools = [e.workerPools[0], , e.workerPools[2]] as Input["workerPools"]))).toEqual([
      `${FILE}: workerPools[1]: is an empty slot in the list (two commas in a row?)`,
    ]);
  });

  it("__proto__ and other keys JavaScript objects already have", () => {
    // In an object literal `__proto__: {...}` sets the prototype instead of adding a key.
    expect(errorsFor((e) => (e.cluster = { __proto__: { name: "evil" }, ...e.cluster } as Input["cluster"]))).toEqual([
      expect.stringMatching(/^environments\/test\.ts: cluster\.__proto__: unknown key; allowed keys here: name, version/),
    ]);
    expect(errorsFor((e) => (e.tags = JSON.parse('{"__proto__": {"a": "b"}}') as Record<string, string>))).toEqual([
      `${FILE}: tags.__proto__: cannot be used as a key (JavaScript reads __proto__ as the object's prototype)`,
    ]);
    expect(errorsFor((e) => Object.assign(e.cluster, { toString: "x" }))).toEqual([expect.stringMatching(/^environments\/test\.ts: cluster\.toString: unknown key/)]);
  });

  it("a circular object and a getter that throws, at their field", () => {
    const values: Record<string, unknown> = { deployment: {} };
    (values.deployment as Record<string, unknown>).again = values;
    expect(errorsFor((e) => ((e as Record<string, unknown>).addons = { traefik: { values } }))).toEqual([
      `${FILE}: addons.traefik.values.deployment.again: refers back to addons.traefik.values (a circular reference); write the value out instead`,
    ]);
    expect(
      errorsFor((e) =>
        Object.defineProperty(e.workerPools[1], "maxSize", {
          enumerable: true,
          get() {
            throw new RangeError("no size today");
          },
        }),
      ),
    ).toEqual([`${FILE}: workerPools[1].maxSize: reading it threw: RangeError: no size today`]);
    expect(errorsFor((e) => ((e.workerPools[0] as Record<string, unknown>).labels = new Map([["a", "b"]])))).toEqual([
      `${FILE}: workerPools[0].labels: is a Map; write a plain object or value`,
    ]);
  });
});

describe("messages that said the wrong thing", () => {
  it("a Promise as default export is one line, not a missing field each", () => {
    const result = validateEnvironment(Promise.resolve(validInput()), FILE);
    expect(result.ok ? [] : result.errors.map(formatFieldError)).toEqual([
      `${FILE}: the default export is a Promise; write the value itself (an async function or a Promise cannot be checked before synth)`,
    ]);
    const list = validateEnvironment([validInput()], FILE);
    expect(list.ok ? [] : list.errors.map(formatFieldError)).toEqual([
      `${FILE}: the default export must be the environment object (export default defineEnvironment({...})), got a list`,
    ]);
  });

  it("NaN is not 'a number, got a number'", () => {
    expect(errorsFor((e) => (e.workerPools[2].maxSize = NaN))).toEqual([`${FILE}: workerPools[2].maxSize: must be a number, got NaN`]);
    expect(errorsFor((e) => (e.workerPools[2].maxSize = Infinity))).toEqual([`${FILE}: workerPools[2].maxSize: must be a finite number`]);
  });

  it("a version written as a number says to quote it", () => {
    expect(errorsFor((e) => ((e.cluster as Record<string, unknown>).version = 1.33))).toEqual([`${FILE}: cluster.version: must be a string, got a number: write "1.33", in quotes`]);
    expect(errorsFor((e) => ((e.cluster as Record<string, unknown>).version = 1.3))).toEqual([`${FILE}: cluster.version: must be a string, got a number`]);
  });

  it("problems with the file as a whole have no field", () => {
    expect(() => validateEnvironments([{ file: "environments/x.ts", exported: undefined }])).toThrow(
      /^environments\/x\.ts: has no default export: end the file with export default defineEnvironment\(\{\.\.\.\}\)$/,
    );
  });
});

describe("names that clash in AWS across environments", () => {
  const env = (file: string, mutate: (e: Input) => void) => {
    const input = validInput();
    mutate(input);
    return { file, exported: input };
  };
  const state = (prefix: string) => ({ backend: "s3" as const, bucket: "acme-terraform-state", keyPrefix: prefix });
  const problems = (...modules: { file: string; exported: unknown }[]) => {
    try {
      validateEnvironments(modules);
      return [];
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      return e.errors.map(formatFieldError);
    }
  };

  it("the same cluster name in another region of the same account: IAM names are account-wide", () => {
    expect(
      problems(
        env("environments/eu.ts", () => {}),
        env("environments/us.ts", (e) => ((e.name = "test-us"), (e.region = "us-east-1"), (e.state = state("eks/test-us")))),
      ),
    ).toEqual([
      // The count grows with every IAM name a cluster gets; the message's shape is what matters.
      expect.stringMatching(
        /^environments\/us\.ts: cluster\.name: the IAM role name "test-cluster-eks-admin" derived from it \(and \d+ more names\) is also derived by environments\/eu\.ts \(from its cluster\.name\) in account 123456789012; IAM names are unique in the whole account, whatever the region, so choose names that do not clash$/,
      ),
    ]);
    // Another account, or another cluster name, is fine.
    expect(problems(env("environments/eu.ts", () => {}), env("environments/us.ts", (e) => ((e.name = "test-us"), (e.region = "us-east-1"), (e.account = "210987654321"), (e.state = state("eks/test-us")))))).toEqual([]);
  });

  it("cluster names that are prefixes of each other's derived names (team / team-x / team-node-p)", () => {
    const team = (file: string, name: string, cluster: string, pools: string[], region = "eu-west-1") =>
      env(file, (e) => {
        e.name = name;
        e.region = region;
        e.cluster.name = cluster;
        e.state = state(`eks/${name}`);
        poolsOnly(e, [{ name: pools[0], class: "system" }, ...pools.slice(1).map((p) => ({ name: p, class: "general", minSize: 0, maxSize: 2 }))]);
      });
    const lines = problems(
      team("environments/a.ts", "team", "team", ["system", "x-general", "p-cluster"]),
      team("environments/b.ts", "team-x", "team-x", ["system", "general"], "eu-west-2"),
      team("environments/c.ts", "team-x-eu", "team-x", ["system", "general"]),
      team("environments/d.ts", "team-node-p", "team-node-p", ["system"], "us-east-1"),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        // Auto Scaling groups and launch templates are per region: only c.ts (same region as a.ts) clashes on them.
        'environments/c.ts: workerPools[1].name: the launch template name "team-x-general" derived from it (and 1 more name) is also derived by environments/a.ts (from its workerPools[1].name) in account 123456789012, region eu-west-1; launch template names are unique per region, so choose names that do not clash',
        // IAM: team's node role for pool "p-cluster" is team-node-p's control plane role, though they are in other regions.
        'environments/d.ts: cluster.name: the IAM role name "team-node-p-cluster" derived from it is also derived by environments/a.ts (from its workerPools[2].name) in account 123456789012; IAM names are unique in the whole account, whatever the region, so choose names that do not clash',
      ]),
    );
    expect(lines.some((l) => l.startsWith("environments/b.ts: workerPools"))).toBe(false);
  });

  it("an admin role name given in the file that is also a node role of the same cluster", () => {
    const lines = problems(env("environments/a.ts", (e) => (e.adminRole = { roleName: "test-cluster-node-system" })));
    expect(lines).toEqual([
      'environments/a.ts: workerPools[0].name: the IAM role name "test-cluster-node-system" derived from it is also derived by this file\'s adminRole.roleName in account 123456789012; IAM names are unique in the whole account, whatever the region, so choose names that do not clash',
    ]);
  });

  it("covers every unique name the stacks create (the list cannot drift from the constructs)", async () => {
    const unique = new Set([
      "aws_iam_role",
      "aws_iam_policy",
      "aws_iam_instance_profile",
      "aws_iam_group",
      "aws_autoscaling_group",
      "aws_launch_template",
      "aws_sqs_queue",
      "aws_cloudwatch_event_rule",
      "aws_cloudwatch_log_group",
      "aws_kms_alias",
      "aws_lb",
      "aws_lb_target_group",
    ]);
    for (const e of await referenceEnvironments()) {
      const derived = new Set(environmentNames(e).map((d) => d.name));
      for (const role of ["access", "cluster"]) {
        for (const [type, byName] of Object.entries(stackJson(`${e.name}-${role}`).resource ?? {})) {
          if (!unique.has(type)) continue;
          for (const r of Object.values(byName)) expect(derived, `${e.name}-${role} ${type} ${String(r.name)}`).toContain(r.name);
        }
      }
    }
  });
});
