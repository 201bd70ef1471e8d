/**
 * `<env>-cluster`: everything AWS-side of one cluster, created as the admin role (its ARN comes
 * from the access stack's state, so no person ever owns the cluster).
 */
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { Environment } from "../config/environment";
import { ClusterAccess } from "../constructs/cluster-access";
import { ClusterNetwork } from "../constructs/cluster-network";
import { ClusterSecurityGroups } from "../constructs/cluster-security-groups";
import { EksCluster } from "../constructs/eks-cluster";
import { ManagedAddon } from "../constructs/managed-addons";
import { OidcProvider } from "../constructs/oidc-provider";
import { SecretsKey } from "../constructs/secrets-key";
import { clusterArns } from "../iam/cluster-arns";
import type { AccessStack } from "./access-stack";
import { awsProvider } from "./aws-provider";
import { EnvironmentStack } from "./environment-stack";

export class ClusterStack extends EnvironmentStack {
  readonly cluster: EksCluster;
  readonly oidc: OidcProvider;
  readonly securityGroups: ClusterSecurityGroups;

  constructor(scope: Construct, env: Environment, access: AccessStack) {
    super(scope, env, "cluster");
    const adminRoleArn = access.admin.role.arn;
    awsProvider(this, { assumeRoleArn: adminRoleArn });
    const c = env.cluster;
    const boundaryArn = clusterArns({ account: env.account, region: env.region, cluster: c.name }).permissionsBoundary;

    const network = new ClusterNetwork(this, "network", env.network);
    const kmsKeyArn =
      c.secretsEncryption.kmsKeyArn ??
      new SecretsKey(this, "secrets", { account: env.account, region: env.region, cluster: c.name, deletionWindowDays: c.secretsEncryption.deletionWindowDays }).arn;
    this.securityGroups = new ClusterSecurityGroups(this, "security-groups", {
      cluster: c.name,
      vpcId: network.vpcId,
      privateAccessCidrs: c.endpoint.privateAccessCidrs,
    });
    this.cluster = new EksCluster(this, "eks", {
      region: env.region,
      name: c.name,
      version: c.version,
      supportType: c.supportType,
      subnetIds: network.privateSubnetIds,
      securityGroupId: this.securityGroups.clusterGroup.id,
      publicAccess: c.endpoint.publicAccess,
      publicAccessCidrs: c.endpoint.publicAccessCidrs,
      serviceCidr: c.serviceCidr,
      logTypes: c.logTypes,
      logRetentionDays: c.logRetentionDays,
      kmsKeyArn,
      boundaryArn,
      preconditions: network.subnetPreconditions(),
    });
    this.oidc = new OidcProvider(this, "oidc", { issuerUrl: this.cluster.oidcIssuer });
    new ClusterAccess(this, "access", {
      region: env.region,
      clusterName: this.cluster.name,
      adminRoleArn,
      entries: c.accessEntries,
    });

    const addon = (key: "vpcCni" | "kubeProxy" | "coredns" | "podIdentityAgent") =>
      new ManagedAddon(this, key, { clusterName: this.cluster.name, kubernetesVersion: c.version, version: c.addonVersions[key] });
    addon("vpcCni");
    addon("kubeProxy");
    addon("podIdentityAgent");
    addon("coredns");

    const out = (id: string, value: string, description: string) => new TerraformOutput(this, id, { value, description });
    out("cluster_name", this.cluster.name, "EKS cluster name");
    out("cluster_endpoint", this.cluster.endpoint, "Kubernetes API endpoint");
    out("cluster_certificate_authority", this.cluster.certificateAuthority, "Base64 cluster CA certificate");
    out("oidc_provider_arn", this.oidc.arn, "IAM OIDC provider for IRSA");
    out("oidc_issuer_url", this.cluster.oidcIssuer, "OIDC issuer URL");
    out("cluster_security_group_id", this.securityGroups.clusterGroup.id, "Security group of the control plane");
    out("node_security_group_id", this.securityGroups.nodeGroup.id, "Security group of every node");
  }
}
