/**
 * What the EKS admin role may do: exactly what the `<env>-cluster` stack creates and changes, for
 * this one cluster. Pure: environment in, policy documents out.
 *
 * The role creates no IAM role, writes no trust and no policy: every role the cluster uses (control
 * plane, nodes, Pod Identity workloads) and every policy is the access stack's, applied by an account
 * administrator. IAM has no condition key that limits what a trust policy says, so a role that could
 * create or re-trust roles could always build a way out of its cluster. The role may only pass
 * those roles, each to its one service.
 *
 * Everything else is scoped, in order of preference:
 * 1. by ARN where the name is known before creation (cluster, queues, rules, log group, roles, key);
 * 2. by the cluster's owner tag where AWS assigns the id (security groups, launch templates, Auto
 *    Scaling groups, load balancers): required in the create call, required afterwards, and the
 *    ownership and discovery tags can only be written by a create call;
 * 3. by the cluster's network where a call names one (`ec2:Vpc`, `autoscaling:VPCZoneIdentifiers`);
 * 4. `*` only for reads that support no resource scoping, and for `eks:CreateCluster`, which has no
 *    resource type (it needs this cluster's owner tag in the request).
 */
import type { Environment } from "../config/environment";
import { OWNER_TAG_KEY } from "../naming/names";
import { DRAIN_RULE_KINDS } from "../config/drain-events";
import { clusterArns } from "../naming/arns";
import { drainEventPatterns } from "../config/drain-events";
import { kmsGrantConditions } from "./kms-grants";
import { type PolicyDocument, type Statement, policy } from "./policy-document";
import { servicePrincipal } from "../naming/partitions";
import { mutableTagKeys, protectedTagKeys } from "./tag-keys";

/** Services whose service-linked roles the cluster stack may need created on first use. */
const SERVICE_LINKED_ROLE_SERVICES = ["eks", "autoscaling", "elasticloadbalancing", "spot"];

/** EC2 create calls whose resources are tagged at creation (the values of `ec2:CreateAction`). */
const EC2_TAGGED_CREATE_ACTIONS = ["CreateSecurityGroup", "CreateLaunchTemplate", "CreateLaunchTemplateVersion", "RunInstances"];

/** The network the cluster stack builds in. Values may be references to another stack's outputs. */
export interface ClusterNetworkRefs {
  vpcId: string;
  /** Every subnet a pool may use: the cluster's private subnets and each pool's own. May be a list reference. */
  nodeSubnetIds: string[];
}

/** Roles the admin role may pass, by the service each goes to (ARNs, known from names). */
export interface PassableRoles {
  controlPlane: string;
  nodes: string[];
  workloads: string[];
}

export interface AdminPermissions {
  /** Named parts, each small enough for one managed policy (6,144 characters). */
  parts: Record<"iam" | "ec2" | "scaling" | "cluster" | "monitoring", PolicyDocument>;
}

/**
 * @param secretsKeyArn the cluster's key: the environment's own, or a reference to the key the
 *   access stack creates.
 */
export function adminPermissions(env: Environment, secretsKeyArn: string, network: ClusterNetworkRefs, roles: PassableRoles): AdminPermissions {
  const { account, region } = env;
  const cluster = env.cluster.name;
  const arn = clusterArns({ account, region, cluster });
  const vpcArn = arn.ec2("vpc", network.vpcId);
  const inVpc = { ArnEquals: { "ec2:Vpc": vpcArn } };
  const owned = { StringEquals: { [`aws:ResourceTag/${OWNER_TAG_KEY}`]: cluster } };
  const ownedAtCreation = { StringEquals: { [`aws:RequestTag/${OWNER_TAG_KEY}`]: cluster } };
  const onlyMutableKeys = { "ForAllValues:StringLike": { "aws:TagKeys": mutableTagKeys(env) } };
  const touchesProtectedKeys = { "ForAnyValue:StringLike": { "aws:TagKeys": protectedTagKeys(cluster) } };
  const pass = (resources: string | string[], service: string, sid: string): Statement => ({
    Sid: sid,
    Effect: "Allow",
    Action: "iam:PassRole",
    Resource: resources,
    Condition: { StringEquals: { "iam:PassedToService": servicePrincipal(service, region) } },
  });
  const poolGroups = [...new Set(env.workerPools.flatMap((p) => p.securityGroupIds))].map((id) => arn.ec2("security-group", id));

  const iam: Statement[] = [
    pass(roles.controlPlane, "eks", "PassControlPlaneRoleToEks"),
    pass(roles.nodes, "ec2", "PassNodeRolesToEc2"),
    ...(roles.workloads.length > 0 ? [pass(roles.workloads, "pods.eks", "PassWorkloadRolesToPodIdentity")] : []),
    {
      Sid: "ReadPassableRoles",
      Effect: "Allow",
      Action: ["iam:GetRole", "iam:ListAttachedRolePolicies"],
      Resource: [roles.controlPlane, ...roles.nodes, ...roles.workloads],
    },
    {
      Sid: "ServiceLinkedRoles",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: arn.serviceLinkedRoles,
      Condition: { StringEquals: { "iam:AWSServiceName": SERVICE_LINKED_ROLE_SERVICES.map((s) => servicePrincipal(s, region)) } },
    },
    // Terraform's refresh of a launch template reads the instance profile it names.
    { Sid: "ReadNodeInstanceProfiles", Effect: "Allow", Action: "iam:GetInstanceProfile", Resource: env.workerPools.map((p) => arn.nodeInstanceProfile(p.name)) },
  ];

  const ruleActions = [
    "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress",
    "ec2:RevokeSecurityGroupEgress", "ec2:ModifySecurityGroupRules", "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
    "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
  ];
  const ec2: Statement[] = [
    {
      Sid: "Describe",
      Effect: "Allow",
      Action: ["ec2:Describe*", "ec2:GetLaunchTemplateData"],
      Resource: "*",
    },
    { Sid: "SecurityGroupsInClusterVpc", Effect: "Allow", Action: "ec2:CreateSecurityGroup", Resource: vpcArn },
    {
      Sid: "CreateOwnedSecurityGroups",
      Effect: "Allow",
      Action: "ec2:CreateSecurityGroup",
      Resource: arn.ec2("security-group"),
      Condition: { ...ownedAtCreation, ...inVpc },
    },
    { Sid: "CreateOwnedLaunchTemplates", Effect: "Allow", Action: "ec2:CreateLaunchTemplate", Resource: arn.ec2("launch-template"), Condition: ownedAtCreation },
    {
      Sid: "TagOnlyWhileCreating",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: "*",
      Condition: { StringEquals: { "ec2:CreateAction": EC2_TAGGED_CREATE_ACTIONS } },
    },
    // Terraform tags a new rule in a call of its own, with no create action to condition on. A rule
    // decides nothing (every rule call names its group, which must be owned), so it may be tagged.
    { Sid: "TagNewRules", Effect: "Allow", Action: "ec2:CreateTags", Resource: arn.ec2("security-group-rule"), Condition: ownedAtCreation },
    {
      // A rule is a resource of its own, but every rule call also names its group, which must be
      // owned. No tag condition on the rule: the egress rule AWS adds to a new group has no tags.
      Sid: "RulesOfOwnedGroups",
      Effect: "Allow",
      Action: ruleActions,
      Resource: arn.ec2("security-group-rule"),
    },
    { Sid: "ManageOwnedSecurityGroups", Effect: "Allow", Action: [...ruleActions, "ec2:DeleteSecurityGroup"], Resource: arn.ec2("security-group"), Condition: { ...owned, ...inVpc } },
    {
      Sid: "ManageOwnedLaunchTemplates",
      Effect: "Allow",
      Action: ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate", "ec2:DeleteLaunchTemplate", "ec2:DeleteLaunchTemplateVersions"],
      Resource: arn.ec2("launch-template"),
      Condition: owned,
    },
    {
      Sid: "RetagOwnedEc2",
      Effect: "Allow",
      Action: ["ec2:CreateTags", "ec2:DeleteTags"],
      Resource: [arn.ec2("security-group"), arn.ec2("launch-template")],
      Condition: { ...owned, ...onlyMutableKeys },
    },
    {
      // Auto Scaling checks that whoever creates or updates a group could launch its instances:
      // through an owned launch template, into the cluster's VPC, with owned (or listed) groups.
      Sid: "LaunchThroughOwnedTemplates",
      Effect: "Allow",
      Action: "ec2:RunInstances",
      Resource: arn.ec2("launch-template"),
      Condition: owned,
    },
    {
      Sid: "LaunchInstancesFromOwnedTemplates",
      Effect: "Allow",
      Action: "ec2:RunInstances",
      Resource: [arn.ec2("instance"), arn.ec2("volume"), arn.images, arn.ec2("spot-instances-request")],
      Condition: { ArnLike: { "ec2:LaunchTemplate": arn.ec2("launch-template") } },
    },
    { Sid: "LaunchIntoClusterVpc", Effect: "Allow", Action: "ec2:RunInstances", Resource: [arn.ec2("subnet"), arn.ec2("network-interface")], Condition: inVpc },
    { Sid: "LaunchWithOwnedSecurityGroups", Effect: "Allow", Action: "ec2:RunInstances", Resource: arn.ec2("security-group"), Condition: { ...owned, ...inVpc } },
    ...(poolGroups.length > 0 ? [{ Sid: "LaunchWithPoolSecurityGroups", Effect: "Allow" as const, Action: "ec2:RunInstances", Resource: poolGroups }] : []),
    // Ownership and discovery tags are written by create calls only: nothing the role owns can be
    // handed to another cluster's autoscaler or drainer, and nothing foreign can be claimed.
    {
      Sid: "NeverRetagOwnershipEc2",
      Effect: "Deny",
      Action: ["ec2:CreateTags", "ec2:DeleteTags"],
      NotResource: arn.ec2("security-group-rule"),
      Condition: { ...touchesProtectedKeys, Null: { "ec2:CreateAction": "true" } },
    },
  ];

  const scaling: Statement[] = [
    { Sid: "Describe", Effect: "Allow", Action: ["autoscaling:Describe*", "elasticloadbalancing:Describe*"], Resource: "*" },
    {
      // Under this cluster's names only, in its subnets, behind its edge target groups only, and
      // only groups without an owner tag yet (Auto Scaling has no create-action condition key).
      Sid: "CreateOwnedAutoScalingGroups",
      Effect: "Allow",
      Action: ["autoscaling:CreateAutoScalingGroup", "autoscaling:CreateOrUpdateTags"],
      Resource: arn.clusterAutoScalingGroupNames,
      Condition: {
        ...ownedAtCreation,
        Null: { [`aws:ResourceTag/${OWNER_TAG_KEY}`]: "true" },
        "ForAllValues:StringEquals": { "autoscaling:VPCZoneIdentifiers": network.nodeSubnetIds },
        "ForAllValues:ArnLike": { "autoscaling:TargetGroupARNs": arn.edgeTargetGroups },
      },
    },
    {
      Sid: "UpdateOwnedAutoScalingGroups",
      Effect: "Allow",
      Action: "autoscaling:UpdateAutoScalingGroup",
      Resource: arn.autoScalingGroups,
      Condition: { ...owned, "ForAllValues:StringEquals": { "autoscaling:VPCZoneIdentifiers": network.nodeSubnetIds } },
    },
    {
      Sid: "OwnedGroupsBehindEdgeTargetGroups",
      Effect: "Allow",
      Action: ["autoscaling:AttachLoadBalancerTargetGroups", "autoscaling:DetachLoadBalancerTargetGroups"],
      Resource: arn.autoScalingGroups,
      Condition: { ...owned, "ForAllValues:ArnLike": { "autoscaling:TargetGroupARNs": arn.edgeTargetGroups } },
    },
    {
      Sid: "ManageOwnedAutoScalingGroups",
      Effect: "Allow",
      Action: [
        "autoscaling:DeleteAutoScalingGroup", "autoscaling:PutLifecycleHook", "autoscaling:DeleteLifecycleHook",
        "autoscaling:StartInstanceRefresh", "autoscaling:CancelInstanceRefresh", "autoscaling:RollbackInstanceRefresh",
        "autoscaling:EnableMetricsCollection", "autoscaling:DisableMetricsCollection", "autoscaling:SetDesiredCapacity",
      ],
      Resource: arn.autoScalingGroups,
      Condition: owned,
    },
    {
      Sid: "RetagOwnedAutoScalingGroups",
      Effect: "Allow",
      Action: ["autoscaling:CreateOrUpdateTags", "autoscaling:DeleteTags"],
      Resource: arn.autoScalingGroups,
      Condition: { ...owned, ...onlyMutableKeys },
    },
    {
      Sid: "CreateOwnedLoadBalancing",
      Effect: "Allow",
      Action: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
      Resource: "*",
      Condition: ownedAtCreation,
    },
    {
      Sid: "TagLoadBalancingOnlyWhileCreating",
      Effect: "Allow",
      Action: "elasticloadbalancing:AddTags",
      Resource: "*",
      Condition: {
        StringEquals: { ...ownedAtCreation.StringEquals, "elasticloadbalancing:CreateAction": ["CreateLoadBalancer", "CreateTargetGroup", "CreateListener"] },
      },
    },
    {
      Sid: "ManageOwnedLoadBalancing",
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:CreateListener", "elasticloadbalancing:DeleteListener", "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets", "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:ModifyListenerAttributes",
      ],
      Resource: "*",
      Condition: owned,
    },
    {
      Sid: "RetagOwnedLoadBalancing",
      Effect: "Allow",
      Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      Resource: "*",
      Condition: { ...owned, ...onlyMutableKeys },
    },
    {
      Sid: "NeverRetagOwnershipLoadBalancing",
      Effect: "Deny",
      Action: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      Resource: "*",
      Condition: { ...touchesProtectedKeys, Null: { "elasticloadbalancing:CreateAction": "true" } },
    },
    {
      Sid: "NeverRetagOwnershipAutoScaling",
      Effect: "Deny",
      Action: ["autoscaling:CreateOrUpdateTags", "autoscaling:DeleteTags"],
      Resource: "*",
      Condition: { ...touchesProtectedKeys, Null: { [`aws:ResourceTag/${OWNER_TAG_KEY}`]: "false" } },
    },
  ];

  const patterns = drainEventPatterns([]);
  const clusterResources: Statement[] = [
    { Sid: "CreateOwnedCluster", Effect: "Allow", Action: "eks:CreateCluster", Resource: "*", Condition: ownedAtCreation },
    { Sid: "ThisClusterOnly", Effect: "Allow", Action: "eks:*", Resource: [arn.cluster, ...arn.clusterChildren] },
    {
      Sid: "EksReadOnly",
      Effect: "Allow",
      Action: ["eks:DescribeAddonVersions", "eks:DescribeAddonConfiguration", "eks:DescribeClusterVersions", "eks:ListAccessPolicies", "eks:ListClusters"],
      Resource: "*",
    },
    {
      Sid: "DrainQueues",
      Effect: "Allow",
      Action: [
        "sqs:CreateQueue", "sqs:DeleteQueue", "sqs:GetQueueAttributes", "sqs:SetQueueAttributes", "sqs:GetQueueUrl",
        "sqs:TagQueue", "sqs:UntagQueue", "sqs:ListQueueTags", "sqs:ListDeadLetterSourceQueues",
      ],
      Resource: [arn.drainQueue, arn.drainDeadLetterQueue],
    },
    // Each rule may only match its own events: a rule cannot be rewritten to forward anything else.
    ...DRAIN_RULE_KINDS.map(
      (kind): Statement => ({
        Sid: `DrainRule${kind.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`,
        Effect: "Allow",
        Action: "events:PutRule",
        Resource: arn.drainRule(kind),
        Condition: {
          "ForAllValues:StringEquals": { "events:source": patterns[kind].source, "events:detail-type": patterns[kind]["detail-type"] },
          Null: { "events:source": "false", "events:detail-type": "false" },
        },
      }),
    ),
    {
      Sid: "DrainRulesTargetTheQueue",
      Effect: "Allow",
      Action: "events:PutTargets",
      Resource: arn.drainRules,
      Condition: { "ForAllValues:ArnEquals": { "events:TargetArn": arn.drainQueue }, Null: { "events:TargetArn": "false" } },
    },
    {
      Sid: "ManageDrainRules",
      Effect: "Allow",
      Action: [
        "events:DeleteRule", "events:DescribeRule", "events:EnableRule", "events:DisableRule", "events:RemoveTargets",
        "events:ListTargetsByRule", "events:TagResource", "events:UntagResource", "events:ListTagsForResource",
      ],
      Resource: arn.drainRules,
    },
    {
      Sid: "ClusterLogGroup",
      Effect: "Allow",
      Action: [
        "logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy",
        "logs:AssociateKmsKey", "logs:DisassociateKmsKey", "logs:TagResource", "logs:UntagResource",
        "logs:ListTagsForResource", "logs:TagLogGroup", "logs:ListTagsLogGroup",
      ],
      Resource: [arn.logGroup, `${arn.logGroup}:*`],
    },
    { Sid: "ListLogGroups", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
    // The key is the access stack's (or the environment's own): the admin role only lets EKS use
    // it, through EKS, for the operations cluster encryption needs.
    {
      Sid: "LetEksUseClusterKey",
      Effect: "Allow",
      Action: ["kms:DescribeKey", "kms:CreateGrant", "kms:ListGrants"],
      Resource: secretsKeyArn,
      Condition: kmsGrantConditions(region),
    },
    { Sid: "EksAmiParameters", Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters"], Resource: arn.eksAmiParameters },
  ];

  // The drain queue's alarms, and the topic they notify when the stack creates it. An alarm action
  // can do more than notify (stop or terminate instances, run scaling policies): the alarms may
  // only name the configured topic, or nothing.
  const topic = env.drainer.alarmTopic;
  const topicArn = topic === "create" ? arn.drainAlarmTopic : topic === "none" ? undefined : topic.arn;
  const monitoring: Statement[] = [
    {
      Sid: "DrainAlarmsNotifyOnlyTheirTopic",
      Effect: "Allow",
      Action: "cloudwatch:PutMetricAlarm",
      Resource: arn.drainAlarms,
      Condition: topicArn ? { "ForAllValues:StringEquals": { "cloudwatch:AlarmActions": [topicArn] } } : { Null: { "cloudwatch:AlarmActions": "true" } },
    },
    {
      Sid: "ManageDrainAlarms",
      Effect: "Allow",
      Action: ["cloudwatch:DeleteAlarms", "cloudwatch:TagResource", "cloudwatch:UntagResource", "cloudwatch:ListTagsForResource"],
      Resource: arn.drainAlarms,
    },
    { Sid: "ReadAlarms", Effect: "Allow", Action: "cloudwatch:DescribeAlarms", Resource: "*" },
    ...(topic === "create"
      ? [
          {
            Sid: "DrainAlarmTopic",
            Effect: "Allow" as const,
            Action: ["sns:CreateTopic", "sns:DeleteTopic", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:TagResource", "sns:UntagResource", "sns:ListTagsForResource"],
            Resource: arn.drainAlarmTopic,
          },
        ]
      : []),
  ];

  return { parts: { iam: policy(...iam), ec2: policy(...ec2), scaling: policy(...scaling), cluster: policy(...clusterResources), monitoring: policy(...monitoring) } };
}
