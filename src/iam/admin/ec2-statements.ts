/**
 * The admin role's EC2 part: security groups, launch templates and instance launches, by the
 * cluster's owner tag and in its VPC; ownership tags written only by create calls.
 */
import type { Statement } from "../policy-document";
import type { AdminScope } from "./scope";

/** EC2 create calls whose resources are tagged at creation (the values of `ec2:CreateAction`). */
const EC2_TAGGED_CREATE_ACTIONS = ["CreateSecurityGroup", "CreateLaunchTemplate", "CreateLaunchTemplateVersion", "RunInstances"];

export function adminEc2Statements(scope: AdminScope): Statement[] {
  const { env, arn, vpcArn, inVpc, owned, ownedAtCreation, onlyMutableKeys, touchesProtectedKeys } = scope;
  const poolGroups = [...new Set(env.workerPools.flatMap((p) => p.securityGroupIds))].map((id) => arn.ec2("security-group", id));

  const ruleActions = [
    "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress",
    "ec2:RevokeSecurityGroupEgress", "ec2:ModifySecurityGroupRules", "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
    "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
  ];
  return [
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
}
