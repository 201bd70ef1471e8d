/**
 * `<env>-access`: applied by an account administrator, it holds everything the admin role must not
 * be able to write itself: the admin role and its group, its permissions, every other IAM role the
 * cluster uses (control plane, nodes and their instance profiles, each workload's Pod Identity
 * role), every policy those roles carry, and the secrets key. Everything after it runs as the role.
 */
import type { Construct } from "constructs";
import type { Environment } from "../config/environment";
import { ADMIN_IAM_PATH, adminGroupName, adminRoleName, names } from "../naming/names";
import { workloadIdentities } from "../charts/workload-identities";
import { ComponentPolicies } from "../constructs/access/component-policies";
import { ControlPlaneRole } from "../constructs/access/control-plane-role";
import { AdminRole } from "../constructs/access/admin-role";
import { GithubActionsRoles } from "../constructs/access/github-actions-roles";
import { NetworkRef } from "../constructs/shared/network-ref";
import { NodeRole } from "../constructs/access/node-role";
import { LogsKey, SecretsKey } from "../constructs/access/secrets-key";
import { WorkloadRole } from "../constructs/access/workload-role";
import { adminPermissions } from "../iam/admin-permissions";
import { clusterArns } from "../naming/arns";
import { DRAINER, drainerPolicy, secretsEncryptionPolicy, SECRETS_ENCRYPTION } from "../iam/component-permissions";
import { applyPermissions, applySubjects, planPermissions, planSubjects } from "../iam/github-actions";
import { awsProvider } from "./aws-provider";
import { EnvironmentStack } from "./environment-stack";
import { ACCESS_OUTPUTS } from "./stack-outputs";
import { cloudState } from "../naming/terraform-cloud";
import { AccessRole } from "../constructs/access/access-role";
import { TerraformCloudIdentity } from "../constructs/access/terraform-cloud-identity";
import { readerPermissions } from "../iam/reader-permissions";
import { accountAndRolesTrust } from "../iam/terraform-cloud-trust";

export class AccessStack extends EnvironmentStack {
  readonly admin: AdminRole;
  /** The role the cluster and add-ons stacks plan through. */
  readonly reader: AccessRole;
  /** Only with the `cloud` backend: the OIDC provider and the workspaces' plan and apply roles. */
  readonly terraformCloud?: TerraformCloudIdentity;
  /** Undefined when the environment brings its own key. */
  readonly secretsKey?: SecretsKey;
  /** Only when the environment brings its own secrets key. */
  readonly logsKey?: LogsKey;
  /** Only with ci.github. */
  readonly github?: GithubActionsRoles;

  constructor(scope: Construct, env: Environment) {
    super(scope, env, "access");
    awsProvider(this);
    const c = env.cluster;
    const arns = clusterArns({ account: env.account, region: env.region, cluster: c.name });
    const keyProps = { account: env.account, region: env.region, cluster: c.name, deletionWindowDays: c.secretsEncryption.deletionWindowDays };
    if (c.secretsEncryption.kmsKeyArn) this.logsKey = new LogsKey(this, "logs", keyProps);
    else this.secretsKey = new SecretsKey(this, "secrets", keyProps);
    const secretsKeyArn = c.secretsEncryption.kmsKeyArn ?? this.secretsKey!.arn;
    const network = new NetworkRef(this, "network", env.network);

    // With drainer.identity "node" the drainer's permissions go on the system nodes' roles.
    const drainerOnNodes = env.addons.nodeTerminationHandler.enabled && env.drainer.identity === "node";
    const workloads = workloadIdentities(env);
    const policies = new ComponentPolicies(this, "component-policies", {
      cluster: c.name,
      policies: [
        secretsEncryptionPolicy(env, secretsKeyArn),
        ...(drainerOnNodes ? [drainerPolicy(env)] : []),
        ...workloads.map((w) => ({ component: w.component, description: w.description, document: w.permissions({ vpcId: network.vpcId }) })),
      ],
    });
    const controlPlane = new ControlPlaneRole(this, "control-plane", { region: env.region, cluster: c.name, keyPolicyArn: policies.arnOf(SECRETS_ENCRYPTION) });

    const nodeRoles = env.workerPools.map(
      (pool) =>
        [
          pool.name,
          new NodeRole(this, `pool-${pool.name}-node`, {
            region: env.region,
            cluster: c.name,
            name: names.nodeRole(c.name, pool.name),
            poolPolicyArns: pool.iamPolicyArns,
            ...(drainerOnNodes && pool.class === "system" ? { drainerPolicyArn: policies.arnOf(DRAINER) } : {}),
          }),
        ] as const,
    );
    const workloadRoles = workloads.map(
      (w) =>
        [
          w.component,
          new WorkloadRole(this, `workload-${w.component}`, {
            region: env.region,
            cluster: c.name,
            clusterArn: arns.cluster,
            name: names.workloadRole(c.name, w.component),
            description: w.description,
            serviceAccount: w.serviceAccount,
            policyArn: policies.arnOf(w.component),
          }),
        ] as const,
    );

    const permissions = adminPermissions(
      env,
      secretsKeyArn,
      { vpcId: network.vpcId, nodeSubnetIds: network.nodeSubnetIds(env.workerPools) },
      {
        controlPlane: arns.controlPlaneRole,
        nodes: env.workerPools.map((p) => arns.nodeRole(p.name)),
        workloads: workloads.map((w) => arns.workloadRole(w.component)),
      },
    );
    const gh = env.ci.github;
    if (gh) {
      this.github = new GithubActionsRoles(this, "github", {
        account: env.account,
        region: env.region,
        repository: gh.repository,
        createOidcProvider: gh.createOidcProvider,
        plan: { name: names.githubRole(c.name, "plan"), subjects: planSubjects(gh), permissions: planPermissions(env, arns.readerRole) },
        apply: { name: names.githubRole(c.name, "apply"), subjects: applySubjects(gh), permissions: applyPermissions(env, arns.adminRole(adminRoleName(env))) },
      });
    }
    const cloud = cloudState(env);
    if (cloud) {
      this.terraformCloud = new TerraformCloudIdentity(this, "terraform-cloud", {
        account: env.account,
        region: env.region,
        cluster: c.name,
        environment: env.name,
        state: cloud,
        readerRoleArn: arns.readerRole,
        adminRoleArn: arns.adminRole(adminRoleName(env)),
      });
    }
    // Plans assume the reader (aws-provider.ts, terraform.applying): people with MFA, the plan-phase
    // roles of the workspaces, and the automation the admin role trusts.
    this.reader = new AccessRole(this, "reader", {
      name: names.readerRole(c.name),
      path: ADMIN_IAM_PATH,
      description: `Reads what the cluster and add-ons stacks of ${c.name} manage, for plans; writes nothing`,
      trust: accountAndRolesTrust(env.account, env.region, env.adminRole.requireMfa, [
        { sid: "TerraformCloudPlan", arns: this.terraformCloud?.arns("plan") ?? [] },
        { sid: "GithubActionsPlan", arns: this.github ? [this.github.planRole.arn] : [] },
        { sid: "Automation", arns: env.adminRole.automationRoleArns },
      ]),
      permissions: readerPermissions({ account: env.account, region: env.region, cluster: c.name }),
      maxSessionDurationSeconds: env.adminRole.maxSessionDurationSeconds,
    });
    this.admin = new AdminRole(this, "admin", {
      account: env.account,
      region: env.region,
      cluster: c.name,
      ...env.adminRole,
      roleName: adminRoleName(env),
      groupName: adminGroupName(env),
      // The apply role automates without MFA; its own trust pins one repository and ref or environment.
      automationRoleArns: [...env.adminRole.automationRoleArns, ...(this.github ? [this.github.applyRole.arn] : [])],
      permissions: permissions.parts,
      terraformCloudApplyRoleArns: this.terraformCloud?.arns("apply") ?? [],
      readerRoleArn: this.reader.arn,
    });

    this.publish(ACCESS_OUTPUTS.adminRoleArn, this.admin.role.arn, "Role that creates and administers the cluster");
    this.publish(ACCESS_OUTPUTS.readerRoleArn, this.reader.arn, "Role the cluster and add-ons stacks plan through (reads only)");
    this.publish(ACCESS_OUTPUTS.adminGroupName, this.admin.group.name, "Members of this IAM group may assume the admin role");
    this.publish(
      ACCESS_OUTPUTS.kubeconfigCommand,
      `aws eks update-kubeconfig --region ${env.region} --name ${c.name} --role-arn ${this.admin.role.arn} --alias ${c.name}`,
      "Adds the cluster to your kubeconfig, acting as the admin role",
    );
    this.publish(ACCESS_OUTPUTS.clusterRoleArn, controlPlane.role.arn, "IAM role of the EKS control plane");
    if (this.secretsKey) this.publish(ACCESS_OUTPUTS.secretsKeyArn, this.secretsKey.arn, "KMS key for the cluster's secrets and control-plane logs");
    if (this.logsKey) this.publish(ACCESS_OUTPUTS.logsKeyArn, this.logsKey.arn, "KMS key for the control-plane log group (the secrets key is the environment's own)");
    this.publish(ACCESS_OUTPUTS.nodeRoleArns, Object.fromEntries(nodeRoles.map(([pool, r]) => [pool, r.role.arn])), "Node IAM role of each worker pool");
    this.publish(
      ACCESS_OUTPUTS.nodeInstanceProfileArns,
      Object.fromEntries(nodeRoles.map(([pool, r]) => [pool, r.instanceProfile.arn])),
      "Instance profile of each worker pool",
    );
    if (this.github) {
      this.publish(ACCESS_OUTPUTS.githubPlanRoleArn, this.github.planRole.arn, "Role GitHub Actions assumes to plan (pull requests, drift check)");
      this.publish(ACCESS_OUTPUTS.githubApplyRoleArn, this.github.applyRole.arn, "Role GitHub Actions assumes to apply (deploy branch, protected environment)");
    }
    this.publish(ACCESS_OUTPUTS.workloadRoleArns, Object.fromEntries(workloadRoles.map(([w, r]) => [w, r.arn])), "Pod Identity role of each in-cluster workload that calls AWS");
  }
}
