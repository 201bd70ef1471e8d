/**
 * What every part of the admin role's permissions is scoped by, built once: this cluster's ARNs,
 * its network, and the condition blocks that say "owned by this cluster" and "only tags anyone may
 * change". Pure: environment in, scope out.
 */
import type { Environment } from "../../config/environment";
import { type ClusterArns, clusterArns } from "../../naming/arns";
import { OWNER_TAG_KEY } from "../../naming/names";
import { mutableTagKeys, protectedTagKeys } from "../tag-keys";

/** The network the cluster stack builds in. Values may be references to another stack's outputs. */
export interface ClusterNetworkRefs {
  vpcId: string;
  /** Every subnet a pool may use: the cluster's private subnets and each pool's own. May be a list reference. */
  nodeSubnetIds: string[];
}

export interface AdminScope {
  env: Environment;
  /** The cluster's name. */
  cluster: string;
  region: string;
  arn: ClusterArns;
  network: ClusterNetworkRefs;
  /** The cluster's VPC, as EC2 names it in `ec2:Vpc`. */
  vpcArn: string;
  /** The call's resource is in the cluster's VPC. */
  inVpc: { ArnEquals: { "ec2:Vpc": string } };
  /** The resource already carries this cluster's owner tag. */
  owned: { StringEquals: Record<string, string> };
  /** The create call tags the new resource with this cluster's owner tag. */
  ownedAtCreation: { StringEquals: Record<string, string> };
  /** Every tag key the call writes or removes is one the environment may change. */
  onlyMutableKeys: { "ForAllValues:StringLike": { "aws:TagKeys": string[] } };
  /** The call writes or removes an ownership or discovery tag. */
  touchesProtectedKeys: { "ForAnyValue:StringLike": { "aws:TagKeys": string[] } };
}

export function adminScope(env: Environment, network: ClusterNetworkRefs): AdminScope {
  const { account, region } = env;
  const cluster = env.cluster.name;
  const arn = clusterArns({ account, region, cluster });
  const vpcArn = arn.ec2("vpc", network.vpcId);
  return {
    env,
    cluster,
    region,
    arn,
    network,
    vpcArn,
    inVpc: { ArnEquals: { "ec2:Vpc": vpcArn } },
    owned: { StringEquals: { [`aws:ResourceTag/${OWNER_TAG_KEY}`]: cluster } },
    ownedAtCreation: { StringEquals: { [`aws:RequestTag/${OWNER_TAG_KEY}`]: cluster } },
    onlyMutableKeys: { "ForAllValues:StringLike": { "aws:TagKeys": mutableTagKeys(env) } },
    touchesProtectedKeys: { "ForAnyValue:StringLike": { "aws:TagKeys": protectedTagKeys(cluster) } },
  };
}
