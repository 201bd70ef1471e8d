/**
 * What the EKS admin role may do: exactly what the `<env>-cluster` stack creates and changes, for
 * this one cluster. Pure: environment in, policy documents out.
 *
 * Scoping, in order of preference:
 * 1. by ARN where the name is known before creation (cluster, queues, rules, log group, IAM path,
 *    the secrets key, which the access stack creates);
 * 2. by the cluster's owner tag where AWS assigns the id (security groups, launch templates, Auto
 *    Scaling Groups, load balancers, the OIDC provider): tag required at creation,
 *    tag required afterwards, and the owner tag may only be written while creating, so nothing
 *    foreign can be claimed;
 * 3. `*` only for read-only Describe/List calls that support no resource scoping.
 *
 * The admin role writes no policy content. Every role the cluster stack creates must carry the
 * permissions boundary and may only get the listed policies: AWS managed ones, the pools' listed
 * ones, and the component policies this stack creates (component-permissions.ts). So a role the
 * admin mints, even one it could assume, holds at most what an account administrator applied.
 */
import type { Environment } from "../config/environment";
import { OWNER_TAG_KEY } from "../config/names";
import { clusterArns } from "./cluster-arns";
import { DRAINER, irsaRolePolicyArns } from "./component-permissions";
import { awsManagedPolicies } from "./managed-policies";
import { policy, servicePrincipal, type PolicyDocument, type Statement } from "./policy-document";

/** Services whose service-linked roles the cluster stack may need created on first use. */
const SERVICE_LINKED_ROLE_SERVICES = ["eks", "autoscaling", "elasticloadbalancing", "spot"];

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
  parts: Record<"iam" | "compute" | "cluster", PolicyDocument>;
  boundary: PolicyDocument;
}

/**
 * @param secretsKeyArn the cluster's key: the environment's own, or a reference to the key the
 *   access stack creates.
 */
export function adminPermissions(env: Environment, secretsKeyArn: string): AdminPermissions {
  const { account, region } = env;
  const cluster = env.cluster.name;
  const arn = clusterArns({ account, region, cluster });
  const managed = awsManagedPolicies(region);
  const owned = { StringEquals: { [`aws:ResourceTag/${OWNER_TAG_KEY}`]: cluster } };
  const ownedAtCreation = { StringEquals: { [`aws:RequestTag/${OWNER_TAG_KEY}`]: cluster } };
  const withBoundary = { StringEquals: { "iam:PermissionsBoundary": arn.permissionsBoundary } };
  // What each kind of role may be given: nodes the node policies (and the drainer's, for
  // drainer.identity "node"), each IRSA role its own. Nothing may get AmazonEKSClusterPolicy.
  const nodePolicies = [
    managed.workerNode,
    managed.cni,
    managed.ecrPull,
    arn.componentPolicy(DRAINER),
    ...new Set(env.workerPools.flatMap((p) => p.iamPolicyArns)),
  ];
  const irsaPolicies = Object.entries(irsaRolePolicyArns(env));

  const iam: Statement[] = [
    {
      Sid: "CreateNodeAndIrsaRolesWithBoundary",
      Effect: "Allow",
      Action: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
      Resource: [arn.nodeRoles, ...irsaPolicies.map(([component]) => arn.irsaRole(component))],
      Condition: withBoundary,
    },
    {
      Sid: "NodeRolePolicies",
      Effect: "Allow",
      Action: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
      Resource: arn.nodeRoles,
      Condition: { ...withBoundary, ArnEquals: { "iam:PolicyARN": nodePolicies } },
    },
    ...irsaPolicies.map(
      ([component, policies]): Statement => ({
        Sid: `PoliciesOf${component.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`,
        Effect: "Allow",
        Action: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
        Resource: arn.irsaRole(component),
        Condition: { ...withBoundary, ArnEquals: { "iam:PolicyARN": policies } },
      }),
    ),
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
      Sid: "PassControlPlaneRoleToEks",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: arn.controlPlaneRole,
      Condition: { StringEquals: { "iam:PassedToService": servicePrincipal("eks", region) } },
    },
    {
      Sid: "PassNodeRolesToEc2",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: arn.nodeRoles,
      Condition: { StringEquals: { "iam:PassedToService": servicePrincipal("ec2", region) } },
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
      Resource: [arn.ec2("security-group"), arn.ec2("launch-template")],
      Condition: ownedAtCreation,
    },
    { Sid: "SecurityGroupsInVpc", Effect: "Allow", Action: "ec2:CreateSecurityGroup", Resource: arn.ec2("vpc") },
    {
      // A rule is a resource of its own, but every rule call also names its group, which must be
      // owned (ManageOwnedEc2). No tag condition here: the egress rule AWS adds to a new group,
      // which Terraform removes, carries no tags.
      Sid: "RulesOfOwnedGroups",
      Effect: "Allow",
      Action: [
        "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupEgress", "ec2:ModifySecurityGroupRules", "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
        "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
      ],
      Resource: arn.ec2("security-group-rule"),
    },
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
      Resource: [arn.ec2("security-group"), arn.ec2("security-group-rule"), arn.ec2("launch-template")],
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
      // Only launches through a launch template (which LaunchThroughOwnedTemplates limits to
      // owned ones), into this cluster's security groups, hence its VPC.
      Sid: "LaunchResources",
      Effect: "Allow",
      Action: "ec2:RunInstances",
      Resource: [arn.ec2("instance"), arn.ec2("volume"), arn.ec2("network-interface"), arn.ec2("subnet"), `arn:${arn.partition}:ec2:${region}::image/*`],
      Condition: { ArnLike: { "ec2:LaunchTemplate": arn.ec2("launch-template") } },
    },
    {
      Sid: "LaunchIntoOwnedSecurityGroups",
      Effect: "Allow",
      Action: "ec2:RunInstances",
      Resource: arn.ec2("security-group"),
      Condition: { StringEquals: { [`ec2:ResourceTag/${OWNER_TAG_KEY}`]: cluster } },
    },
    // A spot request carries no launch-template condition key; the instance it launches does.
    { Sid: "SpotRequests", Effect: "Allow", Action: "ec2:RunInstances", Resource: arn.ec2("spot-instances-request") },
    {
      // Under this cluster's names only, and only groups without an owner tag (Auto Scaling has
      // no create-action key), so the create-time tag grant cannot claim other groups.
      Sid: "CreateOwnedAutoScaling",
      Effect: "Allow",
      Action: ["autoscaling:CreateAutoScalingGroup", "autoscaling:CreateOrUpdateTags"],
      Resource: arn.clusterAutoScalingGroupNames,
      Condition: { ...ownedAtCreation, Null: { [`autoscaling:ResourceTag/${OWNER_TAG_KEY}`]: "true" } },
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
        ...ownedAtCreation,
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
        "elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets",
        "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags", "elasticloadbalancing:ModifyListenerAttributes",
      ],
      Resource: "*",
      Condition: owned,
    },
  ];

  const clusterResources: Statement[] = [
    { Sid: "ClusterOnly", Effect: "Allow", Action: "eks:*", Resource: [arn.cluster, ...arn.clusterChildren] },
    {
      Sid: "EksReadOnly",
      Effect: "Allow",
      Action: ["eks:DescribeAddonVersions", "eks:DescribeAddonConfiguration", "eks:DescribeClusterVersions", "eks:ListAccessPolicies", "eks:ListClusters"],
      Resource: "*",
    },
    {
      // EKS issuers only; the ids are random, so the owner tag tells this cluster's provider apart.
      Sid: "CreateOwnedOidcProvider",
      Effect: "Allow",
      Action: "iam:CreateOpenIDConnectProvider",
      Resource: arn.oidcProviders,
      Condition: ownedAtCreation,
    },
    {
      // Tagging at creation, or a provider without any owner tag: one owned by another cluster
      // (even one whose name starts like this one's) cannot be claimed.
      Sid: "TagOidcProviderOnlyUnowned",
      Effect: "Allow",
      Action: "iam:TagOpenIDConnectProvider",
      Resource: arn.oidcProviders,
      Condition: { ...ownedAtCreation, Null: { [`aws:ResourceTag/${OWNER_TAG_KEY}`]: "true" } },
    },
    {
      Sid: "ManageOwnedOidcProvider",
      Effect: "Allow",
      Action: [
        "iam:GetOpenIDConnectProvider", "iam:DeleteOpenIDConnectProvider", "iam:TagOpenIDConnectProvider",
        "iam:UntagOpenIDConnectProvider", "iam:UpdateOpenIDConnectProviderThumbprint",
        "iam:AddClientIDToOpenIDConnectProvider", "iam:RemoveClientIDFromOpenIDConnectProvider",
        "iam:ListOpenIDConnectProviderTags",
      ],
      Resource: arn.oidcProviders,
      Condition: owned,
    },
    {
      Sid: "ServiceLinkedRoles",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: arn.serviceLinkedRoles,
      Condition: {
        StringEquals: {
          "iam:AWSServiceName": SERVICE_LINKED_ROLE_SERVICES.map((s) => servicePrincipal(s, region)),
        },
      },
    },
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
    // The key is created by the access stack (or brought): the admin role only lets EKS use it.
    // No kms:GrantIsForAWSResource condition: EKS's CreateCluster does not set it.
    { Sid: "LetEksUseClusterKey", Effect: "Allow", Action: ["kms:DescribeKey", "kms:CreateGrant", "kms:ListGrants"], Resource: secretsKeyArn },
    { Sid: "EksAmiParameters", Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters"], Resource: arn.eksAmiParameters },
  ];

  // Allow-list shaped (Allow NotAction) rather than a Deny, so the one IAM call cluster roles
  // make, creating the load balancing and Auto Scaling service-linked roles, can be let through.
  const boundary = policy(
    {
      Sid: "AnythingButIdentityOrAccountChanges",
      Effect: "Allow",
      NotAction: ["iam:*", "sts:AssumeRole", "organizations:*", "account:*", "sso:*", "identitystore:*"],
      Resource: "*",
    },
    {
      Sid: "ServiceLinkedRolesForLoadBalancing",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: arn.serviceLinkedRoles,
      Condition: { StringEquals: { "iam:AWSServiceName": ["elasticloadbalancing", "autoscaling"].map((s) => servicePrincipal(s, region)) } },
    },
  );

  return { parts: { iam: policy(...iam), compute: policy(...compute), cluster: policy(...clusterResources) }, boundary };
}
