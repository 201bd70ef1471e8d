/** ARNs of one cluster's resources, known before anything exists (names are derived from config). */
import { ADMIN_IAM_PATH, clusterIamPath, DRAIN_RULE_KINDS, names } from "../config/names";
import { partitionOf } from "./policy-document";

export interface ClusterScope {
  account: string;
  region: string;
  cluster: string;
}

export function clusterArns({ account, region, cluster }: ClusterScope) {
  const p = partitionOf(region);
  const iam = (kind: string, pathAndName: string) => `arn:${p}:iam::${account}:${kind}${pathAndName}`;
  const iamPath = clusterIamPath(cluster);
  return {
    partition: p,
    cluster: `arn:${p}:eks:${region}:${account}:cluster/${cluster}`,
    /** Sub-resources EKS keys by cluster name: add-ons, access entries, pod identity associations. */
    clusterChildren: ["addon", "access-entry", "podidentityassociation"].map((k) => `arn:${p}:eks:${region}:${account}:${k}/${cluster}/*`),
    clusterRoles: iam("role", `${iamPath}*`),
    /** Where the admin role may create node roles (`<cluster>-node-<pool>`). */
    nodeRoles: iam("role", `${iamPath}${names.nodeRole(cluster, "*")}`),
    /** The IRSA role of one component. */
    irsaRole: (component: string) => iam("role", `${iamPath}${names.irsaRole(cluster, component)}`),
    /** The control plane's role, which the access stack creates. */
    controlPlaneRole: iam("role", `${ADMIN_IAM_PATH}${names.clusterRole(cluster)}`),
    clusterInstanceProfiles: iam("instance-profile", `${iamPath}*`),
    permissionsBoundary: iam("policy", `${ADMIN_IAM_PATH}${names.permissionsBoundary(cluster)}`),
    /** A policy of the access stack that one of the cluster's roles gets (see component-permissions.ts). */
    componentPolicy: (component: string) => iam("policy", `${ADMIN_IAM_PATH}${names.componentPolicy(cluster, component)}`),
    oidcProviders: `arn:${p}:iam::${account}:oidc-provider/oidc.eks.${region}.amazonaws.com/id/*`,
    serviceLinkedRoles: `arn:${p}:iam::${account}:role/aws-service-role/*`,
    drainQueue: `arn:${p}:sqs:${region}:${account}:${names.drainQueue(cluster)}`,
    drainDeadLetterQueue: `arn:${p}:sqs:${region}:${account}:${names.drainDeadLetterQueue(cluster)}`,
    drainRules: DRAIN_RULE_KINDS.map((k) => `arn:${p}:events:${region}:${account}:rule/${names.drainRule(cluster, k)}`),
    logGroup: `arn:${p}:logs:${region}:${account}:log-group:${names.logGroup(cluster)}`,
    eksAmiParameters: [
      `arn:${p}:ssm:${region}::parameter/aws/service/eks/optimized-ami/*`,
      `arn:${p}:ssm:${region}::parameter/aws/service/bottlerocket/*`,
    ],
    /** Every Auto Scaling Group of the account and region (ids are random; tags tell them apart). */
    autoScalingGroups: `arn:${p}:autoscaling:${region}:${account}:autoScalingGroup:*:autoScalingGroupName/*`,
    /** The names this cluster's groups get (`<cluster>-<pool>`): where it may create one. */
    clusterAutoScalingGroupNames: `arn:${p}:autoscaling:${region}:${account}:autoScalingGroup:*:autoScalingGroupName/${cluster}-*`,
    ec2: (type: string) => `arn:${p}:ec2:${region}:${account}:${type}/*`,
  };
}
