/**
 * Every AWS name an environment creates that AWS limits or requires to be unique, with its limit
 * and scope, so a name that would be too long is caught at synth time instead of by the AWS API
 * mid-apply, and two environments whose names would clash are refused before either is applied.
 */
import type { Environment } from "../config/environment";
import { DRAIN_RULE_KINDS } from "../config/drain-events";
import { adminGroupName, adminRoleName, ADMIN_POLICY_PARTS, EXTRA_COMPONENT_POLICIES, names, WORKLOAD_COMPONENTS } from "./names";
import { REMOTE_RUN_STACKS } from "./terraform-cloud";

/**
 * Where AWS keeps a kind of name unique: IAM names in the whole account (whatever the region or
 * path), the others in one region of one account.
 */
export type NameScope = "account" | "region";

export interface DerivedName {
  /** What it names, for messages ("node role name"). */
  what: string;
  name: string;
  /** AWS length limit. */
  limit: number;
  /** The namespace the name must be unique in: same kind and scope collide ("IAM role"). */
  kind: string;
  scope: NameScope;
  /** The environment field the name comes from, when it is not derived from cluster.name. */
  field?: "adminRole.roleName" | "adminRole.groupName";
}

const iam = (kind: string) => ({ kind, scope: "account" as const });
const regional = (kind: string) => ({ kind, scope: "region" as const });

export interface ClusterNameOptions {
  edge: boolean;
  adminRole: string;
  /** Default `<cluster>-eks-admins`. */
  adminGroup?: string;
  /** Set when the admin role / group names were given in the environment, not derived. */
  customAdminRole?: boolean;
  customAdminGroup?: boolean;
  edgeTargetPorts?: number[];
  /** Set for the `cloud` backend: the workspaces' plan and apply roles exist. */
  terraformCloudRuns?: boolean;
  /** Set with `ci.github`: the GitHub Actions plan and apply roles exist. */
  githubActions?: boolean;
}

/**
 * Every AWS name of one cluster that is not a pool's, with its limit and where it must be unique.
 * Workload roles and policies are listed for every component that may exist, enabled or not, so
 * enabling an add-on later never turns up a clash.
 */
export function clusterDerivedNames(cluster: string, opts: ClusterNameOptions): DerivedName[] {
  const list: DerivedName[] = [
    { what: "admin role name", name: opts.adminRole, limit: 64, ...iam("IAM role"), ...(opts.customAdminRole ? { field: "adminRole.roleName" as const } : {}) },
    {
      what: "admin group name",
      name: opts.adminGroup ?? names.adminGroup(cluster),
      limit: 128,
      ...iam("IAM group"),
      ...(opts.customAdminGroup ? { field: "adminRole.groupName" as const } : {}),
    },
    { what: "cluster role name", name: names.clusterRole(cluster), limit: 64, ...iam("IAM role") },
    ...ADMIN_POLICY_PARTS.map((part) => ({ what: "admin policy name", name: names.adminPolicy(cluster, part), limit: 128, ...iam("IAM policy") })),
    ...[...WORKLOAD_COMPONENTS, ...EXTRA_COMPONENT_POLICIES].map((c) => ({ what: `${c} policy name`, name: names.componentPolicy(cluster, c), limit: 128, ...iam("IAM policy") })),
    ...WORKLOAD_COMPONENTS.map((c) => ({ what: `${c} role name`, name: names.workloadRole(cluster, c), limit: 64, ...iam("IAM role") })),
    { what: "drain queue name", name: names.drainQueue(cluster), limit: 80, ...regional("SQS queue") },
    { what: "drain queue name", name: names.drainDeadLetterQueue(cluster), limit: 80, ...regional("SQS queue") },
    ...DRAIN_RULE_KINDS.map((k) => ({ what: "EventBridge rule name", name: names.drainRule(cluster, k), limit: 64, ...regional("EventBridge rule") })),
    { what: "log group name", name: names.logGroup(cluster), limit: 512, ...regional("CloudWatch log group") },
    { what: "KMS alias", name: names.kmsAlias(cluster), limit: 256, ...regional("KMS alias") },
    // The reader role plans run as, and its policy of the same name.
    { what: "reader role name", name: names.readerRole(cluster), limit: 64, ...iam("IAM role") },
    { what: "reader policy name", name: names.readerRole(cluster), limit: 128, ...iam("IAM policy") },
  ];
  if (opts.githubActions) {
    for (const kind of ["plan", "apply"]) {
      list.push({ what: "GitHub Actions role name", name: names.githubRole(cluster, kind), limit: 64, ...iam("IAM role") });
      list.push({ what: "GitHub Actions policy name", name: names.githubPolicy(cluster, kind), limit: 128, ...iam("IAM policy") });
    }
  }
  if (opts.terraformCloudRuns) {
    for (const stack of REMOTE_RUN_STACKS) {
      for (const phase of ["plan", "apply"]) list.push({ what: "Terraform Cloud run role name", name: names.terraformCloudRunRole(cluster, stack, phase), limit: 64, ...iam("IAM role") });
    }
  }
  if (opts.edge) list.push({ what: "edge load balancer name", name: names.edgeLoadBalancer(cluster), limit: 32, ...regional("load balancer") });
  for (const port of opts.edgeTargetPorts ?? []) list.push({ what: "edge target group name", name: names.edgeTargetGroup(cluster, port), limit: 32, ...regional("target group") });
  return list;
}

/** The options for an environment's own cluster; custom admin names are the ones that differ from the derived ones. */
export function clusterNameOptions(env: Environment): ClusterNameOptions {
  const cluster = env.cluster.name;
  return {
    edge: env.edge !== undefined,
    adminRole: adminRoleName(env),
    adminGroup: adminGroupName(env),
    customAdminRole: adminRoleName(env) !== names.adminRole(cluster),
    customAdminGroup: adminGroupName(env) !== names.adminGroup(cluster),
    edgeTargetPorts: env.edge?.listeners.map((l) => l.targetPort) ?? [],
    terraformCloudRuns: env.state.backend === "cloud",
    githubActions: env.ci.github !== undefined,
  };
}

/** Every AWS name an environment creates that AWS requires to be unique, with the field it comes from. */
export function environmentNames(env: Environment): (DerivedName & { path: (string | number)[] })[] {
  const cluster = env.cluster.name;
  return [
    ...clusterDerivedNames(cluster, clusterNameOptions(env)).map((d) => ({ ...d, path: d.field ? d.field.split(".") : ["cluster", "name"] })),
    ...env.workerPools.flatMap((p, i) => poolDerivedNames(cluster, p.name).map((d) => ({ ...d, path: ["workerPools", i, "name"] }))),
  ];
}

/** Names that grow with the cluster and pool names, with their AWS limits and scopes. */
export function poolDerivedNames(cluster: string, pool: string): DerivedName[] {
  return [
    { what: "node role name", name: names.nodeRole(cluster, pool), limit: 64, ...iam("IAM role") },
    { what: "node instance profile name", name: names.nodeRole(cluster, pool), limit: 128, ...iam("IAM instance profile") },
    { what: "launch template name", name: names.launchTemplate(cluster, pool), limit: 128, ...regional("launch template") },
    { what: "Auto Scaling group name", name: names.autoScalingGroup(cluster, pool), limit: 255, ...regional("Auto Scaling group") },
  ];
}
