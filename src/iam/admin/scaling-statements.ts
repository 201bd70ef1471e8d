/**
 * The admin role's scaling part: Auto Scaling groups and load balancing, by the cluster's names
 * and owner tag, in its subnets; ownership tags written only by create calls.
 */
import { OWNER_TAG_KEY } from "../../naming/names";
import type { Statement } from "../policy-document";
import type { AdminScope } from "./scope";

export function adminScalingStatements(scope: AdminScope): Statement[] {
  const { arn, network, owned, ownedAtCreation, onlyMutableKeys, touchesProtectedKeys } = scope;
  return [
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
}
