/**
 * `<env>-cluster`: everything AWS-side of one cluster, created as the admin role (its ARN comes
 * from the access stack's state, so no person ever owns the cluster).
 */
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import type { Environment } from "../config/environment";
import { ClusterAccess } from "../constructs/cluster-access";
import { ClusterNetwork } from "../constructs/cluster-network";
import { ClusterSecurityGroups } from "../constructs/cluster-security-groups";
import { DrainQueue } from "../constructs/drain-queue";
import { EdgeLoadBalancer } from "../constructs/edge-load-balancer";
import { IrsaRole } from "../constructs/irsa-role";
import { EksCluster } from "../constructs/eks-cluster";
import { ManagedAddon } from "../constructs/managed-addons";
import { OidcProvider } from "../constructs/oidc-provider";
import { WorkerPool } from "../constructs/worker-pool";
import { names } from "../config/names";
import { SERVICE_ACCOUNTS } from "../config/service-accounts";
import { clusterArns } from "../iam/cluster-arns";
import { DRAINER, EBS_CSI_DRIVER, irsaRolePolicyArns } from "../iam/component-permissions";
import type { AddonKey } from "../addons/addon";
import { addonIamRoles } from "../addons/catalog";
import type { AccessStack } from "./access-stack";
import { awsProvider, defaultTags } from "./aws-provider";
import { EnvironmentStack } from "./environment-stack";
import { ACCESS_OUTPUTS, CLUSTER_OUTPUTS, addonRoleOutput } from "./stack-outputs";

export class ClusterStack extends EnvironmentStack {
  readonly cluster: EksCluster;
  readonly oidc: OidcProvider;
  readonly securityGroups: ClusterSecurityGroups;
  readonly drainQueue: DrainQueue;
  /** Undefined when the drainer runs with the system nodes' identity. */
  readonly drainerRole?: IrsaRole;
  readonly workerPools: WorkerPool[];
  readonly edge?: EdgeLoadBalancer;
  /** IRSA role ARNs of the Helm add-ons that call AWS, for the add-ons stack. */
  readonly addonRoleArns: Partial<Record<AddonKey, string>> = {};

  constructor(scope: Construct, env: Environment, access: AccessStack) {
    super(scope, env, "cluster");
    const accessOutputs = this.outputsOf(access);
    const adminRoleArn = accessOutputs.getString(ACCESS_OUTPUTS.adminRoleArn);
    awsProvider(this, { assumeRoleArn: adminRoleArn });
    const c = env.cluster;
    const arns = clusterArns({ account: env.account, region: env.region, cluster: c.name });
    const boundaryArn = arns.permissionsBoundary;

    // Permissions of this stack's roles are the access stack's policies, attached by ARN.
    const irsaPolicies = irsaRolePolicyArns(env);

    const network = new ClusterNetwork(this, "network", env.network);
    const kmsKeyArn = c.secretsEncryption.kmsKeyArn ?? accessOutputs.getString(ACCESS_OUTPUTS.secretsKeyArn);
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
      roleArn: accessOutputs.getString(ACCESS_OUTPUTS.clusterRoleArn),
      preconditions: network.subnetPreconditions(),
    });
    this.oidc = new OidcProvider(this, "oidc", { issuerUrl: this.cluster.oidcIssuer });
    new ClusterAccess(this, "access", {
      region: env.region,
      clusterName: this.cluster.name,
      adminRoleArn,
      entries: c.accessEntries,
    });

    const addon = (key: "vpcCni" | "kubeProxy" | "coredns" | "podIdentityAgent", more: { dependsOn?: ITerraformDependable[]; configurationValues?: string } = {}) =>
      new ManagedAddon(this, key, { clusterName: this.cluster.name, kubernetesVersion: c.version, version: c.addonVersions[key], ...more });
    const vpcCni = addon(
      "vpcCni",
      c.vpcCniPrefixDelegation ? { configurationValues: JSON.stringify({ env: { ENABLE_PREFIX_DELEGATION: "true", WARM_PREFIX_TARGET: "1" } }) } : {},
    );
    const kubeProxy = addon("kubeProxy");
    addon("podIdentityAgent");

    // Draining: one queue per cluster, and a drainer allowed to act on this cluster only.
    this.drainQueue = new DrainQueue(this, "drain", {
      region: env.region,
      cluster: c.name,
      autoScalingGroupNames: env.workerPools.map((p) => names.autoScalingGroup(c.name, p.name)),
    });
    if (env.drainer.identity === "irsa") {
      this.drainerRole = new IrsaRole(this, "drainer", {
        cluster: c.name,
        name: names.irsaRole(c.name, DRAINER),
        description: `Node termination handler of ${c.name}: drains nodes from the drain queue`,
        boundaryArn,
        oidc: this.oidc,
        serviceAccount: SERVICE_ACCOUNTS.drainer,
        managedPolicyArns: irsaPolicies[DRAINER],
      });
    }

    if (env.edge) {
      const subnetIds = env.edge.scheme === "internet-facing" ? network.publicSubnetIds! : network.privateSubnetIds;
      this.edge = new EdgeLoadBalancer(this, "edge", { cluster: c.name, vpcId: network.vpcId, subnetIds, config: env.edge });
    }

    this.workerPools = env.workerPools.map((pool) => {
      const isEdge = pool.class === "edge";
      const drainsHere = env.drainer.identity === "node" && pool.class === "system";
      return new WorkerPool(this, `pool-${pool.name}`, {
        region: env.region,
        cluster: c.name,
        clusterNameRef: this.cluster.name,
        endpoint: this.cluster.endpoint,
        certificateAuthority: this.cluster.certificateAuthority,
        kubernetesVersion: c.version,
        serviceCidr: c.serviceCidr,
        pool,
        defaultSubnetIds: network.privateSubnetIds,
        securityGroupIds: [this.securityGroups.nodeGroup.id, ...(isEdge && this.edge ? [this.edge.nodeSecurityGroup.id] : [])],
        boundaryArn,
        ...(drainsHere ? { extraNodePolicyArns: [arns.componentPolicy(DRAINER)] } : {}),
        ...(isEdge && this.edge ? { targetGroupArns: this.edge.targetGroups.map((t) => t.arn) } : {}),
        baseTags: defaultTags(this),
        // Nodes become Ready as soon as they have a network plugin and kube-proxy.
        dependsOn: [vpcCni.addon, kubeProxy.addon],
      });
    });
    // coredns cannot become healthy before there are nodes to schedule it on.
    const nodes = this.workerPools.map((p) => p.autoScalingGroup);
    addon("coredns", { dependsOn: nodes });

    // IRSA roles of the in-cluster add-ons that call AWS; the add-ons stack reads their ARNs.
    if (this.drainerRole) this.addonRoleArns.nodeTerminationHandler = this.drainerRole.arn;
    for (const { addon: helmAddon, iam } of addonIamRoles(env)) {
      this.addonRoleArns[helmAddon.key] = new IrsaRole(this, `addon-${iam.component}`, {
        cluster: c.name,
        name: names.irsaRole(c.name, iam.component),
        description: `${helmAddon.release} in ${c.name}`,
        boundaryArn,
        oidc: this.oidc,
        serviceAccount: iam.serviceAccount,
        managedPolicyArns: irsaPolicies[iam.component],
      }).arn;
    }
    // The default StorageClass (add-ons stack) provisions through the EBS CSI driver.
    if (env.addons.clusterObjects.defaultStorageClass) {
      const ebsRole = new IrsaRole(this, "addon-ebs-csi-driver", {
        cluster: c.name,
        name: names.irsaRole(c.name, EBS_CSI_DRIVER),
        description: `EBS CSI driver controller in ${c.name}`,
        boundaryArn,
        oidc: this.oidc,
        serviceAccount: SERVICE_ACCOUNTS.ebsCsiDriver,
        managedPolicyArns: irsaPolicies[EBS_CSI_DRIVER],
      });
      new ManagedAddon(this, "ebsCsiDriver", {
        clusterName: this.cluster.name,
        kubernetesVersion: c.version,
        version: c.addonVersions.ebsCsiDriver,
        serviceAccountRoleArn: ebsRole.arn,
        dependsOn: nodes,
      });
    }

    const o = CLUSTER_OUTPUTS;
    this.publish(o.clusterName, this.cluster.name, "EKS cluster name");
    this.publish(o.endpoint, this.cluster.endpoint, "Kubernetes API endpoint");
    this.publish(o.certificateAuthority, this.cluster.certificateAuthority, "Base64 cluster CA certificate");
    this.publish(o.oidcProviderArn, this.oidc.arn, "IAM OIDC provider for IRSA");
    this.publish(o.oidcIssuerUrl, this.cluster.oidcIssuer, "OIDC issuer URL");
    this.publish(o.clusterSecurityGroupId, this.securityGroups.clusterGroup.id, "Security group of the control plane");
    this.publish(o.nodeSecurityGroupId, this.securityGroups.nodeGroup.id, "Security group of every node");
    this.publish(o.drainQueueUrl, this.drainQueue.queue.url, "SQS queue the node termination handler reads");
    this.publish(o.drainTag, names.drainTag(c.name), "Instance tag the drainer requires before it drains (its managedTag)");
    if (this.edge) this.publish(o.edgeHostname, this.edge.loadBalancer.dnsName, "DNS name of the edge network load balancer");
    for (const [key, arn] of Object.entries(this.addonRoleArns)) {
      this.publish(addonRoleOutput(key as AddonKey), arn, `IRSA role of the ${key} add-on`);
    }
  }
}
