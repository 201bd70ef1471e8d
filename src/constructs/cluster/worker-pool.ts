/**
 * One worker pool: launch template, a mixed-instances Auto Scaling Group, the access entry that
 * lets its nodes join, and the termination lifecycle hook that holds each leaving node until the
 * drainer has emptied it. The nodes' IAM role and instance profile are the access stack's.
 */
import { Construct } from "constructs";
import { Token, type ITerraformDependable } from "cdktf";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { AutoscalingLifecycleHook } from "@cdktf/provider-aws/lib/autoscaling-lifecycle-hook";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { names } from "../../naming/names";
import type { WorkerPool as WorkerPoolConfig } from "../../config/worker-pool";
import { poolBootstrap } from "../../userdata/node-bootstrap";
import { terraformUserData } from "../../userdata/terraform-user-data";
import { NodeImage } from "./node-image";
import { NodeLaunchTemplate } from "./node-launch-template";
import { workerPoolTags } from "../../naming/worker-pool-tags";

export interface WorkerPoolProps {
  /** Cluster name as a literal (names, tags). */
  cluster: string;
  /** The cluster resource's name, endpoint and CA: the pool waits for the cluster. */
  clusterNameRef: string;
  endpoint: string;
  certificateAuthority: string;
  kubernetesVersion: string;
  serviceCidr: string;
  pool: WorkerPoolConfig;
  /** Where the nodes run; the pool's own subnetIds win. */
  defaultSubnetIds: string[];
  /** Security groups every node gets (the cluster's node group, plus the pool's own). */
  securityGroupIds: string[];
  /** The pool's node role and instance profile (access stack outputs). */
  nodeRoleArn: string;
  instanceProfileArn: string;
  /** Load balancer target groups the nodes register in. Default none. */
  targetGroupArns?: string[];
  /** Tags every resource gets (the provider's default tags, which do not reach ASG instances). */
  baseTags: Record<string, string>;
  /** What must exist before nodes launch (the CNI add-on). Default nothing. */
  dependsOn?: ITerraformDependable[];
}

export class WorkerPool extends Construct {
  readonly autoScalingGroup: AutoscalingGroup;
  readonly hook: AutoscalingLifecycleHook;
  /** EC2_LINUX entry: nodes with the pool's role may join in API authentication mode. */
  readonly accessEntry: EksAccessEntry;
  readonly launchTemplate: NodeLaunchTemplate;
  /** The AMI the pool's launch template names (pinned, or resolved at plan time). */
  readonly imageId: string;

  constructor(scope: Construct, id: string, props: WorkerPoolProps) {
    super(scope, id);
    const { pool, cluster } = props;
    this.accessEntry = new EksAccessEntry(this, "node-access-entry", { clusterName: props.clusterNameRef, principalArn: props.nodeRoleArn, type: "EC2_LINUX" });

    const image = new NodeImage(this, "image", {
      family: pool.amiFamily,
      architecture: pool.architecture,
      kubernetesVersion: props.kubernetesVersion,
      ...(pool.amiId ? { amiId: pool.amiId } : {}),
    });
    this.imageId = image.imageId;
    const tags = workerPoolTags(cluster, pool, props.baseTags);
    this.launchTemplate = new NodeLaunchTemplate(this, "launch-template", {
      name: names.launchTemplate(cluster, pool.name),
      imageId: image.imageId,
      userData: terraformUserData(
        pool.amiFamily,
        poolBootstrap({ name: cluster, serviceCidr: props.serviceCidr, apiServerEndpoint: props.endpoint, certificateAuthority: props.certificateAuthority }, pool),
      ),
      securityGroupIds: [...props.securityGroupIds, ...pool.securityGroupIds],
      instanceProfileArn: props.instanceProfileArn,
      amiFamily: pool.amiFamily,
      rootVolume: pool.rootVolume,
      metadataHopLimit: pool.metadataHopLimit,
      instanceTags: tags,
      attachmentTags: {
        ...props.baseTags,
        Name: names.autoScalingGroup(cluster, pool.name),
        [names.clusterOwnershipTag(cluster)]: "owned",
      },
    });
    const template = this.launchTemplate.template;

    this.autoScalingGroup = new AutoscalingGroup(this, "asg", {
      name: names.autoScalingGroup(cluster, pool.name),
      minSize: pool.minSize,
      maxSize: pool.maxSize,
      desiredCapacity: pool.desiredSize,
      vpcZoneIdentifier: pool.subnetIds ?? props.defaultSubnetIds,
      capacityRebalance: pool.capacityRebalance,
      healthCheckType: "EC2",
      healthCheckGracePeriod: 300,
      defaultInstanceWarmup: pool.instanceRefresh.warmupSeconds,
      mixedInstancesPolicy: {
        launchTemplate: {
          // Following latest_version makes every template change an ASG change, which starts an
          // instance refresh; "$Latest" would leave running nodes on the old version.
          launchTemplateSpecification: { launchTemplateId: template.id, version: Token.asString(template.latestVersion) },
          override: pool.instanceTypes.map((t) => ({ instanceType: t.type, ...(t.weight !== undefined ? { weightedCapacity: String(t.weight) } : {}) })),
        },
        instancesDistribution: {
          onDemandBaseCapacity: pool.onDemandBaseCapacity,
          onDemandPercentageAboveBaseCapacity: pool.onDemandPercentageAboveBase,
          onDemandAllocationStrategy: "prioritized",
          spotAllocationStrategy: pool.spotAllocationStrategy,
        },
      },
      instanceRefresh: {
        strategy: "Rolling",
        preferences: {
          minHealthyPercentage: pool.instanceRefresh.minHealthyPercentage,
          instanceWarmup: String(pool.instanceRefresh.warmupSeconds),
          skipMatching: true,
        },
      },
      enabledMetrics: ["GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances", "GroupTerminatingInstances", "GroupTotalInstances"],
      ...(props.targetGroupArns ? { targetGroupArns: props.targetGroupArns } : {}),
      tag: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      // The cluster autoscaler owns the size between min and max once the group exists.
      lifecycle: { ignoreChanges: ["desired_capacity"] },
      // Nodes can only join once their access entry exists.
      dependsOn: [this.accessEntry, ...(props.dependsOn ?? [])],
    });

    // A separate resource, not initial_lifecycle_hook: it is created and updated on existing
    // groups. It references the group, so Terraform deletes it before the group: destroying a
    // pool terminates its nodes without waiting on a drainer that may already be gone.
    this.hook = new AutoscalingLifecycleHook(this, "drain-hook", {
      name: names.lifecycleHook(cluster, pool.name),
      autoscalingGroupName: this.autoScalingGroup.name,
      lifecycleTransition: "autoscaling:EC2_INSTANCE_TERMINATING",
      defaultResult: "CONTINUE",
      heartbeatTimeout: pool.hookHeartbeatSeconds,
    });
  }
}
