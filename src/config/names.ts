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

/** IAM path under which every role, instance profile and policy of one cluster lives. */
export const clusterIamPath = (cluster: string) => `/eks/${cluster}/`;
/** IAM path of the admin role's own policies and boundary: outside the cluster path, so the role cannot edit them. */
export const ADMIN_IAM_PATH = "/eks-admin/";

export const names = {
  adminRole: (cluster: string) => `${cluster}-eks-admin`,
  adminGroup: (cluster: string) => `${cluster}-eks-admins`,
  adminPolicy: (cluster: string, part: string) => `${cluster}-eks-admin-${part}`,
  permissionsBoundary: (cluster: string) => `${cluster}-eks-boundary`,
  /** Managed policy (access stack) holding what one cluster-stack role may do. */
  componentPolicy: (cluster: string, component: string) => `${cluster}-${component}-permissions`,
  clusterRole: (cluster: string) => `${cluster}-cluster`,
  nodeRole: (cluster: string, pool: string) => `${cluster}-node-${pool}`,
  irsaRole: (cluster: string, component: string) => `${cluster}-${component}`,
  logGroup: (cluster: string) => `/aws/eks/${cluster}/cluster`,
  kmsAlias: (cluster: string) => `alias/eks/${cluster}`,
  securityGroup: (cluster: string, role: string) => `${cluster}-${role}`,
  launchTemplate: (cluster: string, pool: string) => `${cluster}-${pool}`,
  autoScalingGroup: (cluster: string, pool: string) => `${cluster}-${pool}`,
  lifecycleHook: (cluster: string, pool: string) => `${cluster}-${pool}-drain`,
  drainQueue: (cluster: string) => `${cluster}-node-drain`,
  drainDeadLetterQueue: (cluster: string) => `${cluster}-node-drain-dlq`,
  drainRule: (cluster: string, kind: string) => `${cluster}-drain-${kind}`,
  edgeLoadBalancer: (cluster: string) => `${cluster}-edge`,
  /** Instance tag the node termination handler requires before it drains (its managedTag). */
  drainTag: (cluster: string) => `aws-node-termination-handler/${cluster}`,
  clusterOwnershipTag: (cluster: string) => `kubernetes.io/cluster/${cluster}`,
  autoscalerClusterTag: (cluster: string) => `k8s.io/cluster-autoscaler/${cluster}`,
};

/** The IRSA components a cluster can create roles for, and the longest rule kind. */
export const IRSA_COMPONENTS = ["drainer", "cluster-autoscaler", "external-dns", "cert-manager", "ebs-csi-driver"] as const;
export const DRAIN_RULE_KINDS = ["asg-lifecycle", "spot-interruption", "rebalance", "state-change", "scheduled-change"] as const;

export interface DerivedName {
  what: string;
  name: string;
  limit: number;
}

/** Names that grow with the cluster name, with their AWS limits. */
export function clusterDerivedNames(cluster: string, opts: { edge: boolean; adminRole: string }): DerivedName[] {
  const list: DerivedName[] = [
    { what: "admin role name", name: opts.adminRole, limit: 64 },
    { what: "cluster role name", name: names.clusterRole(cluster), limit: 64 },
    { what: "drain queue name", name: names.drainDeadLetterQueue(cluster), limit: 80 },
    ...IRSA_COMPONENTS.map((c) => ({ what: `${c} role name`, name: names.irsaRole(cluster, c), limit: 64 })),
    ...DRAIN_RULE_KINDS.map((k) => ({ what: "EventBridge rule name", name: names.drainRule(cluster, k), limit: 64 })),
  ];
  if (opts.edge) list.push({ what: "edge load balancer name", name: names.edgeLoadBalancer(cluster), limit: 32 });
  return list;
}

/** Names that grow with the cluster and pool names, with their AWS limits. */
export function poolDerivedNames(cluster: string, pool: string): DerivedName[] {
  return [
    { what: "node role name", name: names.nodeRole(cluster, pool), limit: 64 },
    { what: "launch template name", name: names.launchTemplate(cluster, pool), limit: 128 },
  ];
}
