/**
 * What the EKS admin role may do: exactly what the `<env>-cluster` stack creates and changes, for
 * this one cluster. Pure: environment in, policy documents out.
 *
 * Scoping, in order of preference:
 * 1. by ARN where the name is known before creation (cluster, queues, rules, log group, IAM path);
 * 2. by the cluster's owner tag where AWS assigns the id (security groups, launch templates, Auto
 *    Scaling Groups, load balancers, KMS keys): tag required at creation, tag required afterwards,
 *    and tags may only be written while creating, so nothing foreign can be claimed;
 * 3. `*` only for read-only Describe/List calls that support no resource scoping.
 *
 * Every role the cluster stack creates must carry the permissions boundary, and only the listed
 * policies may be attached to them: the admin role cannot mint a role more powerful than the
 * boundary allows, and cannot edit the boundary (it lives outside the cluster's IAM path).
 */
import type { Environment } from "../config/environment";
import { OWNER_TAG_KEY } from "../config/names";
import { clusterArns } from "./cluster-arns";
import { awsManagedPolicies } from "./managed-policies";
import { policy, servicePrincipal, type PolicyDocument, type Statement } from "./policy-document";

/** EC2 create calls whose resources are tagged at creation. */
const EC2_TAGGED_CREATE_ACTIONS = [
  "CreateSecurityGroup",
  "AuthorizeSecurityGroupIngress",
  "AuthorizeSecurityGroupEgress",
  "CreateLaunchTemplate",
  "CreateLaunchTemplateVersion",
  "RunInstances",
];

export interface AdminPermissions {
  /** Named parts, each small enough for one managed policy (6,144 characters). */
  parts: Record<"eks-iam" | "compute" | "messaging", PolicyDocument>;
  boundary: PolicyDocument;
}

export function adminPermissions(env: Environment): AdminPermissions {
  const { account, region } = env;
  const cluster = env.cluster.name;
  const arn = clusterArns({ account, region, cluster });
  const managed = awsManagedPolicies(region);
  const owned = { StringEquals: { [`aws:ResourceTag/${OWNER_TAG_KEY}`]: cluster } };
  const ownedAtCreation = { StringEquals: { [`aws:RequestTag/${OWNER_TAG_KEY}`]: cluster } };
  const withBoundary = { StringEquals: { "iam:PermissionsBoundary": arn.permissionsBoundary } };
  const attachable = [
    managed.clusterPolicy,
    managed.workerNode,
    managed.cni,
    managed.ecrPull,
    managed.ebsCsiDriver,
    arn.clusterPolicies,
    ...new Set(env.workerPools.flatMap((p) => p.iamPolicyArns)),
  ];

  const eksIam: Statement[] = [
    { Sid: "ClusterOnly", Effect: "Allow", Action: "eks:*", Resource: [arn.cluster, ...arn.clusterChildren] },
    {
      Sid: "EksReadOnly",
      Effect: "Allow",
      Action: ["eks:DescribeAddonVersions", "eks:DescribeAddonConfiguration", "eks:DescribeClusterVersions", "eks:ListAccessPolicies", "eks:ListClusters"],
      Resource: "*",
    },
    {
      Sid: "CreateRolesWithBoundary",
      Effect: "Allow",
      Action: ["iam:CreateRole", "iam:PutRolePolicy", "iam:PutRolePermissionsBoundary", "iam:DeleteRolePolicy"],
      Resource: arn.clusterRoles,
      Condition: withBoundary,
    },
    {
      Sid: "AttachListedPolicies",
      Effect: "Allow",
      Action: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
      Resource: arn.clusterRoles,
      Condition: { ...withBoundary, ArnLike: { "iam:PolicyARN": attachable } },
    },
    {
      Sid: "ManageClusterRoles",
      Effect: "Allow",
      Action: [
        "iam:GetRole", "iam:GetRolePolicy", "iam:DeleteRole", "iam:UpdateRole", "iam:UpdateRoleDescription",
        "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole", "iam:ListRolePolicies",
        "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:ListRoleTags",
      ],
      Resource: arn.clusterRoles,
    },
    {
      Sid: "ManageClusterInstanceProfiles",
      Effect: "Allow",
      Action: [
        "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile", "iam:GetInstanceProfile", "iam:AddRoleToInstanceProfile",
        "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile", "iam:ListInstanceProfileTags",
      ],
      Resource: arn.clusterInstanceProfiles,
    },
    {
      Sid: "ManageClusterPolicies",
      Effect: "Allow",
      Action: [
        "iam:CreatePolicy", "iam:DeletePolicy", "iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions",
        "iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:TagPolicy", "iam:UntagPolicy", "iam:ListPolicyTags",
      ],
      Resource: arn.clusterPolicies,
    },
    {
      Sid: "ClusterOidcProvider",
      Effect: "Allow",
      Action: [
        "iam:CreateOpenIDConnectProvider", "iam:GetOpenIDConnectProvider", "iam:DeleteOpenIDConnectProvider",
        "iam:TagOpenIDConnectProvider", "iam:UntagOpenIDConnectProvider", "iam:UpdateOpenIDConnectProviderThumbprint",
        "iam:AddClientIDToOpenIDConnectProvider", "iam:RemoveClientIDFromOpenIDConnectProvider",
      ],
      Resource: arn.oidcProviders,
    },
    {
      Sid: "PassClusterRolesToTheirServices",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: arn.clusterRoles,
      Condition: { StringEquals: { "iam:PassedToService": [servicePrincipal("eks", region), servicePrincipal("ec2", region)] } },
    },
    {
      Sid: "ServiceLinkedRoles",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: arn.serviceLinkedRoles,
      Condition: {
        StringEquals: {
          "iam:AWSServiceName": ["eks", "autoscaling", "elasticloadbalancing", "spot"].map((s) => servicePrincipal(s, region)),
        },
      },
    },
    { Sid: "NeverDropTheBoundary", Effect: "Deny", Action: "iam:DeleteRolePermissionsBoundary", Resource: "*" },
  ];

  const compute: Statement[] = [
    {
      Sid: "Describe",
      Effect: "Allow",
      Action: ["ec2:Describe*", "autoscaling:Describe*", "elasticloadbalancing:Describe*", "ec2:GetLaunchTemplateData"],
      Resource: "*",
    },
    {
      Sid: "CreateTaggedEc2",
      Effect: "Allow",
      Action: ["ec2:CreateSecurityGroup", "ec2:CreateLaunchTemplate"],
      Resource: [`arn:${arn.partition}:ec2:${region}:${account}:security-group/*`, `arn:${arn.partition}:ec2:${region}:${account}:launch-template/*`],
      Condition: ownedAtCreation,
    },
    { Sid: "SecurityGroupsInVpc", Effect: "Allow", Action: "ec2:CreateSecurityGroup", Resource: `arn:${arn.partition}:ec2:${region}:${account}:vpc/*` },
    {
      Sid: "TagOnlyWhileCreating",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: "*",
      Condition: { StringEquals: { "ec2:CreateAction": EC2_TAGGED_CREATE_ACTIONS } },
    },
    {
      Sid: "ManageOwnedEc2",
      Effect: "Allow",
      Action: [
        "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupEgress", "ec2:ModifySecurityGroupRules", "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
        "ec2:UpdateSecurityGroupRuleDescriptionsEgress", "ec2:DeleteSecurityGroup", "ec2:CreateLaunchTemplateVersion",
        "ec2:ModifyLaunchTemplate", "ec2:DeleteLaunchTemplate", "ec2:DeleteLaunchTemplateVersions",
        "ec2:CreateTags", "ec2:DeleteTags",
      ],
      Resource: "*",
      Condition: owned,
    },
    {
      // Auto Scaling checks that whoever creates or updates a group could launch its instances.
      Sid: "LaunchThroughOwnedTemplates",
      Effect: "Allow",
      Action: "ec2:RunInstances",
      Resource: `arn:${arn.partition}:ec2:${region}:${account}:launch-template/*`,
      Condition: { StringEquals: { [`ec2:ResourceTag/${OWNER_TAG_KEY}`]: cluster } },
    },
    {
      Sid: "LaunchResources",
      Effect: "Allow",
      Action: "ec2:RunInstances",
      Resource: ["instance", "volume", "network-interface", "subnet", "security-group", "spot-instances-request", "image"].map(
        (r) => `arn:${arn.partition}:ec2:${region}:${r === "image" ? "" : account}:${r}/*`,
      ),
    },
    {
      Sid: "CreateOwnedAutoScaling",
      Effect: "Allow",
      Action: ["autoscaling:CreateAutoScalingGroup", "autoscaling:CreateOrUpdateTags"],
      Resource: arn.autoScalingGroups,
      Condition: ownedAtCreation,
    },
    {
      Sid: "ManageOwnedAutoScaling",
      Effect: "Allow",
      Action: [
        "autoscaling:UpdateAutoScalingGroup", "autoscaling:DeleteAutoScalingGroup", "autoscaling:PutLifecycleHook",
        "autoscaling:DeleteLifecycleHook", "autoscaling:CreateOrUpdateTags", "autoscaling:DeleteTags",
        "autoscaling:StartInstanceRefresh", "autoscaling:CancelInstanceRefresh", "autoscaling:RollbackInstanceRefresh",
        "autoscaling:AttachLoadBalancerTargetGroups", "autoscaling:DetachLoadBalancerTargetGroups",
        "autoscaling:AttachTrafficSources", "autoscaling:DetachTrafficSources", "autoscaling:SetInstanceProtection",
        "autoscaling:EnableMetricsCollection", "autoscaling:DisableMetricsCollection", "autoscaling:SuspendProcesses",
        "autoscaling:ResumeProcesses", "autoscaling:SetDesiredCapacity",
      ],
      Resource: arn.autoScalingGroups,
      Condition: { StringEquals: { [`autoscaling:ResourceTag/${OWNER_TAG_KEY}`]: cluster } },
    },
    {
      Sid: "CreateOwnedLoadBalancing",
      Effect: "Allow",
      Action: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:AddTags"],
      Resource: "*",
      Condition: ownedAtCreation,
    },
    {
      Sid: "ManageOwnedLoadBalancing",
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:CreateListener", "elasticloadbalancing:DeleteListener", "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets", "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets",
        "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags", "elasticloadbalancing:ModifyListenerAttributes",
      ],
      Resource: "*",
      Condition: owned,
    },
  ];

  const byoKey = env.cluster.secretsEncryption.kmsKeyArn;
  const messaging: Statement[] = [
    { Sid: "DrainQueues", Effect: "Allow", Action: "sqs:*", Resource: [arn.drainQueue, arn.drainDeadLetterQueue] },
    {
      Sid: "DrainRules",
      Effect: "Allow",
      Action: [
        "events:PutRule", "events:DeleteRule", "events:DescribeRule", "events:EnableRule", "events:DisableRule",
        "events:PutTargets", "events:RemoveTargets", "events:ListTargetsByRule", "events:TagResource",
        "events:UntagResource", "events:ListTagsForResource",
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
    byoKey
      ? { Sid: "ClusterKey", Effect: "Allow", Action: ["kms:DescribeKey", "kms:CreateGrant", "kms:ListGrants"], Resource: byoKey }
      : { Sid: "CreateOwnedKey", Effect: "Allow", Action: ["kms:CreateKey", "kms:TagResource"], Resource: "*", Condition: ownedAtCreation },
    ...(byoKey
      ? []
      : [
          {
            Sid: "ManageOwnedKey",
            Effect: "Allow" as const,
            Action: [
              "kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:GetKeyRotationStatus",
              "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource", "kms:ListResourceTags", "kms:CreateGrant",
              "kms:ListGrants", "kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias",
            ],
            Resource: arn.kmsKeys,
            Condition: owned,
          },
          { Sid: "ClusterKeyAlias", Effect: "Allow" as const, Action: ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"], Resource: arn.kmsAlias },
        ]),
    { Sid: "ListKeys", Effect: "Allow", Action: "kms:ListAliases", Resource: "*" },
    { Sid: "EksAmiParameters", Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters"], Resource: arn.eksAmiParameters },
  ];

  const boundary = policy(
    { Sid: "AnythingTheRoleIsGranted", Effect: "Allow", Action: "*", Resource: "*" },
    {
      Sid: "ButNeverIdentityOrAccountChanges",
      Effect: "Deny",
      Action: ["iam:*", "organizations:*", "account:*", "sso:*", "identitystore:*"],
      Resource: "*",
    },
  );

  return { parts: { "eks-iam": policy(...eksIam), compute: policy(...compute), messaging: policy(...messaging) }, boundary };
}
