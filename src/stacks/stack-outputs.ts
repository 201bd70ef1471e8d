/**
 * The outputs stacks publish for each other: the contract between an environment's stacks.
 * Renaming one is a breaking change for the stacks (and people) that read it.
 */
import { Fn, Token, type TerraformRemoteState } from "cdktf";

export const ACCESS_OUTPUTS = {
  adminRoleArn: "admin_role_arn",
  /** The role the cluster and add-ons stacks' AWS providers assume while planning. */
  readerRoleArn: "reader_role_arn",
  adminGroupName: "admin_group_name",
  kubeconfigCommand: "kubeconfig_command",
  clusterRoleArn: "cluster_role_arn",
  /** Only when the access stack creates the key (no kmsKeyArn in the environment). */
  secretsKeyArn: "secrets_key_arn",
  /** Only when the environment brings its own secrets key: the log group's key. */
  logsKeyArn: "logs_key_arn",
  /** Maps by pool name. */
  nodeRoleArns: "node_role_arns",
  nodeInstanceProfileArns: "node_instance_profile_arns",
  /** Map by workload component (`vpc-cni`, `drainer`, ...). */
  workloadRoleArns: "workload_role_arns",
  /** Only with ci.github: the roles GitHub Actions workflows assume (repository variables). */
  githubPlanRoleArn: "github_plan_role_arn",
  githubApplyRoleArn: "github_apply_role_arn",
} as const;

export const CLUSTER_OUTPUTS = {
  clusterName: "cluster_name",
  endpoint: "cluster_endpoint",
  certificateAuthority: "cluster_certificate_authority",
  oidcIssuerUrl: "oidc_issuer_url",
  clusterSecurityGroupId: "cluster_security_group_id",
  nodeSecurityGroupId: "node_security_group_id",
  drainQueueUrl: "drain_queue_url",
  drainTag: "drain_tag",
  /** Only when the cluster stack creates the alarm topic (`drainer.alarmTopic: "create"`). */
  drainAlarmTopicArn: "drain_alarm_topic_arn",
  edgeHostname: "edge_load_balancer_dns_name",
  /** Maps: pool name to AMI id, add-on name to version. */
  nodeImages: "node_images",
  addonVersions: "addon_versions",
  /** The edge load balancer's Route 53 zone, for alias records (the traffic stack's). */
  edgeZoneId: "edge_load_balancer_zone_id",
} as const;

/** One entry of a map output read from another stack's state; a missing key fails the plan. */
export function outputEntry(state: TerraformRemoteState, output: string, key: string): string {
  return Token.asString(Fn.lookup(state.get(output), key));
}
