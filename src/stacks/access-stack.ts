/**
 * `<env>-access`: the EKS admin role and the group allowed to assume it. Applied once by an
 * account administrator; everything after it runs as the role.
 */
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { Environment } from "../config/environment";
import { EksAdminAccess } from "../constructs/eks-admin-access";
import { adminPermissions } from "../iam/admin-permissions";
import { awsProvider } from "./aws-provider";
import { EnvironmentStack } from "./environment-stack";

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

    new TerraformOutput(this, "admin_role_arn", { value: this.admin.role.arn, description: "Role that creates and administers the cluster" });
    new TerraformOutput(this, "admin_group_name", { value: this.admin.group.name, description: "Members of this IAM group may assume the admin role" });
    new TerraformOutput(this, "kubeconfig_command", {
      description: "Adds the cluster to your kubeconfig, acting as the admin role",
      value: `aws eks update-kubeconfig --region ${env.region} --name ${env.cluster.name} --role-arn ${this.admin.role.arn} --alias ${env.cluster.name}`,
    });
  }
}
