/**
 * The outputs stacks publish for each other: the contract between an environment's stacks.
 * Renaming one is a breaking change for the stacks (and people) that read it.
 */
import type { AddonKey } from "../addons/addon";

export const ACCESS_OUTPUTS = {
  adminRoleArn: "admin_role_arn",
  adminGroupName: "admin_group_name",
  kubeconfigCommand: "kubeconfig_command",
  clusterRoleArn: "cluster_role_arn",
  /** Only when the access stack creates the key (no kmsKeyArn in the environment). */
  secretsKeyArn: "secrets_key_arn",
} as const;

export const CLUSTER_OUTPUTS = {
  clusterName: "cluster_name",
  endpoint: "cluster_endpoint",
  certificateAuthority: "cluster_certificate_authority",
  oidcProviderArn: "oidc_provider_arn",
  oidcIssuerUrl: "oidc_issuer_url",
  clusterSecurityGroupId: "cluster_security_group_id",
  nodeSecurityGroupId: "node_security_group_id",
  drainQueueUrl: "drain_queue_url",
  drainTag: "drain_tag",
  edgeHostname: "edge_load_balancer_dns_name",
} as const;

/** Output carrying the IRSA role ARN of an add-on. */
export function addonRoleOutput(key: AddonKey): string {
  return key === "nodeTerminationHandler" ? "drainer_role_arn" : `${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_role_arn`;
}
