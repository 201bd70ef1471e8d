/** ARNs of one cluster's resources, known before anything exists (names are derived from config). */
import { ADMIN_IAM_PATH, clusterIamPath, DRAIN_ALARM_KINDS, names } from "./names";
import { DRAIN_RULE_KINDS } from "../config/drain-events";
import { type RemoteRunStack, type RunPhase } from "./terraform-cloud";
import { dnsSuffix, partitionOf } from "./partitions";

export interface ClusterScope {
  account: string;
  region: string;
  cluster: string;
}

export function clusterArns({ account, region, cluster }: ClusterScope) {
  const p = partitionOf(region);
  const iam = (kind: string, pathAndName: string) => `arn:${p}:iam::${account}:${kind}${pathAndName}`;
  const iamPath = clusterIamPath(cluster);
  const ec2 = (type: string, id = "*") => `arn:${p}:ec2:${region}:${account}:${type}/${id}`;
  // Group ids are random: IAM and the autoscaler match groups by name.
  const autoScalingGroup = (name: string) => `arn:${p}:autoscaling:${region}:${account}:autoScalingGroup:*:autoScalingGroupName/${name}`;
  return {
    partition: p,
    cluster: `arn:${p}:eks:${region}:${account}:cluster/${cluster}`,
    /** Sub-resources EKS keys by cluster name: add-ons, access entries, pod identity associations. */
    clusterChildren: ["addon", "access-entry", "podidentityassociation"].map((k) => `arn:${p}:eks:${region}:${account}:${k}/${cluster}/*`),
    /** Every node role of the cluster (`<cluster>-node-<pool>`). */
    nodeRoles: iam("role", `${iamPath}${names.nodeRole(cluster, "*")}`),
    nodeRole: (pool: string) => iam("role", `${iamPath}${names.nodeRole(cluster, pool)}`),
    nodeInstanceProfile: (pool: string) => iam("instance-profile", `${iamPath}${names.nodeRole(cluster, pool)}`),
    /** The Pod Identity role of one in-cluster workload. */
    workloadRole: (component: string) => iam("role", `${iamPath}${names.workloadRole(cluster, component)}`),
    /** The role the cluster and add-ons stacks plan through (reads only). */
    readerRole: iam("role", `${ADMIN_IAM_PATH}${names.readerRole(cluster)}`),
    /** The role an HCP Terraform run of one workspace assumes in one phase (dynamic credentials). */
    terraformCloudRunRole: (stack: RemoteRunStack, phase: RunPhase) => iam("role", `${ADMIN_IAM_PATH}${names.terraformCloudRunRole(cluster, stack, phase)}`),
    /** The admin role, by its (configurable) name. */
    adminRole: (roleName: string) => iam("role", `/${roleName}`),
    /** The control plane's role. */
    controlPlaneRole: iam("role", `${ADMIN_IAM_PATH}${names.clusterRole(cluster)}`),
    /** A policy of the access stack that one of the cluster's roles gets (see component-permissions.ts). */
    componentPolicy: (component: string) => iam("policy", `${ADMIN_IAM_PATH}${names.componentPolicy(cluster, component)}`),
    serviceLinkedRoles: `arn:${p}:iam::${account}:role/aws-service-role/*`,
    drainQueue: `arn:${p}:sqs:${region}:${account}:${names.drainQueue(cluster)}`,
    /** The drain queue's URL, known before it exists (what the drainer's values point at). */
    drainQueueUrl: `https://sqs.${region}.${dnsSuffix(region)}/${account}/${names.drainQueue(cluster)}`,
    drainDeadLetterQueue: `arn:${p}:sqs:${region}:${account}:${names.drainDeadLetterQueue(cluster)}`,
    drainRule: (kind: string) => `arn:${p}:events:${region}:${account}:rule/${names.drainRule(cluster, kind)}`,
    drainRules: DRAIN_RULE_KINDS.map((k) => `arn:${p}:events:${region}:${account}:rule/${names.drainRule(cluster, k)}`),
    drainAlarms: DRAIN_ALARM_KINDS.map((k) => `arn:${p}:cloudwatch:${region}:${account}:alarm:${names.drainAlarm(cluster, k)}`),
    drainAlarmTopic: `arn:${p}:sns:${region}:${account}:${names.drainAlarmTopic(cluster)}`,
    logGroup: `arn:${p}:logs:${region}:${account}:log-group:${names.logGroup(cluster)}`,
    /** Public parameters, named with and without the account (AWS documents the empty account field). */
    eksAmiParameters: ["", account].flatMap((acct) => [
      `arn:${p}:ssm:${region}:${acct}:parameter/aws/service/eks/optimized-ami/*`,
      `arn:${p}:ssm:${region}:${acct}:parameter/aws/service/bottlerocket/*`,
    ]),
    /** Every Auto Scaling Group of the account and region (ids are random; tags tell them apart). */
    autoScalingGroups: autoScalingGroup("*"),
    /** The names this cluster's groups get (`<cluster>-<pool>`): where it may create one. */
    clusterAutoScalingGroupNames: autoScalingGroup(names.autoScalingGroup(cluster, "*")),
    /** The edge target groups (`<cluster>-<port>`), the only ones the cluster's groups may register in. */
    edgeTargetGroups: `arn:${p}:elasticloadbalancing:${region}:${account}:targetgroup/${names.edgeTargetGroup(cluster, "*")}/*`,
    hostedZone: (zoneId: string) => `arn:${p}:route53:::hostedzone/${zoneId}`,
    /** An EC2 resource by type and id (default: any id). */
    ec2,
    images: `arn:${p}:ec2:${region}::image/*`,
    /** EBS snapshots carry no account in their ARN. */
    snapshots: `arn:${p}:ec2:${region}::snapshot/*`,
  };
}

export type ClusterArns = ReturnType<typeof clusterArns>;
