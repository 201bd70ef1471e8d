/**
 * What one synthesized stack needs to be applied against a mocked AWS API: realistic computed
 * values for its resources, and every remote-state read answered with what the producing stack
 * (or the existing network stack) would report.
 */
import type { Environment } from "../../src/config/environment";
import { partitionOf } from "../../src/naming/partitions";
import type { StackJson } from "../support/reference";
import { awsMockDefaults, mockCluster, mockEdgeLoadBalancer, mockKeyArn, mockNetwork } from "./aws-mocks";

/** `${aws_iam_role.eks_admin_role.arn}` -> what that attribute holds after a real apply. */
function producedValue(producer: StackJson, expression: unknown, env: Environment): unknown {
  if (expression !== null && typeof expression === "object") {
    return Object.fromEntries(Object.entries(expression).map(([k, v]) => [k, producedValue(producer, v, env)]));
  }
  if (typeof expression !== "string") return expression;
  const m = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.(.+)\}$/.exec(expression);
  if (!m) {
    if (!expression.includes("${")) return expression;
    throw new Error(`the test harness cannot mock the cross-stack value ${expression}`);
  }
  const [, type, name, attr] = m;
  const config = producer.resource?.[type]?.[name] as Record<string, unknown> | undefined;
  if (!config) throw new Error(`cross-stack value ${expression} points at a resource the producing stack does not have`);
  const p = partitionOf(env.region);
  const cluster = mockCluster(env);
  const key = `${type}.${attr}`;
  switch (key) {
    case "aws_iam_role.arn":
      return `arn:${p}:iam::${env.account}:role${(config.path as string | undefined) ?? "/"}${config.name as string}`;
    case "aws_iam_instance_profile.arn":
      return `arn:${p}:iam::${env.account}:instance-profile${(config.path as string | undefined) ?? "/"}${config.name as string}`;
    case "aws_iam_role.name":
    case "aws_eks_cluster.name":
    case "aws_sqs_queue.name":
      return config.name;
    case "aws_eks_cluster.endpoint":
      return cluster.endpoint;
    case "aws_eks_cluster.certificate_authority[0].data":
      return cluster.certificateAuthority;
    case "aws_eks_cluster.identity[0].oidc[0].issuer":
      return cluster.oidcIssuer;
    case "aws_sqs_queue.url":
      return `https://sqs.${env.region}.amazonaws.com/${env.account}/${config.name as string}`;
    case "aws_kms_key.arn":
      return mockKeyArn(env);
    case "aws_lb.dns_name":
      return mockEdgeLoadBalancer(env).dnsName;
    case "aws_lb.zone_id":
      return mockEdgeLoadBalancer(env).zoneId;
    case "aws_sqs_queue.arn":
      return `arn:${p}:sqs:${env.region}:${env.account}:${config.name as string}`;
    default:
      throw new Error(`the test harness has no realistic value for ${key} (from ${expression}); add one to producedValue`);
  }
}

/** Every `data.terraform_remote_state.<name>.outputs.<key>` the stack reads. */
function remoteStateReads(stack: StackJson): Map<string, Set<string>> {
  const reads = new Map<string, Set<string>>();
  const text = JSON.stringify(stack);
  for (const m of text.matchAll(/data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
    if (!reads.has(m[1])) reads.set(m[1], new Set());
    reads.get(m[1])!.add(m[2]);
  }
  return reads;
}

/** Computed values derivable from a resource's own config (its ARN from its name), so each is distinct and real-looking. */
function derivedOverrides(stack: StackJson, env: Environment): { address: string; values: Record<string, unknown> }[] {
  const p = partitionOf(env.region);
  const { account: a, region: r } = env;
  const out: { address: string; values: Record<string, unknown> }[] = [];
  const literal = (v: unknown) => (typeof v === "string" && !v.includes("${") ? v : undefined);
  /** For each resource of `type` with a literal name (and path), the values derived from them. */
  const each = (type: string, derive: (name: string, path: string) => Record<string, unknown>) => {
    for (const [address, config] of Object.entries(stack.resource?.[type] ?? {})) {
      const name = literal(config.name);
      if (config.for_each !== undefined || config.count !== undefined || name === undefined) continue;
      out.push({ address: `${type}.${address}`, values: derive(name, literal(config.path) ?? "/") });
    }
  };
  each("aws_iam_role", (name, path) => ({ arn: `arn:${p}:iam::${a}:role${path}${name}` }));
  each("aws_iam_instance_profile", (name, path) => ({ arn: `arn:${p}:iam::${a}:instance-profile${path}${name}` }));
  each("aws_iam_policy", (name, path) => ({ arn: `arn:${p}:iam::${a}:policy${path}${name}` }));
  for (const [address, config] of Object.entries(stack.resource?.aws_iam_openid_connect_provider ?? {})) {
    const url = literal(config.url);
    if (url) out.push({ address: `aws_iam_openid_connect_provider.${address}`, values: { arn: `arn:${p}:iam::${a}:oidc-provider/${url.replace(/^https:\/\//, "")}` } });
  }
  each("aws_sqs_queue", (name) => ({ arn: `arn:${p}:sqs:${r}:${a}:${name}`, url: `https://sqs.${r}.amazonaws.com/${a}/${name}` }));
  each("aws_cloudwatch_event_rule", (name) => ({ arn: `arn:${p}:events:${r}:${a}:rule/${name}` }));
  each("aws_autoscaling_group", (name) => ({ arn: `arn:${p}:autoscaling:${r}:${a}:autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/${name}` }));
  // Values that name this stack's cluster: the mocked provider is shared per account and region.
  // An override replaces the mock's defaults for its resource, so it carries them too.
  const mocked = awsMockDefaults(env).resources;
  const c = env.cluster.name;
  each("aws_eks_cluster", (name) => ({ ...mocked.aws_eks_cluster, arn: `arn:${p}:eks:${r}:${a}:cluster/${name}` }));
  for (const [address, config] of Object.entries(stack.resource?.aws_eks_addon ?? {})) {
    out.push({ address: `aws_eks_addon.${address}`, values: { ...mocked.aws_eks_addon, arn: `arn:${p}:eks:${r}:${a}:addon/${c}/${String(config.addon_name)}/00000000-0000-0000-0000-000000000000` } });
  }
  for (const address of Object.keys(stack.resource?.aws_eks_access_entry ?? {})) {
    out.push({ address: `aws_eks_access_entry.${address}`, values: { ...mocked.aws_eks_access_entry, access_entry_arn: `arn:${p}:eks:${r}:${a}:access-entry/${c}/role/${a}/${address}/00000000-0000-0000-0000-000000000000` } });
  }
  return out;
}

export interface Override {
  /** Address inside the stack (`aws_iam_role.x`, `data.terraform_remote_state.y`). */
  address: string;
  values: Record<string, unknown>;
  kind: "resource" | "data";
}

export interface StackFixturesInput {
  env: Environment;
  stackName: string;
  stack: StackJson;
  /** The environment's other synthesized stacks, by stack name. */
  producers: Record<string, StackJson>;
}

/** Overrides for one stack: derived ARNs of its own resources, its subnets' VPC, and its remote-state reads. */
export function stackOverrides({ env, stackName, stack, producers }: StackFixturesInput): Override[] {
  const out: Override[] = derivedOverrides(stack, env).map((o) => ({ ...o, kind: "resource" as const }));
  const vpcId = env.network.kind === "ids" ? env.network.vpcId : mockNetwork().vpcId;
  for (const address of Object.keys(stack.data?.aws_subnet ?? {})) out.push({ address: `data.aws_subnet.${address}`, values: { vpc_id: vpcId }, kind: "data" });
  for (const [name, keys] of remoteStateReads(stack)) {
    const outputs: Record<string, unknown> = {};
    // Outputs of another stack of the environment (EnvironmentStack.outputsOf names them <role>_stack).
    const sibling = /^(access|cluster|addons)_stack$/.exec(name);
    if (sibling) {
      const producer = producers[`${env.name}-${sibling[1]}`];
      if (!producer) throw new Error(`${stackName} reads ${name} but no producing stack was given`);
      for (const key of keys) outputs[key] = producedValue(producer, producer.output?.[key]?.value, env);
    } else if (env.network.kind === "remote-state") {
      const net = mockNetwork();
      const o = env.network.outputs;
      const byName: Record<string, unknown> = { [o.vpcId]: net.vpcId, [o.privateSubnetIds]: net.privateSubnetIds };
      if (o.publicSubnetIds) byName[o.publicSubnetIds] = net.publicSubnetIds;
      for (const key of keys) {
        if (!(key in byName)) throw new Error(`${stackName} reads output ${key} of the network stack, which the environment does not name`);
        outputs[key] = byName[key];
      }
    } else {
      throw new Error(`${stackName} reads remote state ${name}, which the test harness does not know`);
    }
    out.push({ address: `data.terraform_remote_state.${name}`, values: { outputs }, kind: "data" });
  }
  return out;
}
