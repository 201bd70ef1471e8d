/**
 * Every class of bad input is reported as `environments/<file>.ts: <field.path>: <reason>`, all at
 * once. Each test breaks one thing in a valid environment and checks the exact line.
 */
import { adminRoleName } from "../src/naming/names";
import { describe, expect, it } from "vitest";
import { ConfigError, formatFieldError } from "../src/config/errors";
import { validateEnvironment, validateEnvironments } from "../src/environments/validate";
import { FILE, validInput } from "./support/fixtures";

type Input = ReturnType<typeof validInput>;

function errorsFor(mutate: (e: Input) => void, file = FILE): string[] {
  const input = validInput();
  mutate(input);
  const result = validateEnvironment(input, file);
  return result.ok ? [] : result.errors.map(formatFieldError);
}

function expectError(mutate: (e: Input) => void, line: string | RegExp) {
  const errors = errorsFor(mutate);
  if (typeof line === "string") expect(errors).toContain(line);
  else expect(errors.some((e) => line.test(e)), `no line matched ${line}:\n${errors.join("\n")}`).toBe(true);
}

describe("a valid environment", () => {
  it("passes and gets its defaults", () => {
    const result = validateEnvironment(validInput(), FILE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const env = result.env;
    expect(env.cluster.endpoint).toEqual({ publicAccess: false, publicAccessCidrs: [], privateAccessCidrs: [] });
    expect(adminRoleName(env)).toBe("test-cluster-eks-admin");
    expect(env.adminRole).toMatchObject({ requireMfa: true, maxSessionDurationSeconds: 3600 });
    expect(env.workerPools[0]).toMatchObject({ onDemandBaseCapacity: 2, onDemandPercentageAboveBase: 100, metadataHopLimit: 1 });
    expect(env.workerPools[2]).toMatchObject({ onDemandBaseCapacity: 0, spotAllocationStrategy: "price-capacity-optimized" });
    expect(env.edge?.listeners).toEqual([{ port: 80, targetPort: 8000 }, { port: 443, targetPort: 8443 }]);
  });

  it("fills the kubelet's other hard-eviction defaults when a pool sets one, since setting any drops the rest", () => {
    const input = validInput();
    Object.assign(input.workerPools[2], { kubelet: { evictionHard: { "memory.available": "500Mi" } } });
    const result = validateEnvironment(input, FILE);
    expect(result.ok && result.env.workerPools[2].kubelet.evictionHard).toEqual({
      "memory.available": "500Mi",
      "nodefs.available": "10%",
      "nodefs.inodesFree": "5%",
      "imagefs.available": "15%",
    });
    expect(result.ok && result.env.workerPools[0].kubelet.evictionHard).toEqual({});
  });
});

describe("bad input", () => {
  it("wrong types", () => {
    expectError((e) => ((e as Record<string, unknown>).account = 123456789012), `${FILE}: account: must be a string, got a number`);
    expectError((e) => ((e.workerPools[0] as Record<string, unknown>).minSize = "2"), `${FILE}: workerPools[0].minSize: must be a number, got a string`);
  });

  it("missing required fields", () => {
    expectError((e) => delete (e.cluster as Partial<Input["cluster"]>).version, /^environments\/test\.ts: cluster\.version: (is required|must be one of)/);
  });

  it("unknown keys, with a suggestion for typos", () => {
    expectError(
      (e) => ((e.cluster as Record<string, unknown>).verison = "1.34"),
      /^environments\/test\.ts: cluster\.verison: unknown key \(did you mean "version"\?\); allowed keys here: name, version/,
    );
    expectError((e) => ((e.workerPools[1] as Record<string, unknown>).maxSzie = 3), /workerPools\[1\]\.maxSzie: unknown key \(did you mean "maxSize"\?\)/);
  });

  it("keys of earlier releases name their new key", () => {
    expectError((e) => ((e as Record<string, unknown>).access = { requireMfa: true }), /^environments\/test\.ts: access: was renamed adminRole: rename the key/);
    expectError((e) => ((e.cluster as Record<string, unknown>).addons = {}), /^environments\/test\.ts: cluster\.addons: was renamed managedAddons: rename the key/);
  });

  it("min size greater than max size, reported once", () => {
    expect(errorsFor((e) => Object.assign(e.workerPools[1], { minSize: 3, maxSize: 2 }))).toEqual([`${FILE}: workerPools[1].maxSize: must be >= minSize (3)`]);
  });

  it("desired size outside min..max", () => {
    expectError((e) => Object.assign(e.workerPools[2], { desiredSize: 20 }), `${FILE}: workerPools[2].desiredSize: must be between minSize (3) and maxSize (10)`);
  });

  it("percentages out of 0-100", () => {
    expectError((e) => Object.assign(e.workerPools[2], { onDemandPercentageAboveBase: 120 }), `${FILE}: workerPools[2].onDemandPercentageAboveBase: must be between 0 and 100`);
    expectError((e) => Object.assign(e.workerPools[2], { instanceRefresh: { minHealthyPercentage: -5 } }), `${FILE}: workerPools[2].instanceRefresh.minHealthyPercentage: must be between 0 and 100`);
  });

  it("malformed CIDRs", () => {
    const reason = "must be an IPv4 CIDR with no host bits set, such as 10.0.0.0/16";
    expectError((e) => (e.cluster.serviceCidr = "10.100.0.1/16"), `${FILE}: cluster.serviceCidr: ${reason}`);
    expectError((e) => (e.cluster.endpoint = { publicAccess: true, publicAccessCidrs: ["300.1.2.0/24"] }), `${FILE}: cluster.endpoint.publicAccessCidrs[0]: ${reason}`);
    expectError((e) => (e.cluster.serviceCidr = "8.8.0.0/16"), /cluster\.serviceCidr: must be a \/12 to \/24 inside 10\.0\.0\.0\/8/);
  });

  it("an endpoint open to the internet", () => {
    expectError((e) => (e.cluster.endpoint = { publicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] }), /cluster\.endpoint\.publicAccessCidrs\[0\]: an endpoint open to the whole internet is refused/);
    expectError((e) => (e.cluster.endpoint = { publicAccess: true }), /cluster\.endpoint\.publicAccessCidrs: must list the networks/);
    // Halves of the internet pass a "no 0.0.0.0/0" rule; their union does not pass the coverage rule.
    expectError(
      (e) => (e.cluster.endpoint = { publicAccess: true, publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }),
      `${FILE}: cluster.endpoint.publicAccessCidrs: together cover 4,294,967,296 addresses; the public endpoint admits at most 65,536 (a /16 in all): list your offices, VPN and NAT addresses, or use the private endpoint`,
    );
    expectError((e) => (e.cluster.endpoint = { publicAccess: true, publicAccessCidrs: ["10.0.0.0/17", "10.0.128.0/17", "192.0.2.0/24"] }), /publicAccessCidrs: together cover 65,792 addresses/);
    expect(errorsFor((e) => (e.cluster.endpoint = { publicAccess: true, publicAccessCidrs: ["203.0.113.0/24", "198.51.100.0/24", "198.18.0.0/17", "198.18.0.0/24"] }))).toEqual([]);
    expectError((e) => (e.cluster.endpoint = { privateAccess: false } as never), `${FILE}: cluster.endpoint.privateAccess: must stay true: nodes reach the API server through the private endpoint`);
  });

  it("account ids", () => {
    expectError((e) => (e.account = "12345"), `${FILE}: account: must be a 12-digit AWS account id`);
  });

  it("subnet ids", () => {
    expectError(
      (e) => ((e.network as { privateSubnetIds: string[] }).privateSubnetIds[1] = "subnet-xyz"),
      `${FILE}: network.privateSubnetIds[1]: must be a subnet id such as subnet-0a1b2c3d4e5f67890`,
    );
  });

  it("instance types", () => {
    expectError((e) => (e.workerPools[2].instanceTypes = ["m7i.large", "m7i.huge", "m6i.large", "m5.large"]), `${FILE}: workerPools[2].instanceTypes[1]: must be an EC2 instance type such as m7i.large`);
    expectError(
      (e) => (e.workerPools[2].instanceTypes = [{ type: "m7i.large", weight: 0 }, { type: "m6i.large", weight: 1 }, "m5.large", "m5a.large"]),
      `${FILE}: workerPools[2].instanceTypes[0].weight: must be 1-999`,
    );
  });

  it("instance types of mixed architectures", () => {
    expectError((e) => (e.workerPools[2].instanceTypes = ["m7i.large", "m7g.large", "m6i.large", "m5.large"]), /workerPools\[2\]\.instanceTypes: mixes architectures \(m7i\.large: x86_64, m7g\.large: arm64/);
    expectError((e) => Object.assign(e.workerPools[0], { architecture: "arm64" }), `${FILE}: workerPools[0].architecture: is arm64 but the instance types are x86_64`);
  });

  it("pools cluster-autoscaler cannot model: weighted, or mixing sizes or families", () => {
    expectError(
      (e) => (e.workerPools[2].instanceTypes = ["m7i.large", "m6i.large", "m7a.large", "m6a.large"].map((type) => ({ type, weight: 1 }))),
      `${FILE}: workerPools[2].instanceTypes[0].weight: cluster-autoscaler counts instances, not weighted capacity: drop the weights, or split the pool by size`,
    );
    expectError((e) => (e.workerPools[2].instanceTypes = ["m7i.large", "m6i.xlarge", "c7a.large", "m6a.large"]), /workerPools\[2\]\.instanceTypes: mixes sizes or families \(m\.large, m\.xlarge, c\.large\)/);
    // Without the autoscaler both are fine: the ASG alone understands weights and mixed sizes.
    const mixed = errorsFor((e) => {
      e.workerPools[2].instanceTypes = [{ type: "m7i.large", weight: 1 }, { type: "m7i.xlarge", weight: 2 }, { type: "c7a.large", weight: 1 }, { type: "m6a.large", weight: 1 }];
      (e as Record<string, unknown>).addons = { clusterAutoscaler: { enabled: false } };
    });
    expect(mixed).toEqual([]);
  });

  it("maxPods without VPC CNI prefix delegation", () => {
    expectError(
      (e) => Object.assign(e.workerPools[2], { kubelet: { maxPods: 110 } }),
      /^environments\/test\.ts: workerPools\[2\]\.kubelet\.maxPods: without VPC CNI prefix delegation .* set cluster\.managedAddons\.vpcCni\.prefixDelegation: true/,
    );
    expect(
      errorsFor((e) => {
        Object.assign(e.workerPools[2], { kubelet: { maxPods: 110 } });
        e.cluster.managedAddons = { vpcCni: { prefixDelegation: true } };
      }),
    ).toEqual([]);
  });

  it("ARNs", () => {
    expectError(
      (e) => (e.cluster.accessEntries = [{ principalArn: "arn:aws:iam::12345:role/dev", policies: [{ policy: "AmazonEKSViewPolicy" }] }]),
      `${FILE}: cluster.accessEntries[0].principalArn: must be an IAM role or user ARN (arn:aws:iam::<account>:role/<name>)`,
    );
    expectError((e) => (e.workerPools[0].iamPolicyArns = ["AmazonS3ReadOnlyAccess"]), `${FILE}: workerPools[0].iamPolicyArns[0]: must be an IAM policy ARN (arn:aws:iam::<account or aws>:policy/<name>)`);
    expectError((e) => (e.cluster.secretsEncryption = { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/eks" }), /cluster\.secretsEncryption\.kmsKeyArn: must be a KMS key ARN/);
  });

  it("fewer than two subnets", () => {
    expectError(
      (e) => ((e.network as { privateSubnetIds: string[] }).privateSubnetIds = ["subnet-0123456789abcdef1"]),
      `${FILE}: network.privateSubnetIds: needs at least two subnets in distinct availability zones; got 1`,
    );
  });

  it("duplicate pool names", () => {
    expectError((e) => (e.workerPools[2].name = "edge"), `${FILE}: workerPools[2].name: "edge" is already used by workerPools[1]`);
  });

  it("names too long for the AWS resources derived from them", () => {
    expectError(
      (e) => (e.cluster.name = "platform-engineering-staging"),
      `${FILE}: cluster.name: is too long: the edge load balancer name "platform-engineering-staging-edge" would be 33 characters (AWS limit 32)`,
    );
    expectError(
      (e) => ((e.cluster.name = "a-rather-long-cluster-name-for-the-team"), (e.workerPools[2].name = "general-purpose-spot")),
      /workerPools\[2\]\.name: is too long for this cluster: the node role name "a-rather-long-cluster-name-for-the-team-node-general-purpose-spot" would be 65 characters \(AWS limit 64\)/,
    );
  });

  it("unsupported Kubernetes versions", () => {
    expectError((e) => ((e.cluster as Record<string, unknown>).version = "1.29"), `${FILE}: cluster.version: must be one of 1.33, 1.34, 1.35 (the versions EKS supports in standard support)`);
  });

  it("kubelet-restricted labels, malformed taints and effects", () => {
    expectError((e) => (e.workerPools[0].labels = { "node-role.kubernetes.io/system": "" }), /workerPools\[0\]\.labels\["node-role\.kubernetes\.io\/system"\]: the kubelet may not set labels in the kubernetes\.io or k8s\.io namespaces/);
    expectError((e) => (e.workerPools[1].taints = ["dedicated=edge:NoScheduleX"]), `${FILE}: workerPools[1].taints[0]: "dedicated=edge:NoScheduleX" has effect "NoScheduleX"; it must be one of NoSchedule, PreferNoSchedule, NoExecute`);
    expectError((e) => (e.workerPools[1].taints = ["dedicated"]), `${FILE}: workerPools[1].taints[0]: "dedicated" must look like key=value:Effect`);
    expect(errorsFor((e) => (e.workerPools[0].labels = { "node.kubernetes.io/lifecycle": "normal", "example.com/team": "a" }))).toEqual([]);
  });

  it("a hook heartbeat shorter than the drain", () => {
    expectError(
      (e) => Object.assign(e.workerPools[2], { drainTimeoutSeconds: 600, hookHeartbeatSeconds: 620 }),
      `${FILE}: workerPools[2].hookHeartbeatSeconds: the lifecycle hook heartbeat (620s) must be at least the drain timeout (600s) plus 60s, or nodes are terminated mid-drain`,
    );
  });

  it("an edge pool without public subnets for its load balancer", () => {
    expectError((e) => delete (e.network as { publicSubnetIds?: string[] }).publicSubnetIds, `${FILE}: network.publicSubnetIds: is required: the internet-facing edge load balancer lives in the public subnets`);
  });

  it("no system pool", () => {
    expectError((e) => e.workerPools.splice(0, 1), `${FILE}: workerPools: needs a pool of class system: the drainer and the cluster autoscaler run there`);
  });

  it("every problem at once, across the file", () => {
    const errors = errorsFor((e) => {
      e.account = "12";
      (e.cluster as Record<string, unknown>).verison = "x";
      Object.assign(e.workerPools[1], { minSize: 5, maxSize: 1 });
      e.workerPools[2].labels = { "kubernetes.io/role": "x" };
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        `${FILE}: account: must be a 12-digit AWS account id`,
        expect.stringMatching(/^environments\/test\.ts: cluster\.verison: unknown key/),
        `${FILE}: workerPools[1].maxSize: must be >= minSize (5)`,
        expect.stringMatching(/^environments\/test\.ts: workerPools\[2\]\.labels\["kubernetes\.io\/role"\]: the kubelet may not set/),
      ]),
    );
  });
});

describe("across environments", () => {
  const validated = (mutate: (e: Input) => void, file: string) => {
    const input = validInput();
    mutate(input);
    return { file, exported: input };
  };

  it("two environments with the same name", () => {
    const run = () =>
      validateEnvironments([
        validated(() => {}, "environments/a.ts"),
        validated((e) => ((e.cluster.name = "other"), (e.state = { backend: "s3", bucket: "acme-terraform-state", keyPrefix: "eks/other" })), "environments/b.ts"),
      ]);
    expect(run).toThrow(ConfigError);
    expect(run).toThrow('environments/b.ts: name: "test" is also the name of environments/a.ts');
  });

  it("two environments with the same state key", () => {
    const cloud = (workspacePrefix: string) => ({ backend: "cloud" as const, organization: "acme", workspacePrefix });
    const run = () =>
      validateEnvironments([
        validated((e) => ((e.name = "prod"), (e.state = cloud("eu-"))), "environments/a.ts"),
        validated((e) => ((e.name = "eu-prod"), (e.cluster.name = "other"), (e.state = cloud(""))), "environments/b.ts"),
      ]);
    expect(run).toThrow("environments/b.ts: state.workspacePrefix: state app.terraform.io/acme/eu-prod-access is also used by environments/a.ts; every stack needs its own state");
  });

  it("two environments creating the HCP Terraform OIDC provider of one account and host", () => {
    const cloud = (workspacePrefix: string, createOidcProvider?: boolean) => ({ backend: "cloud" as const, organization: "acme", workspacePrefix, ...(createOidcProvider === undefined ? {} : { createOidcProvider }) });
    const envs = (second?: boolean) => [
      validated((e) => ((e.name = "prod"), (e.state = cloud("a-"))), "environments/a.ts"),
      validated((e) => ((e.name = "prod2"), (e.cluster.name = "other"), (e.state = cloud("b-", second))), "environments/b.ts"),
    ];
    expect(() => validateEnvironments(envs())).toThrow(
      "environments/b.ts: state.createOidcProvider: environments/a.ts already creates the OIDC provider for app.terraform.io in account 123456789012; set false here",
    );
    expect(() => validateEnvironments(envs(false))).not.toThrow();
  });

  it("a VCS repository needs exactly one way to reach it", () => {
    const run = (vcsRepo: Record<string, string>) => () =>
      validateEnvironments([validated((e) => (e.state = { backend: "cloud", organization: "acme", vcsRepo } as Input["state"]), "environments/a.ts")]);
    expect(run({ identifier: "acme/eks" })).toThrow("environments/a.ts: state.vcsRepo: needs exactly one of oauthTokenId and githubAppInstallationId");
    expect(run({ identifier: "acme/eks", oauthTokenId: "ot-abc", githubAppInstallationId: "ghain-abc" })).toThrow("state.vcsRepo: needs exactly one of");
    expect(run({ identifier: "acme/eks", oauthTokenId: "ot-abc" })).not.toThrow();
  });

  it("a network read from another environment's own state", () => {
    const run = () =>
      validateEnvironments([
        validated(() => {}, "environments/a.ts"),
        validated((e) => {
          e.name = "other";
          e.cluster.name = "other";
          e.network = {
            remoteState: {
              source: { backend: "s3", bucket: "acme-terraform-state", key: "eks/test/test-cluster.tfstate", region: "eu-west-1" },
              outputs: { vpcId: "vpc_id", privateSubnetIds: "private_subnets", publicSubnetIds: "public_subnets" },
            },
          };
        }, "environments/b.ts"),
      ]);
    expect(run).toThrow("environments/b.ts: network.remoteState.source: s3://acme-terraform-state/eks/test/test-cluster.tfstate is where environments/a.ts keeps a stack's own state, not a network stack");
  });

  it("two environments creating the same cluster", () => {
    const run = () =>
      validateEnvironments([
        validated(() => {}, "environments/a.ts"),
        validated((e) => ((e.name = "other"), (e.state = { backend: "local" })), "environments/b.ts"),
      ]);
    expect(run).toThrow('environments/b.ts: cluster.name: "test-cluster" is also used by environments/a.ts in the same account and region');
  });

  it("a file without a default export", () => {
    expect(() => validateEnvironments([{ file: "environments/x.ts", exported: undefined }])).toThrow(
      "environments/x.ts: has no default export: end the file with export default defineEnvironment({...})",
    );
  });
});

describe("add-on values", () => {
  it("extra Helm values are checked against the pinned chart", () => {
    expectError(
      (e) => ((e as Record<string, unknown>).addons = { traefik: { values: { deploymnet: { kind: "Deployment" } } } }),
      `${FILE}: addons.traefik.values.deploymnet: not a value of chart traefik 41.3.0`,
    );
    expectError(
      (e) => ((e as Record<string, unknown>).addons = { nodeTerminationHandler: { values: { queueUrl: "x" } } }),
      `${FILE}: addons.nodeTerminationHandler.values.queueUrl: not a value of chart aws-node-termination-handler 0.27.6 (misspelled, or removed in this version?)`,
    );
  });

  it("external-dns needs its zones", () => {
    expectError(
      (e) => ((e as Record<string, unknown>).addons = { externalDns: { enabled: true, domainFilters: ["example.com"] } }),
      `${FILE}: addons.externalDns.hostedZoneIds: is required when external-dns is enabled (its role is limited to these zones)`,
    );
  });

  it("the Gateway API needs Traefik", () => {
    expectError(
      (e) => ((e as Record<string, unknown>).addons = { traefik: { enabled: false, gatewayApi: true } }),
      `${FILE}: addons.traefik.gatewayApi: needs Traefik enabled`,
    );
  });

  it("Traefik needs edge nodes", () => {
    expectError(
      (e) => {
        e.workerPools.splice(1, 1);
        delete (e.network as { publicSubnetIds?: string[] }).publicSubnetIds;
        (e as Record<string, unknown>).addons = { traefik: { enabled: true } };
      },
      `${FILE}: addons.traefik.enabled: Traefik runs on edge nodes: add a worker pool of class edge`,
    );
  });
});

describe("drain alarms and edge shutdown", () => {
  const set = (e: Input, path: string[], value: unknown) => {
    let o = e as Record<string, unknown>;
    for (const k of path.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
    o[path[path.length - 1]] = value;
  };

  it("defaults: alarms without notifications, ping on 8080", () => {
    const result = validateEnvironment(validInput(), FILE);
    expect(result.ok && result.env.drainer.alarmTopic).toBe("none");
    expect(result.ok && result.env.edge?.healthCheckPort).toBe(8080);
  });

  it("accepts a topic to create, or a topic ARN of the environment's region", () => {
    expect(errorsFor((e) => set(e, ["drainer", "alarmTopic"], "create"))).toEqual([]);
    expect(errorsFor((e) => set(e, ["drainer", "alarmTopic"], "arn:aws:sns:eu-west-1:210987654321:oncall"))).toEqual([]);
    const r = validateEnvironment({ ...validInput(), drainer: { alarmTopic: "arn:aws:sns:eu-west-1:210987654321:oncall" } }, FILE);
    expect(r.ok && r.env.drainer.alarmTopic).toEqual({ arn: "arn:aws:sns:eu-west-1:210987654321:oncall" });
  });

  it("refuses an alarm topic that is neither, or lives in another region", () => {
    expectError((e) => set(e, ["drainer", "alarmTopic"], "email:ops@example.com"), `${FILE}: drainer.alarmTopic: must be "none", "create" or an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)`);
    expectError((e) => set(e, ["drainer", "alarmTopic"], "arn:aws:sqs:eu-west-1:210987654321:oncall"), /^environments\/test\.ts: drainer\.alarmTopic: must be "none", "create" or an SNS topic ARN/);
    expectError((e) => set(e, ["drainer", "alarmTopic"], "arn:aws:sns:us-east-1:210987654321:oncall"), `${FILE}: drainer.alarmTopic: is in us-east-1; CloudWatch alarms notify SNS topics of their own region (eu-west-1)`);
  });

  it("refuses a health check port that is a listener's target port or privileged", () => {
    expectError((e) => set(e, ["edge", "healthCheckPort"], 8443), `${FILE}: edge.healthCheckPort: 8443 is both a listener's target port and the health check port (Traefik's ping endpoint needs a host port of its own)`);
    expectError((e) => set(e, ["edge", "listeners"], [{ port: 80, targetPort: 8080 }]), `${FILE}: edge.listeners[0].targetPort: 8080 is both a listener's target port and the health check port (Traefik's ping endpoint needs a host port of its own)`);
    expectError((e) => set(e, ["edge", "healthCheckPort"], 80), `${FILE}: edge.healthCheckPort: must be 1024-65535 (an unprivileged host port)`);
  });

  it("refuses extra Traefik values that would end its shutdown before the load balancer lets go", () => {
    expectError(
      (e) => set(e, ["addons", "traefik", "values"], { deployment: { terminationGracePeriodSeconds: 30 } }),
      `${FILE}: addons.traefik.values.deployment.terminationGracePeriodSeconds: must be more than requestAcceptGraceTimeout + graceTimeOut (55s), or Kubernetes kills Traefik mid-request`,
    );
    expectError(
      (e) => set(e, ["addons", "traefik", "values"], { ports: { web: { transport: { lifeCycle: { requestAcceptGraceTimeout: "5s" } } } } }),
      `${FILE}: addons.traefik.values.ports.web.transport.lifeCycle.requestAcceptGraceTimeout: must be at least 45s: the load balancer needs that long to take a terminating Traefik out`,
    );
    expectError(
      (e) => set(e, ["addons", "traefik", "values"], { ports: { traefik: { hostPort: 9000 } } }),
      // Host ports are the stack's own (owned-values.ts): refused before the timing invariants run.
      /^environments\/test\.ts: addons\.traefik\.values\.ports\.traefik\.hostPort: is set by the stack and cannot be overridden/,
    );
    // Longer is fine (production waits 90 s).
    expect(errorsFor((e) => set(e, ["addons", "traefik", "values"], { deployment: { terminationGracePeriodSeconds: 90 } }))).toEqual([]);
  });

  it("refuses extra drainer values that break the timing the queue and hooks were built for", () => {
    expectError(
      (e) => set(e, ["addons", "nodeTerminationHandler", "values"], { sqsMsgVisibilityTimeoutSec: 20 }),
      /^environments\/test\.ts: addons\.nodeTerminationHandler\.values\.sqsMsgVisibilityTimeoutSec: must stay 119: the drain queue's maxReceiveCount \(\d+\) is derived from it$/,
    );
    expectError(
      (e) => set(e, ["addons", "nodeTerminationHandler", "values"], { heartbeatInterval: 210 }),
      // The heartbeat is the stack's own (owned-values.ts): refused before the timing invariants run.
      /^environments\/test\.ts: addons\.nodeTerminationHandler\.values\.heartbeatInterval: is set by the stack and cannot be overridden: drain timing follows/,
    );
  });
});

describe("node policies that reach beyond the cluster", () => {
  it.each([
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/PowerUserAccess",
    "arn:aws:iam::aws:policy/IAMFullAccess",
    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
    "arn:aws:iam::aws:policy/AmazonS3FullAccess",
    "arn:aws:iam::aws:policy/job-function/SystemAdministrator",
  ])("refuses %s on a pool, naming the field", (arn) => {
    const name = arn.split("policy/")[1].replace(/^(service-role|job-function)\//, (m) => (m.startsWith("job") ? m : ""));
    expectError((e) => (e.workerPools[1].iamPolicyArns = ["arn:aws:iam::123456789012:policy/team-read-bucket", arn]), new RegExp(`^${FILE.replace(/\./g, "\\.")}: workerPools\\[1\\]\\.iamPolicyArns\\[1\\]: ${name.replace(/[/]/g, "\\/")} reaches far beyond`));
  });

  it("accepts the team's own policies and narrow AWS managed ones", () => {
    expect(errorsFor((e) => (e.workerPools[1].iamPolicyArns = ["arn:aws:iam::123456789012:policy/team-read-bucket", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]))).toEqual([]);
  });
});
