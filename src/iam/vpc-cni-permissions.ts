/**
 * What the VPC CNI (`aws-node`, through its Pod Identity role) may do: manage network interfaces of
 * this cluster's nodes only. AWS's AmazonEKS_CNI_Policy allows the same actions on every interface
 * of the account; here an interface must carry the cluster's owner tag, which the nodes' launch
 * template puts on primary interfaces and the CNI on the ones it creates (ADDITIONAL_ENI_TAGS, set
 * by the cluster stack), and only into the cluster's VPC.
 */
import { OWNER_TAG_KEY } from "../naming/names";
import type { ClusterArns } from "../naming/arns";
import { policy, type PolicyDocument } from "./policy-document";

export interface VpcCniScope {
  cluster: string;
  arns: ClusterArns;
  vpcId: string;
}

export function vpcCniPermissions({ cluster, arns, vpcId }: VpcCniScope): PolicyDocument {
  const owned = { StringEquals: { [`aws:ResourceTag/${OWNER_TAG_KEY}`]: cluster } };
  const inVpc = { ArnEquals: { "ec2:Vpc": arns.ec2("vpc", vpcId) } };
  return policy(
    {
      Sid: "Describe",
      Effect: "Allow",
      Action: ["ec2:DescribeInstances", "ec2:DescribeInstanceTypes", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DescribeTags"],
      Resource: "*",
    },
    {
      Sid: "CreateOwnedInterfaces",
      Effect: "Allow",
      Action: "ec2:CreateNetworkInterface",
      Resource: arns.ec2("network-interface"),
      Condition: { StringEquals: { [`aws:RequestTag/${OWNER_TAG_KEY}`]: cluster } },
    },
    { Sid: "InterfacesInClusterVpc", Effect: "Allow", Action: "ec2:CreateNetworkInterface", Resource: [arns.ec2("subnet"), arns.ec2("security-group")], Condition: inVpc },
    {
      Sid: "TagInterfacesWhileCreating",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: arns.ec2("network-interface"),
      Condition: { StringEquals: { "ec2:CreateAction": "CreateNetworkInterface" } },
    },
    {
      // The CNI adds its bookkeeping tags to interfaces it manages that lack them.
      Sid: "BookkeepingTagsOnOwnedInterfaces",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: arns.ec2("network-interface"),
      Condition: { ...owned, "ForAllValues:StringLike": { "aws:TagKeys": ["node.k8s.amazonaws.com/*", "cluster.k8s.amazonaws.com/*"] } },
    },
    {
      Sid: "OwnedInterfacesOnly",
      Effect: "Allow",
      Action: [
        "ec2:AttachNetworkInterface", "ec2:DetachNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:ModifyNetworkInterfaceAttribute",
        "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
      ],
      Resource: arns.ec2("network-interface"),
      Condition: owned,
    },
    { Sid: "OwnedInstancesOnly", Effect: "Allow", Action: "ec2:AttachNetworkInterface", Resource: arns.ec2("instance"), Condition: owned },
    { Sid: "GroupsInClusterVpc", Effect: "Allow", Action: "ec2:ModifyNetworkInterfaceAttribute", Resource: arns.ec2("security-group"), Condition: inVpc },
  );
}
