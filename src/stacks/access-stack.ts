/**
 * `<env>-access`: the EKS admin role and the group allowed to assume it, and everything the admin
 * role must not be able to write itself: its permissions, the boundary, the policies the
 * cluster's roles attach, the control plane's role, and the secrets key. Applied by an account administrator; everything
 * after it runs as the role.
 */
import type { Construct } from "constructs";
import type { Environment } from "../config/environment";
import { ComponentPolicies } from "../constructs/component-policies";
import { ControlPlaneRole } from "../constructs/control-plane-role";
import { EksAdminAccess } from "../constructs/eks-admin-access";
import { SecretsKey } from "../constructs/secrets-key";
import { adminPermissions } from "../iam/admin-permissions";
import { componentPolicies, SECRETS_ENCRYPTION } from "../iam/component-permissions";
import { awsProvider } from "./aws-provider";
import { EnvironmentStack } from "./environment-stack";
import { ACCESS_OUTPUTS } from "./stack-outputs";

export class AccessStack extends EnvironmentStack {
  readonly admin: EksAdminAccess;
  /** Undefined when the environment brings its own key. */
  readonly secretsKey?: SecretsKey;

  constructor(scope: Construct, env: Environment) {
    super(scope, env, "access");
    awsProvider(this);
    const c = env.cluster;
    if (!c.secretsEncryption.kmsKeyArn) {
      this.secretsKey = new SecretsKey(this, "secrets", {
        account: env.account,
        region: env.region,
        cluster: c.name,
        deletionWindowDays: c.secretsEncryption.deletionWindowDays,
      });
    }
    const secretsKeyArn = c.secretsEncryption.kmsKeyArn ?? this.secretsKey!.arn;

    const permissions = adminPermissions(env, secretsKeyArn);
    this.admin = new EksAdminAccess(this, "admin", {
      account: env.account,
      region: env.region,
      cluster: c.name,
      ...env.access,
      permissions: permissions.parts,
      boundary: permissions.boundary,
    });
    const policies = new ComponentPolicies(this, "component-policies", { cluster: c.name, policies: componentPolicies(env, secretsKeyArn) });
    const controlPlane = new ControlPlaneRole(this, "control-plane", { region: env.region, cluster: c.name, keyPolicyArn: policies.arnOf(SECRETS_ENCRYPTION) });

    this.publish(ACCESS_OUTPUTS.adminRoleArn, this.admin.role.arn, "Role that creates and administers the cluster");
    this.publish(ACCESS_OUTPUTS.adminGroupName, this.admin.group.name, "Members of this IAM group may assume the admin role");
    this.publish(
      ACCESS_OUTPUTS.kubeconfigCommand,
      `aws eks update-kubeconfig --region ${env.region} --name ${c.name} --role-arn ${this.admin.role.arn} --alias ${c.name}`,
      "Adds the cluster to your kubeconfig, acting as the admin role",
    );
    this.publish(ACCESS_OUTPUTS.clusterRoleArn, controlPlane.role.arn, "IAM role of the EKS control plane");
    if (this.secretsKey) this.publish(ACCESS_OUTPUTS.secretsKeyArn, this.secretsKey.arn, "KMS key for the cluster's secrets and control-plane logs");
  }
}
