/**
 * Every AWS API call Terraform (hashicorp/aws 5.100) makes, as the admin role, to create, read,
 * update and destroy each resource and data source type of a `<env>-cluster` stack, with the
 * resource ARN of the type the Service Authorization Reference names for the action, the request
 * tags the provider's default tags put on create calls, and the condition keys the call carries.
 * Calls AWS services make with the caller's permissions (EKS creating the key grant, Auto Scaling
 * checking that the caller could launch the group's instances) are listed with the resource type
 * whose creation triggers them.
 *
 * One table, one file: a resource type that appears in a cluster stack without rows fails the
 * test (__tests__/iam.test.ts). Calls whose documentation was ambiguous are marked `unsure` and
 * named in the README, so they are checked against a real account first.
 */
import { OWNER_TAG_KEY } from "../../src/naming/names";
import type { Context } from "./evaluate";

/** What a row needs to know about the environment. */
export interface Targets {
  account: string;
  region: string;
  cluster: string;
  vpcId: string;
  subnetId: string;
  /** Default tags of the cluster stack's provider. */
  tags: Record<string, string>;
  poolName: string;
  nodeRoleArn: string;
  controlPlaneRoleArn: string;
  /** A workload role (Pod Identity association or managed add-on). */
  workloadRoleArn: string;
  secretsKeyArn: string;
  drainRuleName: string;
  drainRuleSource: string[];
  drainRuleDetailType: string[];
  edgeTargetPort: number;
  /** One of the drain queue's alarms. */
  drainAlarmArn: string;
  /** What the alarms notify: the environment's topic, or nothing. */
  alarmActions: string[];
  /** The alarm topic the cluster stack creates (when it does). */
  drainAlarmTopicArn: string;
}

export interface Call {
  phase: "create" | "read" | "update" | "delete";
  action: string;
  resource: string;
  context?: Context;
  /** Evaluate against the secrets key's policy as the resource policy. */
  keyPolicy?: boolean;
  /** The documentation left room for doubt: check against a real account first. */
  unsure?: string;
  /** Evaluated without resource-type validation, for this reason (see evaluate.ts). */
  unchecked?: string;
}

/** The evaluator's data holds the Classic Load Balancer's AddTags, whose only resource is a classic load balancer. */
const ELBV2_ADDTAGS = "iam-data lists the Classic Load Balancer's AddTags for elasticloadbalancing:AddTags";

const ID = "0123456789abcdef0";

/** Request tags of a create call carrying the provider's default tags (and `extra`). */
export function requestTags(tags: Record<string, string>, extra: Record<string, string> = {}): Context {
  const all = { ...tags, ...extra };
  return { ...Object.fromEntries(Object.entries(all).map(([k, v]) => [`aws:RequestTag/${k}`, v])), "aws:TagKeys": Object.keys(all) };
}

/** The owner tag on an existing resource, in the global key and, where the service has one, its own. */
export function ownedBy(cluster: string, service?: "ec2" | "autoscaling"): Context {
  return { [`aws:ResourceTag/${OWNER_TAG_KEY}`]: cluster, ...(service ? { [`${service}:ResourceTag/${OWNER_TAG_KEY}`]: cluster } : {}) };
}

export function arnsFor(t: Targets) {
  const { account: a, region: r, cluster: c } = t;
  const ec2 = (type: string, id: string) => `arn:aws:ec2:${r}:${a}:${type}/${id}`;
  const lb = `arn:aws:elasticloadbalancing:${r}:${a}:loadbalancer/net/${c}-edge/${ID.slice(1)}`;
  return {
    cluster: `arn:aws:eks:${r}:${a}:cluster/${c}`,
    addon: `arn:aws:eks:${r}:${a}:addon/${c}/vpc-cni/0ac6f2c4-1b2a-4c4d-9e8f-${ID.slice(5)}`,
    accessEntry: `arn:aws:eks:${r}:${a}:access-entry/${c}/role/${a}/${c}-node-${t.poolName}/0ac6f2c4-1b2a-4c4d-9e8f-${ID.slice(5)}`,
    podIdentityAssociation: `arn:aws:eks:${r}:${a}:podidentityassociation/${c}/a-${ID}`,
    logGroup: `arn:aws:logs:${r}:${a}:log-group:/aws/eks/${c}/cluster`,
    securityGroup: ec2("security-group", `sg-${ID}`),
    securityGroupRule: ec2("security-group-rule", `sgr-${ID}`),
    vpc: ec2("vpc", t.vpcId),
    subnet: ec2("subnet", t.subnetId),
    launchTemplate: ec2("launch-template", `lt-${ID}`),
    instance: ec2("instance", `i-${ID}`),
    volume: ec2("volume", `vol-${ID}`),
    networkInterface: ec2("network-interface", `eni-${ID}`),
    image: `arn:aws:ec2:${r}::image/ami-${ID}`,
    autoScalingGroup: `arn:aws:autoscaling:${r}:${a}:autoScalingGroup:0ac6f2c4-1b2a-4c4d-9e8f-${ID.slice(5)}:autoScalingGroupName/${c}-${t.poolName}`,
    queue: `arn:aws:sqs:${r}:${a}:${c}-node-drain`,
    deadLetterQueue: `arn:aws:sqs:${r}:${a}:${c}-node-drain-dlq`,
    rule: `arn:aws:events:${r}:${a}:rule/${t.drainRuleName}`,
    loadBalancer: lb,
    targetGroup: `arn:aws:elasticloadbalancing:${r}:${a}:targetgroup/${c}-${t.edgeTargetPort}/${ID.slice(1)}`,
    listener: `arn:aws:elasticloadbalancing:${r}:${a}:listener/net/${c}-edge/${ID.slice(1)}/${ID.slice(1)}`,
    // Public parameters are documented with an empty account field, which the evaluator cannot parse;
    // the policy allows both forms, and the account-qualified one is evaluated.
    amiParameter: `arn:aws:ssm:${r}:${a}:parameter/aws/service/eks/optimized-ami/1.34/amazon-linux-2023/x86_64/standard/recommended/image_id`,
  };
}

const passTo = (service: string): Context => ({ "iam:PassedToService": service });

/** The rows, by Terraform type. */
export const MUST_ALLOW: Record<string, (t: Targets) => Call[]> = {
  aws_eks_cluster: (t) => {
    const x = arnsFor(t);
    const viaEks = { "kms:ViaService": `eks.${t.region}.amazonaws.com` };
    return [
      { phase: "create", action: "eks:CreateCluster", resource: "*", context: requestTags(t.tags) },
      { phase: "create", action: "eks:TagResource", resource: x.cluster, context: requestTags(t.tags), unsure: "whether EKS checks TagResource for tags given to CreateCluster" },
      { phase: "create", action: "iam:PassRole", resource: t.controlPlaneRoleArn, context: passTo("eks.amazonaws.com") },
      { phase: "create", action: "kms:DescribeKey", resource: t.secretsKeyArn, context: viaEks, keyPolicy: true, unsure: "that EKS calls DescribeKey through a forward access session (kms:ViaService set)" },
      {
        phase: "create",
        action: "kms:CreateGrant",
        resource: t.secretsKeyArn,
        context: { ...viaEks, "kms:GrantOperations": ["Encrypt", "Decrypt", "DescribeKey", "GenerateDataKey"] },
        keyPolicy: true,
        unsure: "the grant operations EKS asks for, and that kms:ViaService is set on its CreateGrant",
      },
      { phase: "create", action: "ec2:DescribeSubnets", resource: "*" },
      { phase: "read", action: "eks:DescribeCluster", resource: x.cluster },
      { phase: "update", action: "eks:UpdateClusterVersion", resource: x.cluster },
      { phase: "update", action: "eks:UpdateClusterConfig", resource: x.cluster },
      { phase: "update", action: "eks:TagResource", resource: x.cluster, context: requestTags({ Environment: t.tags.Environment }) },
      { phase: "update", action: "eks:UntagResource", resource: x.cluster, context: { "aws:TagKeys": ["Environment"] } },
      { phase: "delete", action: "eks:DeleteCluster", resource: x.cluster },
    ];
  },
  aws_eks_addon: (t) => {
    const x = arnsFor(t);
    return [
      { phase: "create", action: "eks:CreateAddon", resource: x.cluster, context: requestTags(t.tags) },
      { phase: "create", action: "iam:PassRole", resource: t.workloadRoleArn, context: passTo("pods.eks.amazonaws.com") },
      { phase: "create", action: "iam:GetRole", resource: t.workloadRoleArn, unsure: "whether EKS reads the role with the caller's permissions" },
      { phase: "create", action: "eks:TagResource", resource: x.addon, context: requestTags(t.tags) },
      { phase: "read", action: "eks:DescribeAddon", resource: x.addon },
      { phase: "update", action: "eks:UpdateAddon", resource: x.addon },
      { phase: "delete", action: "eks:DeleteAddon", resource: x.addon },
    ];
  },
  aws_eks_access_entry: (t) => {
    const x = arnsFor(t);
    return [
      { phase: "create", action: "eks:CreateAccessEntry", resource: x.cluster, context: requestTags(t.tags) },
      { phase: "read", action: "eks:DescribeAccessEntry", resource: x.accessEntry },
      { phase: "update", action: "eks:UpdateAccessEntry", resource: x.accessEntry },
      { phase: "delete", action: "eks:DeleteAccessEntry", resource: x.accessEntry },
    ];
  },
  aws_eks_access_policy_association: (t) => {
    const x = arnsFor(t);
    return [
      { phase: "create", action: "eks:AssociateAccessPolicy", resource: x.accessEntry },
      { phase: "read", action: "eks:ListAssociatedAccessPolicies", resource: x.accessEntry },
      { phase: "delete", action: "eks:DisassociateAccessPolicy", resource: x.accessEntry },
    ];
  },
  aws_eks_pod_identity_association: (t) => {
    const x = arnsFor(t);
    return [
      { phase: "create", action: "eks:CreatePodIdentityAssociation", resource: x.cluster, context: requestTags(t.tags) },
      { phase: "create", action: "iam:PassRole", resource: t.workloadRoleArn, context: passTo("pods.eks.amazonaws.com") },
      { phase: "create", action: "iam:GetRole", resource: t.workloadRoleArn },
      { phase: "read", action: "eks:DescribePodIdentityAssociation", resource: x.podIdentityAssociation },
      { phase: "update", action: "eks:UpdatePodIdentityAssociation", resource: x.podIdentityAssociation },
      { phase: "delete", action: "eks:DeletePodIdentityAssociation", resource: x.podIdentityAssociation },
    ];
  },
  aws_cloudwatch_log_group: (t) => {
    const x = arnsFor(t);
    return [
      { phase: "create", action: "logs:CreateLogGroup", resource: x.logGroup, context: requestTags(t.tags) },
      { phase: "create", action: "logs:TagResource", resource: x.logGroup, context: requestTags(t.tags) },
      { phase: "create", action: "logs:PutRetentionPolicy", resource: x.logGroup },
      { phase: "read", action: "logs:DescribeLogGroups", resource: "*" },
      { phase: "read", action: "logs:ListTagsForResource", resource: x.logGroup },
      { phase: "update", action: "logs:AssociateKmsKey", resource: x.logGroup },
      { phase: "delete", action: "logs:DeleteLogGroup", resource: x.logGroup },
    ];
  },
  aws_security_group: (t) => {
    const x = arnsFor(t);
    const inVpc = { "ec2:Vpc": x.vpc };
    return [
      { phase: "create", action: "ec2:CreateSecurityGroup", resource: x.securityGroup, context: { ...requestTags(t.tags), ...inVpc } },
      { phase: "create", action: "ec2:CreateSecurityGroup", resource: x.vpc },
      { phase: "create", action: "ec2:CreateTags", resource: x.securityGroup, context: { ...requestTags(t.tags), "ec2:CreateAction": "CreateSecurityGroup" } },
      // Terraform removes the egress rule AWS adds to every new group.
      { phase: "create", action: "ec2:RevokeSecurityGroupEgress", resource: x.securityGroup, context: { ...ownedBy(t.cluster, "ec2"), ...inVpc } },
      { phase: "read", action: "ec2:DescribeSecurityGroups", resource: "*" },
      { phase: "update", action: "ec2:CreateTags", resource: x.securityGroup, context: { ...ownedBy(t.cluster, "ec2"), ...requestTags({ Environment: t.tags.Environment }) } },
      { phase: "delete", action: "ec2:DeleteSecurityGroup", resource: x.securityGroup, context: { ...ownedBy(t.cluster, "ec2"), ...inVpc } },
    ];
  },
  aws_vpc_security_group_ingress_rule: (t) => securityGroupRuleCalls(t, "Ingress"),
  aws_vpc_security_group_egress_rule: (t) => securityGroupRuleCalls(t, "Egress"),
  aws_launch_template: (t) => {
    const x = arnsFor(t);
    return [
      { phase: "create", action: "ec2:CreateLaunchTemplate", resource: x.launchTemplate, context: requestTags(t.tags) },
      { phase: "create", action: "ec2:CreateTags", resource: x.launchTemplate, context: { ...requestTags(t.tags), "ec2:CreateAction": "CreateLaunchTemplate" } },
      { phase: "read", action: "ec2:DescribeLaunchTemplates", resource: "*" },
      { phase: "read", action: "ec2:DescribeLaunchTemplateVersions", resource: "*" },
      { phase: "update", action: "ec2:CreateLaunchTemplateVersion", resource: x.launchTemplate, context: ownedBy(t.cluster, "ec2") },
      { phase: "update", action: "ec2:ModifyLaunchTemplate", resource: x.launchTemplate, context: ownedBy(t.cluster, "ec2") },
      { phase: "delete", action: "ec2:DeleteLaunchTemplate", resource: x.launchTemplate, context: ownedBy(t.cluster, "ec2") },
    ];
  },
  aws_autoscaling_group: (t) => {
    const x = arnsFor(t);
    const asgTags = requestTags(t.tags, { [`k8s.io/cluster-autoscaler/${t.cluster}`]: "owned", "k8s.io/cluster-autoscaler/enabled": "true", [`aws-node-termination-handler/${t.cluster}`]: "true" });
    const placement = { "autoscaling:VPCZoneIdentifiers": [t.subnetId], "autoscaling:TargetGroupARNs": [x.targetGroup] };
    const fromTemplate = { "ec2:LaunchTemplate": x.launchTemplate };
    const owned = ownedBy(t.cluster, "autoscaling");
    return [
      { phase: "create", action: "autoscaling:CreateAutoScalingGroup", resource: x.autoScalingGroup, context: { ...asgTags, ...placement } },
      { phase: "create", action: "autoscaling:CreateOrUpdateTags", resource: x.autoScalingGroup, context: asgTags },
      // Auto Scaling checks that the caller could launch the group's instances itself.
      { phase: "create", action: "ec2:RunInstances", resource: x.launchTemplate, context: ownedBy(t.cluster, "ec2") },
      { phase: "create", action: "ec2:RunInstances", resource: x.instance, context: { ...fromTemplate, ...requestTags(t.tags) } },
      { phase: "create", action: "ec2:RunInstances", resource: x.volume, context: fromTemplate },
      { phase: "create", action: "ec2:RunInstances", resource: x.networkInterface, context: { ...fromTemplate, "ec2:Vpc": x.vpc } },
      { phase: "create", action: "ec2:RunInstances", resource: x.subnet, context: { ...fromTemplate, "ec2:Vpc": x.vpc } },
      { phase: "create", action: "ec2:RunInstances", resource: x.securityGroup, context: { ...fromTemplate, ...ownedBy(t.cluster, "ec2"), "ec2:Vpc": x.vpc } },
      { phase: "create", action: "ec2:RunInstances", resource: x.image, context: fromTemplate },
      { phase: "create", action: "ec2:CreateTags", resource: x.instance, context: { ...requestTags(t.tags), "ec2:CreateAction": "RunInstances" } },
      { phase: "create", action: "iam:PassRole", resource: t.nodeRoleArn, context: passTo("ec2.amazonaws.com") },
      { phase: "create", action: "autoscaling:EnableMetricsCollection", resource: x.autoScalingGroup, context: owned },
      { phase: "read", action: "autoscaling:DescribeAutoScalingGroups", resource: "*" },
      { phase: "read", action: "autoscaling:DescribeInstanceRefreshes", resource: "*" },
      { phase: "update", action: "autoscaling:UpdateAutoScalingGroup", resource: x.autoScalingGroup, context: { ...owned, "autoscaling:VPCZoneIdentifiers": [t.subnetId] } },
      { phase: "update", action: "autoscaling:StartInstanceRefresh", resource: x.autoScalingGroup, context: owned },
      { phase: "update", action: "autoscaling:CancelInstanceRefresh", resource: x.autoScalingGroup, context: owned },
      // A pool's new label changes its node-template tags.
      {
        phase: "update",
        action: "autoscaling:CreateOrUpdateTags",
        resource: x.autoScalingGroup,
        context: { ...owned, ...requestTags({ "k8s.io/cluster-autoscaler/node-template/label/team": "payments" }) },
      },
      { phase: "update", action: "autoscaling:DeleteTags", resource: x.autoScalingGroup, context: { ...owned, "aws:TagKeys": ["k8s.io/cluster-autoscaler/node-template/label/team"] } },
      { phase: "update", action: "autoscaling:AttachLoadBalancerTargetGroups", resource: x.autoScalingGroup, context: { ...owned, "autoscaling:TargetGroupARNs": [x.targetGroup] } },
      { phase: "delete", action: "autoscaling:DeleteAutoScalingGroup", resource: x.autoScalingGroup, context: owned },
    ];
  },
  aws_autoscaling_lifecycle_hook: (t) => {
    const x = arnsFor(t);
    return [
      { phase: "create", action: "autoscaling:PutLifecycleHook", resource: x.autoScalingGroup, context: ownedBy(t.cluster, "autoscaling") },
      { phase: "read", action: "autoscaling:DescribeLifecycleHooks", resource: "*" },
      { phase: "delete", action: "autoscaling:DeleteLifecycleHook", resource: x.autoScalingGroup, context: ownedBy(t.cluster, "autoscaling") },
    ];
  },
  aws_sqs_queue: (t) => {
    const x = arnsFor(t);
    return [
      { phase: "create", action: "sqs:CreateQueue", resource: x.queue, context: requestTags(t.tags) },
      { phase: "create", action: "sqs:TagQueue", resource: x.queue, context: requestTags(t.tags) },
      { phase: "create", action: "sqs:CreateQueue", resource: x.deadLetterQueue, context: requestTags(t.tags) },
      { phase: "read", action: "sqs:GetQueueAttributes", resource: x.queue },
      { phase: "read", action: "sqs:ListQueueTags", resource: x.queue },
      { phase: "read", action: "sqs:GetQueueUrl", resource: x.queue },
      { phase: "update", action: "sqs:SetQueueAttributes", resource: x.queue },
      { phase: "delete", action: "sqs:DeleteQueue", resource: x.queue },
      { phase: "delete", action: "sqs:DeleteQueue", resource: x.deadLetterQueue },
    ];
  },
  aws_sqs_queue_policy: (t) => {
    const x = arnsFor(t);
    return [
      { phase: "create", action: "sqs:SetQueueAttributes", resource: x.queue },
      { phase: "read", action: "sqs:GetQueueAttributes", resource: x.queue },
      { phase: "delete", action: "sqs:SetQueueAttributes", resource: x.deadLetterQueue },
    ];
  },
  aws_cloudwatch_event_rule: (t) => {
    const x = arnsFor(t);
    return [
      {
        phase: "create",
        action: "events:PutRule",
        resource: x.rule,
        context: { ...requestTags(t.tags), "events:source": t.drainRuleSource, "events:detail-type": t.drainRuleDetailType },
      },
      { phase: "create", action: "events:TagResource", resource: x.rule, context: requestTags(t.tags) },
      { phase: "read", action: "events:DescribeRule", resource: x.rule },
      { phase: "read", action: "events:ListTagsForResource", resource: x.rule },
      { phase: "delete", action: "events:DeleteRule", resource: x.rule },
    ];
  },
  aws_cloudwatch_event_target: (t) => {
    const x = arnsFor(t);
    return [
      { phase: "create", action: "events:PutTargets", resource: x.rule, context: { "events:TargetArn": x.queue } },
      { phase: "read", action: "events:ListTargetsByRule", resource: x.rule },
      { phase: "delete", action: "events:RemoveTargets", resource: x.rule },
    ];
  },
  aws_lb: (t) => {
    const x = arnsFor(t);
    return [
      { phase: "create", action: "elasticloadbalancing:CreateLoadBalancer", resource: x.loadBalancer, context: requestTags(t.tags) },
      { phase: "create", action: "elasticloadbalancing:AddTags", resource: x.loadBalancer, context: { ...requestTags(t.tags), "elasticloadbalancing:CreateAction": "CreateLoadBalancer" } },
      { phase: "create", action: "elasticloadbalancing:ModifyLoadBalancerAttributes", resource: x.loadBalancer, context: ownedBy(t.cluster) },
      { phase: "read", action: "elasticloadbalancing:DescribeLoadBalancers", resource: "*" },
      { phase: "read", action: "elasticloadbalancing:DescribeLoadBalancerAttributes", resource: "*" },
      { phase: "read", action: "elasticloadbalancing:DescribeTags", resource: "*" },
      { phase: "update", action: "elasticloadbalancing:SetSecurityGroups", resource: x.loadBalancer, context: ownedBy(t.cluster) },
      { phase: "delete", action: "elasticloadbalancing:DeleteLoadBalancer", resource: x.loadBalancer, context: ownedBy(t.cluster) },
    ];
  },
  aws_lb_target_group: (t) => {
    const x = arnsFor(t);
    return [
      { phase: "create", action: "elasticloadbalancing:CreateTargetGroup", resource: x.targetGroup, context: requestTags(t.tags) },
      {
        phase: "create",
        action: "elasticloadbalancing:AddTags",
        resource: x.targetGroup,
        context: { ...requestTags(t.tags), "elasticloadbalancing:CreateAction": "CreateTargetGroup" },
        unchecked: ELBV2_ADDTAGS,
      },
      { phase: "create", action: "elasticloadbalancing:ModifyTargetGroupAttributes", resource: x.targetGroup, context: ownedBy(t.cluster) },
      { phase: "read", action: "elasticloadbalancing:DescribeTargetGroups", resource: "*" },
      { phase: "read", action: "elasticloadbalancing:DescribeTargetGroupAttributes", resource: "*" },
      { phase: "update", action: "elasticloadbalancing:ModifyTargetGroup", resource: x.targetGroup, context: ownedBy(t.cluster) },
      { phase: "delete", action: "elasticloadbalancing:DeleteTargetGroup", resource: x.targetGroup, context: ownedBy(t.cluster) },
    ];
  },
  aws_lb_listener: (t) => {
    const x = arnsFor(t);
    return [
      { phase: "create", action: "elasticloadbalancing:CreateListener", resource: x.loadBalancer, context: { ...ownedBy(t.cluster), ...requestTags(t.tags) } },
      {
        phase: "create",
        action: "elasticloadbalancing:AddTags",
        resource: x.listener,
        context: { ...requestTags(t.tags), "elasticloadbalancing:CreateAction": "CreateListener" },
        unchecked: ELBV2_ADDTAGS,
      },
      { phase: "read", action: "elasticloadbalancing:DescribeListeners", resource: "*" },
      { phase: "update", action: "elasticloadbalancing:ModifyListener", resource: x.listener, context: ownedBy(t.cluster) },
      { phase: "delete", action: "elasticloadbalancing:DeleteListener", resource: x.listener, context: ownedBy(t.cluster) },
    ];
  },
  aws_cloudwatch_metric_alarm: (t) => {
    const notifies: Context = t.alarmActions.length > 0 ? { "cloudwatch:AlarmActions": t.alarmActions } : {};
    return [
      { phase: "create", action: "cloudwatch:PutMetricAlarm", resource: t.drainAlarmArn, context: { ...requestTags(t.tags), ...notifies } },
      { phase: "create", action: "cloudwatch:TagResource", resource: t.drainAlarmArn, context: requestTags(t.tags), unsure: "whether PutMetricAlarm with tags also checks cloudwatch:TagResource (its API reference says so)" },
      { phase: "read", action: "cloudwatch:DescribeAlarms", resource: t.drainAlarmArn },
      { phase: "read", action: "cloudwatch:ListTagsForResource", resource: t.drainAlarmArn },
      { phase: "update", action: "cloudwatch:PutMetricAlarm", resource: t.drainAlarmArn, context: notifies },
      { phase: "update", action: "cloudwatch:TagResource", resource: t.drainAlarmArn, context: requestTags({ Environment: t.tags.Environment }) },
      { phase: "update", action: "cloudwatch:UntagResource", resource: t.drainAlarmArn, context: { "aws:TagKeys": ["Environment"] } },
      { phase: "delete", action: "cloudwatch:DeleteAlarms", resource: t.drainAlarmArn },
    ];
  },
  aws_sns_topic: (t) => [
    { phase: "create", action: "sns:CreateTopic", resource: t.drainAlarmTopicArn, context: requestTags(t.tags) },
    { phase: "create", action: "sns:TagResource", resource: t.drainAlarmTopicArn, context: requestTags(t.tags) },
    { phase: "create", action: "sns:SetTopicAttributes", resource: t.drainAlarmTopicArn },
    { phase: "read", action: "sns:GetTopicAttributes", resource: t.drainAlarmTopicArn },
    { phase: "read", action: "sns:ListTagsForResource", resource: t.drainAlarmTopicArn },
    { phase: "update", action: "sns:UntagResource", resource: t.drainAlarmTopicArn, context: { "aws:TagKeys": ["Environment"] } },
    { phase: "delete", action: "sns:DeleteTopic", resource: t.drainAlarmTopicArn },
  ],
  "data.aws_eks_addon_version": () => [{ phase: "read", action: "eks:DescribeAddonVersions", resource: "*" }],
  "data.aws_ssm_parameter": (t) => [
    { phase: "read", action: "ssm:GetParameter", resource: arnsFor(t).amiParameter, unsure: "which ARN IAM evaluates for a public parameter: the policy names it with and without the account" },
  ],
  "data.aws_subnet": () => [{ phase: "read", action: "ec2:DescribeSubnets", resource: "*" }],
};

function securityGroupRuleCalls(t: Targets, direction: "Ingress" | "Egress"): Call[] {
  const x = arnsFor(t);
  const group = { ...ownedBy(t.cluster, "ec2"), "ec2:Vpc": x.vpc };
  return [
    { phase: "create", action: `ec2:AuthorizeSecurityGroup${direction}`, resource: x.securityGroup, context: group },
    { phase: "create", action: `ec2:AuthorizeSecurityGroup${direction}`, resource: x.securityGroupRule, context: requestTags(t.tags) },
    { phase: "create", action: "ec2:CreateTags", resource: x.securityGroupRule, context: { ...requestTags(t.tags), "ec2:CreateAction": `AuthorizeSecurityGroup${direction}` } },
    { phase: "read", action: "ec2:DescribeSecurityGroupRules", resource: "*" },
    { phase: "update", action: "ec2:ModifySecurityGroupRules", resource: x.securityGroup, context: group },
    { phase: "update", action: "ec2:ModifySecurityGroupRules", resource: x.securityGroupRule },
    { phase: "delete", action: `ec2:RevokeSecurityGroup${direction}`, resource: x.securityGroup, context: group },
  ];
}
