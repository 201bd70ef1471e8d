/**
 * `<env>-cluster`: everything AWS-side of one cluster, created as the admin role (its ARN comes
 * from the access stack's state, so no person ever owns the cluster). Every IAM role it uses is
 * the access stack's, read from its outputs.
 */
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import type { Environment } from "../config/environment";
import { drainTiming } from "../config/drain-timing";
import { names, OWNER_TAG_KEY } from "../naming/names";
import { defaultTags } from "../naming/default-tags";
import { placementOn } from "../charts/placement";
import { workloadIdentities, type RoleBindingAddon } from "../charts/workload-identities";
import { AccessEntries } from "../constructs/cluster/access-entries";
import { ClusterNetwork } from "../constructs/cluster/cluster-network";
import { ClusterSecurityGroups } from "../constructs/cluster/cluster-security-groups";
import { DrainAlarms } from "../constructs/cluster/drain-alarms";
import { DrainQueue } from "../constructs/cluster/drain-queue";
import { EdgeLoadBalancer } from "../constructs/cluster/edge-load-balancer";
import { ControlPlane } from "../constructs/cluster/control-plane";
import type { ManagedAddonKey } from "../config/managed-addons";
import { ManagedAddon, type ManagedAddonProps } from "../constructs/cluster/managed-addons";
import { WorkerPool } from "../constructs/cluster/worker-pool";
import { clusterArns } from "../naming/arns";
import type { AccessStack } from "./access-stack";
import { awsProvider } from "./aws-provider";
import { EnvironmentStack } from "./environment-stack";
import { stackName } from "../naming/state";
import { ACCESS_OUTPUTS, CLUSTER_OUTPUTS, outputEntry } from "./stack-outputs";

export class ClusterStack extends EnvironmentStack {
  readonly cluster: ControlPlane;
  readonly securityGroups: ClusterSecurityGroups;
  readonly drainQueue: DrainQueue;
  readonly workerPools: WorkerPool[];
  readonly edge?: EdgeLoadBalancer;

  constructor(scope: Construct, env: Environment, access: AccessStack) {
    super(scope, env, "cluster");
    const fromAccess = this.outputsOf(access);
    const adminRoleArn = fromAccess.getString(ACCESS_OUTPUTS.adminRoleArn);
    awsProvider(this, { assumeRoleArn: adminRoleArn, planRoleArn: fromAccess.getString(ACCESS_OUTPUTS.readerRoleArn) });
    const c = env.cluster;
    const arns = clusterArns({ account: env.account, region: env.region, cluster: c.name });
    const workloads = workloadIdentities(env);
    const workloadRoleArn = (component: string) => outputEntry(fromAccess, ACCESS_OUTPUTS.workloadRoleArns, component);

    const network = new ClusterNetwork(this, "network", env.network);
    const kmsKeyArn = c.secretsEncryption.kmsKeyArn ?? fromAccess.getString(ACCESS_OUTPUTS.secretsKeyArn);
    // A key the environment brings encrypts secrets only; the log group gets the access stack's logs key.
    const logsKeyArn = c.secretsEncryption.kmsKeyArn ? fromAccess.getString(ACCESS_OUTPUTS.logsKeyArn) : kmsKeyArn;
    this.securityGroups = new ClusterSecurityGroups(this, "security-groups", {
      cluster: c.name,
      vpcId: network.vpcId,
      privateAccessCidrs: c.endpoint.privateAccessCidrs,
    });
    this.cluster = new ControlPlane(this, "eks", {
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
      logsKeyArn,
      roleArn: fromAccess.getString(ACCESS_OUTPUTS.clusterRoleArn),
      preconditions: network.subnetPreconditions(),
    });
    new AccessEntries(this, "access", {
      region: env.region,
      clusterName: this.cluster.name,
      adminRoleArn,
      readerRoleArn: fromAccess.getString(ACCESS_OUTPUTS.readerRoleArn),
      entries: c.accessEntries,
    });

    const addon = (key: ManagedAddonKey, more: Partial<ManagedAddonProps> = {}) =>
      new ManagedAddon(this, key, { clusterName: this.cluster.name, kubernetesVersion: c.version, version: c.managedAddonVersions[key], ...more });
    const withRole = (key: RoleBindingAddon): Partial<ManagedAddonProps> => {
      const w = workloads.find((x) => x.managedAddon === key)!;
      return { podIdentity: { roleArn: workloadRoleArn(w.component), serviceAccount: w.serviceAccount } };
    };
    // The agent hands Pod Identity credentials to every workload below, the VPC CNI first.
    const podIdentityAgent = addon("podIdentityAgent");
    const vpcCni = addon("vpcCni", {
      ...withRole("vpcCni"),
      // Interfaces the CNI creates carry the owner tag its role's permissions require.
      configurationValues: JSON.stringify({
        env: {
          ADDITIONAL_ENI_TAGS: JSON.stringify({ [OWNER_TAG_KEY]: c.name }),
          ...(c.vpcCniPrefixDelegation ? { ENABLE_PREFIX_DELEGATION: "true", WARM_PREFIX_TARGET: "1" } : {}),
        },
      }),
      dependsOn: [podIdentityAgent.addon],
    });
    const kubeProxy = addon("kubeProxy");

    // Draining: one queue per cluster, and a drainer allowed to act on this cluster only.
    const drainerOnNodes = env.drainer.identity === "node";
    const timing = drainTiming(env.workerPools);
    this.drainQueue = new DrainQueue(this, "drain", {
      region: env.region,
      cluster: c.name,
      autoScalingGroupNames: env.workerPools.map((p) => names.autoScalingGroup(c.name, p.name)),
      consumerRoleArns: !env.addons.nodeTerminationHandler.enabled
        ? []
        : drainerOnNodes
          ? env.workerPools.filter((p) => p.class === "system").map((p) => arns.nodeRole(p.name))
          : [arns.workloadRole("drainer")],
      retentionSeconds: timing.retentionSeconds,
      maxReceiveCount: timing.maxReceiveCount,
    });
    const drainAlarms = new DrainAlarms(this, "drain-alarms", {
      cluster: c.name,
      queueName: this.drainQueue.queue.name,
      deadLetterQueueName: this.drainQueue.deadLetterQueue.name,
      oldestMessageSeconds: timing.oldestMessageAlarmSeconds,
      topic: env.drainer.alarmTopic,
    });

    if (env.edge) {
      const subnetIds = env.edge.scheme === "internet-facing" ? network.publicSubnetIds! : network.privateSubnetIds;
      this.edge = new EdgeLoadBalancer(this, "edge", { cluster: c.name, vpcId: network.vpcId, subnetIds, config: env.edge });
    }

    this.workerPools = env.workerPools.map((pool) => {
      const isEdge = pool.class === "edge";
      return new WorkerPool(this, `pool-${pool.name}`, {
        cluster: c.name,
        clusterNameRef: this.cluster.name,
        endpoint: this.cluster.endpoint,
        certificateAuthority: this.cluster.certificateAuthority,
        kubernetesVersion: c.version,
        serviceCidr: c.serviceCidr,
        pool,
        defaultSubnetIds: network.privateSubnetIds,
        securityGroupIds: [this.securityGroups.nodeGroup.id, ...(isEdge && this.edge ? [this.edge.nodeSecurityGroup.id] : [])],
        nodeRoleArn: outputEntry(fromAccess, ACCESS_OUTPUTS.nodeRoleArns, pool.name),
        instanceProfileArn: outputEntry(fromAccess, ACCESS_OUTPUTS.nodeInstanceProfileArns, pool.name),
        ...(isEdge && this.edge ? { targetGroupArns: this.edge.targetGroups.map((t) => t.arn) } : {}),
        baseTags: defaultTags(env, stackName(env, this.role)),
        // Nodes become Ready as soon as they have a network plugin and kube-proxy.
        dependsOn: [vpcCni.addon, kubeProxy.addon],
      });
    });
    // coredns and the EBS CSI controller cannot become healthy before there are nodes to run on.
    const nodes: ITerraformDependable[] = this.workerPools.map((p) => p.autoScalingGroup);
    // Like every cluster component, they run on the system nodes (keys per the add-ons' configuration schemas).
    const system = placementOn(env, "system");
    const managed = [podIdentityAgent, vpcCni, kubeProxy, addon("coredns", { configurationValues: JSON.stringify(system), dependsOn: nodes })];
    if (env.addons.clusterObjects.defaultStorageClass) {
      managed.push(
        addon("ebsCsiDriver", {
          ...withRole("ebsCsiDriver"),
          // Every volume and snapshot it creates carries the owner tag its role's permissions require.
          configurationValues: JSON.stringify({ controller: { extraVolumeTags: { [OWNER_TAG_KEY]: c.name }, ...system } }),
          dependsOn: [...nodes, podIdentityAgent.addon],
        }),
      );
    }

    // The Helm add-ons' roles, bound to their service accounts before the add-ons stack installs them.
    for (const w of workloads.filter((x) => !x.managedAddon)) {
      new EksPodIdentityAssociation(this, `pod-identity-${w.component}`, {
        clusterName: this.cluster.name,
        namespace: w.serviceAccount.namespace,
        serviceAccount: w.serviceAccount.name,
        roleArn: workloadRoleArn(w.component),
        dependsOn: [podIdentityAgent.addon],
      });
    }

    const o = CLUSTER_OUTPUTS;
    this.publish(o.clusterName, this.cluster.name, "EKS cluster name");
    this.publish(o.endpoint, this.cluster.endpoint, "Kubernetes API endpoint");
    this.publish(o.certificateAuthority, this.cluster.certificateAuthority, "Base64 cluster CA certificate");
    this.publish(o.oidcIssuerUrl, this.cluster.oidcIssuer, "OIDC issuer URL (for IAM roles for service accounts made outside this project)");
    this.publish(o.clusterSecurityGroupId, this.securityGroups.clusterGroup.id, "Security group of the control plane");
    this.publish(o.nodeSecurityGroupId, this.securityGroups.nodeGroup.id, "Security group of every node");
    this.publish(o.drainQueueUrl, this.drainQueue.queue.url, "SQS queue the node termination handler reads");
    this.publish(o.drainTag, names.drainTag(c.name), "Instance tag the drainer requires before it drains (its managedTag)");
    // What a plan would install, so a changed AMI or add-on version shows in every plan's outputs.
    this.publish(o.nodeImages, Object.fromEntries(env.workerPools.map((p, i) => [p.name, this.workerPools[i].imageId])), "AMI of each worker pool's launch template");
    this.publish(o.addonVersions, Object.fromEntries(managed.map((m) => [m.addonName, m.version])), "Version of each EKS managed add-on");
    if (drainAlarms.topic) this.publish(o.drainAlarmTopicArn, drainAlarms.topic.arn, "SNS topic the drain queue's alarms notify: subscribe your endpoints");
    if (this.edge) {
      this.publish(o.edgeHostname, this.edge.loadBalancer.dnsName, "DNS name of the edge network load balancer");
      this.publish(o.edgeZoneId, this.edge.loadBalancer.zoneId, "Route 53 zone of the edge network load balancer (for alias records)");
    }
  }
}
