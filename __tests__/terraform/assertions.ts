/**
 * What each mocked apply must prove, as Terraform expressions over the applied state. These check
 * computed results (values that flow from one resource or stack into another), not the config
 * literals the snapshot already pins.
 */
import type { Environment } from "../../src/config/environment";
import type { StackJson } from "../support/reference";
import { MOCK_ADDON_VERSION, mockCluster, mockNetwork } from "./aws-mocks";
import { hcl, type Assertion } from "./test-file";

/** Terraform address of the one resource of `type` matching `where`. */
export function address(stack: StackJson, type: string, where: (r: Record<string, unknown>) => boolean = () => true): string {
  const names = Object.entries(stack.resource?.[type] ?? {})
    .filter(([, r]) => where(r))
    .map(([n]) => n);
  if (names.length !== 1) throw new Error(`expected one ${type} matching, found ${names.length}`);
  return `${type}.${names[0]}`;
}

/** HCL list of every resource of `type` in the stack: Terraform has no "all resources of a type" expression. */
export function allOf(stack: StackJson, type: string): string {
  return `[${Object.keys(stack.resource?.[type] ?? {}).map((n) => `${type}.${n}`).join(", ")}]`;
}

export function accessAssertions(env: Environment, stack: StackJson): Assertion[] {
  const role = "aws_iam_role.eks_admin_role";
  const groupPolicy = address(stack, "aws_iam_group_policy");
  const trust = `jsondecode(${role}.assume_role_policy).Statement`;
  const list: Assertion[] = [
    { condition: `${role}.name == ${hcl(env.access.roleName)}`, message: "admin role name" },
    {
      condition: `jsondecode(${groupPolicy}.policy).Statement[0].Resource == ${role}.arn && jsondecode(${groupPolicy}.policy).Statement[0].Action == "sts:AssumeRole"`,
      message: "the group may assume exactly the admin role",
    },
    {
      condition: `output.kubeconfig_command == "aws eks update-kubeconfig --region ${env.region} --name ${env.cluster.name} --role-arn \${${role}.arn} --alias ${env.cluster.name}"`,
      message: "kubeconfig command names the applied role",
    },
    { condition: `output.admin_role_arn == ${role}.arn`, message: "role ARN output" },
    {
      condition: `length([for a in ${allOf(stack, "aws_iam_role_policy_attachment")} : a if a.role == ${role}.name]) == 3`,
      message: "the admin role carries its three permission policies",
    },
  ];
  if (env.access.requireMfa) {
    list.push({ condition: `${trust}[0].Condition.Bool["aws:MultiFactorAuthPresent"] == "true"`, message: "assuming the admin role requires MFA" });
  }
  return list;
}

export function clusterAssertions(env: Environment, stack: StackJson): Assertion[] {
  const cluster = "aws_eks_cluster.cluster";
  const mock = mockCluster(env);
  const subnets = env.network.kind === "ids" ? env.network.privateSubnetIds : mockNetwork().privateSubnetIds;
  const adminEntry = address(stack, "aws_eks_access_entry", (r) => String(r.principal_arn).includes("cross_stack"));
  const adminArn = `arn:aws:iam::${env.account}:role/${env.access.roleName}`;
  return [
    { condition: `output.cluster_endpoint == ${hcl(mock.endpoint)}`, message: "endpoint output carries the cluster's endpoint" },
    { condition: `output.cluster_certificate_authority == ${hcl(mock.certificateAuthority)}`, message: "CA output" },
    { condition: `aws_iam_openid_connect_provider.oidc_provider.url == ${hcl(mock.oidcIssuer)}`, message: "OIDC provider trusts the cluster's issuer" },
    { condition: `output.oidc_provider_arn == aws_iam_openid_connect_provider.oidc_provider.arn`, message: "OIDC provider ARN output" },
    { condition: `toset(${cluster}.vpc_config[0].subnet_ids) == toset(${hcl(subnets)})`, message: "the cluster runs in the configured private subnets" },
    { condition: `${cluster}.encryption_config[0].provider[0].key_arn == ${env.cluster.secretsEncryption.kmsKeyArn ? hcl(env.cluster.secretsEncryption.kmsKeyArn) : "aws_kms_key.secrets_key.arn"}`, message: "secrets encrypted with the cluster key" },
    { condition: `${cluster}.vpc_config[0].endpoint_private_access == true && ${cluster}.vpc_config[0].endpoint_public_access == ${env.cluster.endpoint.publicAccess}`, message: "endpoint access" },
    { condition: `${cluster}.access_config[0].authentication_mode == "API" && ${cluster}.access_config[0].bootstrap_cluster_creator_admin_permissions == false`, message: "access entries only, no creator admin" },
    { condition: `${adminEntry}.principal_arn == ${hcl(adminArn)}`, message: "the admin role's access entry uses the ARN from the access stack's state" },
    { condition: `alltrue([for a in ${allOf(stack, "aws_eks_addon")} : a.addon_version != ""])`, message: "every managed add-on has a version" },
    {
      condition: `alltrue([for a in ${allOf(stack, "aws_eks_addon")} : a.addon_version == ${hcl(MOCK_ADDON_VERSION)} if !contains(${hcl(Object.values(env.cluster.addonVersions))}, a.addon_version)])`,
      message: "unpinned add-ons take EKS's default version for the cluster version",
    },
    { condition: `aws_cloudwatch_log_group.eks_logs.kms_key_id == ${cluster}.encryption_config[0].provider[0].key_arn`, message: "control-plane logs encrypted with the cluster key" },
  ];
}
