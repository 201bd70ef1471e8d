/**
 * Every AWS name derived from an environment, in one place, so constructs and the validator agree
 * and a name that would be too long is caught at synth time instead of by the AWS API mid-apply.
 */

/**
 * Tag on every AWS resource of a cluster (through the providers' default tags, and explicitly on
 * Auto Scaling Groups, which default tags do not reach). The admin role's permissions on
 * resources whose ARNs are unknown before creation (security groups, launch templates, ASGs, load
 * balancers, KMS keys) are conditioned on it.
 */
export const OWNER_TAG_KEY = "eks-terraform/cluster";

/** IAM path of one cluster's node and workload roles and its instance profiles. */
export const clusterIamPath = (cluster: string) => `/eks/${cluster}/`;
/** IAM path of the admin role's own policies, the component policies and the control plane's role. */
export const ADMIN_IAM_PATH = "/eks-admin/";

export const names = {
  adminRole: (cluster: string) => `${cluster}-eks-admin`,
  adminGroup: (cluster: string) => `${cluster}-eks-admins`,
  adminPolicy: (cluster: string, part: string) => `${cluster}-eks-admin-${part}`,
  /** Managed policy (access stack) holding what one cluster-stack role may do. */
  componentPolicy: (cluster: string, component: string) => `${cluster}-${component}-permissions`,
  clusterRole: (cluster: string) => `${cluster}-cluster`,
  nodeRole: (cluster: string, pool: string) => `${cluster}-node-${pool}`,
  /** Role of one in-cluster workload that calls AWS, assumed through EKS Pod Identity. */
  workloadRole: (cluster: string, component: string) => `${cluster}-${component}`,
  logGroup: (cluster: string) => `/aws/eks/${cluster}/cluster`,
  kmsAlias: (cluster: string) => `alias/eks/${cluster}`,
  securityGroup: (cluster: string, role: string) => `${cluster}-${role}`,
  launchTemplate: (cluster: string, pool: string) => `${cluster}-${pool}`,
  autoScalingGroup: (cluster: string, pool: string) => `${cluster}-${pool}`,
  lifecycleHook: (cluster: string, pool: string) => `${cluster}-${pool}-drain`,
  drainQueue: (cluster: string) => `${cluster}-node-drain`,
  drainDeadLetterQueue: (cluster: string) => `${cluster}-node-drain-dlq`,
  drainRule: (cluster: string, kind: string) => `${cluster}-drain-${kind}`,
  /** CloudWatch alarms on the drain queues. */
  drainAlarm: (cluster: string, kind: DrainAlarmKind) => `${cluster}-node-drain-${kind}`,
  /** SNS topic the drain alarms notify, when the cluster stack creates one. */
  drainAlarmTopic: (cluster: string) => `${cluster}-node-drain-alarms`,
  edgeLoadBalancer: (cluster: string) => `${cluster}-edge`,
  /** One edge target group per target port; the admin role may register groups only behind these. */
  edgeTargetGroup: (cluster: string, targetPort: number) => `${cluster}-${targetPort}`,
  /** Instance tag the node termination handler requires before it drains (its managedTag). */
  drainTag: (cluster: string) => `aws-node-termination-handler/${cluster}`,
  clusterOwnershipTag: (cluster: string) => `kubernetes.io/cluster/${cluster}`,
  autoscalerClusterTag: (cluster: string) => `k8s.io/cluster-autoscaler/${cluster}`,
};

/** The in-cluster workloads that call AWS, each with a role of its own (src/addons/workload-identities.ts). */
export const WORKLOAD_COMPONENTS = ["drainer", "cluster-autoscaler", "external-dns", "cert-manager", "ebs-csi-driver", "vpc-cni"] as const;
export type WorkloadComponent = (typeof WORKLOAD_COMPONENTS)[number];
/** The drain queue's alarms: a message in the dead-letter queue, a message older than a drain. */
export const DRAIN_ALARM_KINDS = ["dead-letter", "oldest-message"] as const;
export type DrainAlarmKind = (typeof DRAIN_ALARM_KINDS)[number];
export const DRAIN_RULE_KINDS = ["asg-lifecycle", "spot-interruption", "rebalance", "state-change", "scheduled-change"] as const;

export interface DerivedName {
  what: string;
  name: string;
  limit: number;
}

/** Names that grow with the cluster name, with their AWS limits. */
export function clusterDerivedNames(cluster: string, opts: { edge: boolean; adminRole: string; edgeTargetPorts?: number[] }): DerivedName[] {
  const list: DerivedName[] = [
    { what: "admin role name", name: opts.adminRole, limit: 64 },
    { what: "cluster role name", name: names.clusterRole(cluster), limit: 64 },
    { what: "drain queue name", name: names.drainDeadLetterQueue(cluster), limit: 80 },
    ...WORKLOAD_COMPONENTS.map((c) => ({ what: `${c} role name`, name: names.workloadRole(cluster, c), limit: 64 })),
    ...DRAIN_RULE_KINDS.map((k) => ({ what: "EventBridge rule name", name: names.drainRule(cluster, k), limit: 64 })),
  ];
  if (opts.edge) list.push({ what: "edge load balancer name", name: names.edgeLoadBalancer(cluster), limit: 32 });
  for (const port of opts.edgeTargetPorts ?? []) list.push({ what: "edge target group name", name: names.edgeTargetGroup(cluster, port), limit: 32 });
  return list;
}

/** Names that grow with the cluster and pool names, with their AWS limits. */
export function poolDerivedNames(cluster: string, pool: string): DerivedName[] {
  return [
    { what: "node role name", name: names.nodeRole(cluster, pool), limit: 64 },
    { what: "launch template name", name: names.launchTemplate(cluster, pool), limit: 128 },
  ];
}
