/**
 * What each role of the cluster stack may do beyond AWS managed policies: the control plane's use
 * of the secrets key, the drainer's queue and lifecycle actions, and the add-ons that call AWS.
 *
 * These documents become managed policies of the `<env>-access` stack, applied by an account
 * administrator, and the cluster stack only attaches them by ARN. The admin role can therefore
 * create roles but never write what a role may do: every permission a cluster role can hold is
 * one an account administrator applied. Pure: environment in, documents out.
 */
import type { Environment } from "../config/environment";
import { names } from "../config/names";
import { addonIamRoles } from "../addons/catalog";
import { DRAIN_TAG_VALUE } from "../constructs/worker-pool-tags";
import { clusterArns } from "./cluster-arns";
import { drainerPermissions } from "./drainer-permissions";
import { awsManagedPolicies } from "./managed-policies";
import { policy, type PolicyDocument } from "./policy-document";

export interface ComponentPolicy {
  /** `drainer`, `cluster-autoscaler`, ...: names the policy (`<cluster>-<component>-permissions`). */
  component: string;
  description: string;
  document: PolicyDocument;
}

export const SECRETS_ENCRYPTION = "secrets-encryption";
export const DRAINER = "drainer";
export const EBS_CSI_DRIVER = "ebs-csi-driver";

/**
 * @param secretsKeyArn the cluster's key: the environment's own, or a reference to the key the
 *   access stack creates.
 */
export function componentPolicies(env: Environment, secretsKeyArn: string): ComponentPolicy[] {
  const cluster = env.cluster.name;
  const arn = clusterArns({ account: env.account, region: env.region, cluster });
  const list: ComponentPolicy[] = [
    {
      component: SECRETS_ENCRYPTION,
      description: `EKS control plane of ${cluster}: use of the secrets key`,
      // EKS checks the key's health with the cluster role; encryption itself runs on grants.
      document: policy({
        Sid: "ClusterSecretsKey",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:ListGrants"],
        Resource: secretsKeyArn,
      }),
    },
    {
      component: DRAINER,
      description: `Node drainer of ${cluster}: its drain queue and lifecycle actions`,
      document: drainerPermissions({
        queueArn: arn.drainQueue,
        autoScalingGroupsArn: arn.autoScalingGroups,
        drainTagKey: names.drainTag(cluster),
        drainTagValue: DRAIN_TAG_VALUE,
      }),
    },
  ];
  for (const { addon, iam } of addonIamRoles(env)) {
    if (!iam.permissions) continue;
    list.push({
      component: iam.component,
      description: `${addon.release} in ${cluster}`,
      document: iam.permissions(env, { account: env.account, region: env.region, partition: arn.partition }),
    });
  }
  return list;
}

/**
 * The policies each IRSA role of the cluster stack gets, by component: the cluster stack attaches
 * exactly these, and the admin role may attach nothing else to that role.
 */
export function irsaRolePolicyArns(env: Environment): Record<string, string[]> {
  const arn = clusterArns({ account: env.account, region: env.region, cluster: env.cluster.name });
  const out: Record<string, string[]> = { [DRAINER]: [arn.componentPolicy(DRAINER)] };
  for (const { iam } of addonIamRoles(env)) {
    out[iam.component] = [...(iam.permissions ? [arn.componentPolicy(iam.component)] : []), ...(iam.managedPolicyArns?.(env.region) ?? [])];
  }
  if (env.addons.clusterObjects.defaultStorageClass) out[EBS_CSI_DRIVER] = [awsManagedPolicies(env.region).ebsCsiDriver];
  return out;
}
