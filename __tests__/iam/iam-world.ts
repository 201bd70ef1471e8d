/**
 * The IAM of one environment as AWS would hold it after an apply, built from the generated JSON of
 * its access and cluster stacks: every role with its trust and the documents of every policy
 * attached to it, and the resource policies (drain queue, secrets key). Every Terraform reference
 * is replaced with the value it would have (ARNs derived from names, the mocked network and key);
 * a reference the world cannot resolve fails the test instead of reaching the evaluator, which
 * would read an unresolved string as a wildcard.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Environment } from "../../src/config/environment";
import type { PolicyDocument } from "../../src/iam/policy-document";
import { PROJECT_ROOT, type StackJson } from "../support/reference";
import { mockKeyArn, mockNetwork } from "../terraform/aws-mocks";

export interface RoleModel {
  arn: string;
  name: string;
  trust: PolicyDocument;
  /** Attached managed policies, by ARN. */
  policies: { arn: string; document: PolicyDocument }[];
}

export interface IamWorld {
  env: Environment;
  /** Every role of the environment's stacks, by Terraform address. */
  roles: Record<string, RoleModel>;
  admin: RoleModel;
  /** Node role of each pool, by pool name. */
  nodes: Record<string, RoleModel>;
  /** Pod Identity role of each workload, by component. */
  workloads: Record<string, RoleModel>;
  controlPlane: RoleModel;
  drainQueuePolicy: PolicyDocument;
  /**
   * The secrets key's policy; for a key the environment brings, the policy KMS gives a key by
   * default (the account's IAM policies decide).
   */
  secretsKeyPolicy: PolicyDocument;
  vpcId: string;
  privateSubnetIds: string[];
  /** The ARN the mocked apply gives the secrets key (or the environment's own). */
  secretsKeyArn: string;
}

const MANAGED_DIR = path.join(PROJECT_ROOT, "vendor", "iam", "managed-policies");

function managedPolicy(arn: string): PolicyDocument {
  const name = arn.split("/").pop()!;
  const file = path.join(MANAGED_DIR, `${name}.json`);
  if (!fs.existsSync(file)) throw new Error(`no vendored document for AWS managed policy ${arn} (add it to vendor/iam/managed-policies/)`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as PolicyDocument;
}

/** Resolves references of the stacks' JSON to the values an apply would give them. */
class Resolver {
  constructor(
    private readonly env: Environment,
    private readonly stacks: { access: StackJson; cluster: StackJson },
  ) {}

  private network() {
    const n = this.env.network;
    if (n.kind === "ids") return { vpcId: n.vpcId, privateSubnetIds: n.privateSubnetIds, publicSubnetIds: n.publicSubnetIds ?? [] };
    return mockNetwork();
  }

  /** The value of one reference (`aws_iam_role.x.arn`, `data.terraform_remote_state.y.outputs.z`). */
  reference(ref: string, stack: StackJson): unknown {
    const { account, region } = this.env;
    const remote = /^data\.terraform_remote_state\.([a-z_]+)\.outputs\.([a-z_]+)(?:\["?([^"\]]+)"?\])?$/.exec(ref);
    if (remote) {
      const [, source, output, key] = remote;
      let value: unknown;
      if (source === "access_stack") value = this.value(this.stacks.access.output?.[output]?.value, this.stacks.access);
      else if (source === "network_state" && this.env.network.kind === "remote-state") {
        const o = this.env.network.outputs;
        const net = this.network();
        value = output === o.vpcId ? net.vpcId : output === o.privateSubnetIds ? net.privateSubnetIds : output === o.publicSubnetIds ? net.publicSubnetIds : undefined;
      }
      if (value === undefined) throw new Error(`cannot resolve ${ref}`);
      return key === undefined ? value : (value as Record<string, unknown>)[key];
    }
    const m = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(ref);
    if (!m) throw new Error(`cannot resolve ${ref}`);
    const [, type, name, attr] = m;
    if (type === "local") return this.value(stack.locals?.[name], stack);
    const config = stack.resource?.[type]?.[name] as Record<string, string> | undefined;
    if (!config) throw new Error(`${ref} names a resource the stack does not have`);
    const iam = (kind: string) => `arn:aws:iam::${account}:${kind}${config.path ?? "/"}${config.name}`;
    switch (`${type}.${attr}`) {
      case "aws_iam_role.arn":
        return iam("role");
      case "aws_iam_policy.arn":
        return iam("policy");
      case "aws_iam_instance_profile.arn":
        return iam("instance-profile");
      case "aws_iam_openid_connect_provider.arn":
        return `arn:aws:iam::${account}:oidc-provider/${(config as unknown as { url: string }).url.replace(/^https:\/\//, "")}`;
      case "aws_iam_role.name":
        return config.name;
      case "aws_kms_key.arn":
        return mockKeyArn(this.env);
      case "aws_sqs_queue.arn":
        return `arn:aws:sqs:${region}:${account}:${config.name}`;
      case "aws_cloudwatch_event_rule.arn":
        return `arn:aws:events:${region}:${account}:rule/${config.name}`;
      default:
        throw new Error(`the IAM world has no value for ${ref}`);
    }
  }

  /** One `${...}` expression: a reference, or concat() of lists. */
  private expression(expr: string, stack: StackJson): unknown {
    const concat = /^concat\((.*)\)$/s.exec(expr);
    if (concat) {
      return splitArgs(concat[1]).flatMap((arg) => {
        const a = arg.trim();
        return a.startsWith("[") ? (JSON.parse(a) as string[]) : (this.expression(a, stack) as string[]);
      });
    }
    const json = /^jsonencode\(local\.([A-Za-z0-9_-]+)\)$/.exec(expr);
    if (json) return this.value(stack.locals?.[json[1]], stack);
    return this.reference(expr, stack);
  }

  /** Deep-resolves a JSON value of `stack`. */
  value(v: unknown, stack: StackJson): unknown {
    if (Array.isArray(v)) return v.map((x) => this.value(x, stack));
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.value(x, stack)]));
    if (typeof v !== "string" || !v.includes("${")) return v;
    const whole = /^\$\{(.*)\}$/s.exec(v);
    if (whole && !whole[1].includes("${")) return this.expression(whole[1], stack);
    const out = v.replace(/\$\{([^{}]+)\}/g, (_, e: string) => String(this.expression(e, stack)));
    if (out.includes("${")) throw new Error(`unresolved reference left in ${v}`);
    return out;
  }
}

function splitArgs(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if ("([".includes(text[i])) depth++;
    else if (")]".includes(text[i])) depth--;
    else if (text[i] === "," && depth === 0) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  args.push(text.slice(start));
  return args;
}

function defaultKeyPolicy(account: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
  };
}

function document(v: unknown): PolicyDocument {
  const doc = (typeof v === "string" ? JSON.parse(v) : v) as PolicyDocument;
  const text = JSON.stringify(doc);
  if (text.includes("${")) throw new Error(`a policy still holds a Terraform reference: ${text}`);
  return doc;
}

export function iamWorld(env: Environment, stacks: { access: StackJson; cluster: StackJson }): IamWorld {
  const r = new Resolver(env, stacks);
  const roles: Record<string, RoleModel> = {};
  for (const stack of [stacks.access, stacks.cluster]) {
    const attachments = Object.values((stack.resource?.aws_iam_role_policy_attachment ?? {}) as Record<string, { role: string; policy_arn: string }>);
    for (const [address, config] of Object.entries((stack.resource?.aws_iam_role ?? {}) as Record<string, { assume_role_policy: string }>)) {
      const arn = r.reference(`aws_iam_role.${address}.arn`, stack) as string;
      const policies = attachments
        .filter((a) => a.role === `\${aws_iam_role.${address}.name}`)
        .map((a) => {
          const policyArn = r.value(a.policy_arn, stack) as string;
          if (policyArn.includes(":iam::aws:policy/")) return { arn: policyArn, document: managedPolicy(policyArn) };
          const policyAddress = /^\$\{aws_iam_policy\.([A-Za-z0-9_-]+)\.arn\}$/.exec(a.policy_arn)?.[1];
          const resource = policyAddress ? (stack.resource?.aws_iam_policy?.[policyAddress] as { policy: string } | undefined) : undefined;
          if (!resource) throw new Error(`${address} attaches ${a.policy_arn}, which is neither AWS managed nor a policy of the stack`);
          return { arn: policyArn, document: document(r.value(resource.policy, stack)) };
        });
      roles[address] = { arn, name: arn.split("/").pop()!, trust: document(r.value(config.assume_role_policy, stack)), policies };
    }
  }
  const pick = (prefix: string, suffix: string) =>
    Object.fromEntries(
      Object.entries(roles)
        .filter(([a]) => a.startsWith(prefix) && a.endsWith(suffix))
        .map(([a, role]) => [a.slice(prefix.length, a.length - suffix.length).replace(/_/g, "-"), role]),
    );
  const nodes: Record<string, RoleModel> = {};
  for (const pool of env.workerPools) nodes[pool.name] = roles[`pool_${pool.name.replace(/[^A-Za-z0-9_]/g, "_")}_node_role_role`];
  const key = stacks.access.resource?.aws_kms_key?.secrets_key as { policy: string } | undefined;
  const queuePolicy = stacks.cluster.resource?.aws_sqs_queue_policy?.drain_policy as { policy: string };
  const network = env.network.kind === "ids" ? { vpcId: env.network.vpcId, privateSubnetIds: env.network.privateSubnetIds } : mockNetwork();
  return {
    env,
    roles,
    admin: roles.eks_admin_role,
    nodes,
    workloads: pick("workload_", "_role_role"),
    controlPlane: roles.cluster_role,
    drainQueuePolicy: document(r.value(queuePolicy.policy, stacks.cluster)),
    secretsKeyPolicy: key ? document(r.value(key.policy, stacks.access)) : defaultKeyPolicy(env.account),
    vpcId: network.vpcId,
    privateSubnetIds: network.privateSubnetIds,
    secretsKeyArn: env.cluster.secretsEncryption.kmsKeyArn ?? mockKeyArn(env),
  };
}
