/**
 * The managed policies of the `<env>-access` stack that the cluster's roles carry: the control
 * plane's use of the secrets key, the drainer's queue and lifecycle actions, and one per in-cluster
 * workload that calls AWS. Only an account administrator applies them; the admin role can neither
 * write nor attach them. Pure: environment in, documents out.
 */
import type { Environment } from "../config/environment";
import { names } from "../naming/names";
import { DRAIN_TAG_VALUE } from "../naming/worker-pool-tags";
import { clusterArns } from "../naming/arns";
import { drainerPermissions } from "./drainer-permissions";
import { policy, type PolicyDocument } from "./policy-document";

export interface ComponentPolicy {
  /** `drainer`, `cluster-autoscaler`, ...: names the policy (`<cluster>-<component>-permissions`). */
  component: string;
  description: string;
  document: PolicyDocument;
}

export const SECRETS_ENCRYPTION = "secrets-encryption";
export const DRAINER = "drainer";

/** The drainer's permissions: they go to its Pod Identity role, or to the system nodes' roles. */
export function drainerPolicy(env: Environment): ComponentPolicy {
  const cluster = env.cluster.name;
  const arn = clusterArns({ account: env.account, region: env.region, cluster });
  return {
    component: DRAINER,
    description: `Node drainer of ${cluster}: its drain queue and lifecycle actions`,
    document: drainerPermissions({
      queueArn: arn.drainQueue,
      autoScalingGroupsArn: arn.autoScalingGroups,
      drainTagKey: names.drainTag(cluster),
      drainTagValue: DRAIN_TAG_VALUE,
    }),
  };
}

/** The control plane's use of the key: EKS checks the key's health with it; encryption runs on grants. */
export function secretsEncryptionPolicy(env: Environment, secretsKeyArn: string): ComponentPolicy {
  return {
    component: SECRETS_ENCRYPTION,
    description: `EKS control plane of ${env.cluster.name}: use of the secrets key`,
    document: policy({
      Sid: "ClusterSecretsKey",
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:ListGrants"],
      Resource: secretsKeyArn,
    }),
  };
}
