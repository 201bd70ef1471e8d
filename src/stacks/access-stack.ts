/**
 * `<env>-access`: the EKS admin role and the group allowed to assume it. Applied once by an
 * account administrator; everything after it runs as the role.
 */
import type { Construct } from "constructs";
import type { Environment } from "../config/environment";
import { EksAdminAccess } from "../constructs/eks-admin-access";
import { adminPermissions } from "../iam/admin-permissions";
import { awsProvider } from "./aws-provider";
import { EnvironmentStack } from "./environment-stack";
import { ACCESS_OUTPUTS } from "./stack-outputs";

export class AccessStack extends EnvironmentStack {
  readonly admin: EksAdminAccess;

  constructor(scope: Construct, env: Environment) {
    super(scope, env, "access");
    awsProvider(this);
    const permissions = adminPermissions(env);
    this.admin = new EksAdminAccess(this, "admin", {
      account: env.account,
      region: env.region,
      cluster: env.cluster.name,
      ...env.access,
      permissions: permissions.parts,
      boundary: permissions.boundary,
    });

    this.publish(ACCESS_OUTPUTS.adminRoleArn, this.admin.role.arn, "Role that creates and administers the cluster");
    this.publish(ACCESS_OUTPUTS.adminGroupName, this.admin.group.name, "Members of this IAM group may assume the admin role");
    this.publish(
      ACCESS_OUTPUTS.kubeconfigCommand,
      `aws eks update-kubeconfig --region ${env.region} --name ${env.cluster.name} --role-arn ${this.admin.role.arn} --alias ${env.cluster.name}`,
      "Adds the cluster to your kubeconfig, acting as the admin role",
    );
  }
}
