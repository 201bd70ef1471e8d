/**
 * Every AWS name derived from a cluster name, in one place, so constructs, policies and the
 * validator agree. Their limits and uniqueness scopes are in derived-names.ts.
 */
import type { Environment } from "../config/environment";

/**
 * Tag on every AWS resource of a cluster (through the providers' default tags, and explicitly on
 * Auto Scaling Groups, which default tags do not reach). The admin role's permissions on
 * resources whose ARNs are unknown before creation (security groups, launch templates, ASGs, load
 * balancers, KMS keys) are conditioned on it.
 */
export const OWNER_TAG_KEY = "eks-terraform/cluster";

/** The admin role's name: `adminRole.roleName`, or `<cluster>-eks-admin`. */
export const adminRoleName = (env: Pick<Environment, "adminRole" | "cluster">) => env.adminRole.roleName ?? names.adminRole(env.cluster.name);
/** The admin group's name: `adminRole.groupName`, or `<cluster>-eks-admins`. */
export const adminGroupName = (env: Pick<Environment, "adminRole" | "cluster">) => env.adminRole.groupName ?? names.adminGroup(env.cluster.name);

/** IAM path of one cluster's node and workload roles and its instance profiles. */
export const clusterIamPath = (cluster: string) => `/eks/${cluster}/`;
/** IAM path of the admin role's own policies, the component policies and the control plane's role. */
export const ADMIN_IAM_PATH = "/eks-admin/";

export const names = {
  /** Default name of the admin role (`adminRole.roleName` overrides it). */
  adminRole: (cluster: string) => `${cluster}-eks-admin`,
  /** Default name of the group allowed to assume it (`adminRole.groupName` overrides it). */
  adminGroup: (cluster: string) => `${cluster}-eks-admins`,
  adminPolicy: (cluster: string, part: string) => `${cluster}-eks-admin-${part}`,
  /** Managed policy (access stack) holding what one cluster-stack role may do. */
  componentPolicy: (cluster: string, component: string) => `${cluster}-${component}-permissions`,
  clusterRole: (cluster: string) => `${cluster}-cluster`,
  /** The role the cluster and add-ons stacks' AWS providers assume to plan (reads only), and its policy. */
  readerRole: (cluster: string) => `${cluster}-eks-reader`,
  /** IAM role an HCP Terraform run of one workspace in one phase assumes (dynamic credentials). */
  terraformCloudRunRole: (cluster: string, stack: string, phase: string) => `${cluster}-tfc-${stack}-${phase}`,
  /** GitHub Actions roles (`plan`, `apply`) and their policies. */
  githubRole: (cluster: string, kind: string) => `${cluster}-github-${kind}`,
  githubPolicy: (cluster: string, kind: string) => `${cluster}-github-${kind}-permissions`,
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
  edgeTargetGroup: (cluster: string, targetPort: number | "*") => `${cluster}-${targetPort}`,
  /** Instance tag the node termination handler requires before it drains (its managedTag). */
  drainTag: (cluster: string) => `aws-node-termination-handler/${cluster}`,
  clusterOwnershipTag: (cluster: string) => `kubernetes.io/cluster/${cluster}`,
  autoscalerClusterTag: (cluster: string) => `k8s.io/cluster-autoscaler/${cluster}`,
};

/** The in-cluster workloads that call AWS, each with a role of its own (src/charts/workload-identities.ts). */
export const WORKLOAD_COMPONENTS = ["drainer", "cluster-autoscaler", "external-dns", "cert-manager", "ebs-csi-driver", "vpc-cni"] as const;
export type WorkloadComponent = (typeof WORKLOAD_COMPONENTS)[number];
/** The drain queue's alarms: a message in the dead-letter queue, a message older than a drain. */
export const DRAIN_ALARM_KINDS = ["dead-letter", "oldest-message"] as const;
export type DrainAlarmKind = (typeof DRAIN_ALARM_KINDS)[number];

/** Policies of the admin role (src/iam/admin-permissions.ts), one managed policy per part. */
export const ADMIN_POLICY_PARTS = ["cluster", "ec2", "iam", "scaling", "monitoring"] as const;
/** Component policies that are not a workload's own (the control plane's use of the secrets key). */
export const EXTRA_COMPONENT_POLICIES = ["secrets-encryption"] as const;
