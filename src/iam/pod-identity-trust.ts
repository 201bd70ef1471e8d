/**
 * Trust of a Pod Identity role: EKS Pod Identity may assume it for exactly one service account of
 * one cluster. EKS passes the cluster ARN, namespace and service account as session tags, so the
 * trust can be written (and the role created by the access stack) before the cluster exists.
 */
import type { ServiceAccountRef } from "../config/service-accounts";
import { policy, type PolicyDocument } from "./policy-document";
import { servicePrincipal } from "../naming/partitions";

export type { ServiceAccountRef } from "../config/service-accounts";

/**
 * Only the session tags pin the role: they are documented for Pod Identity trust, and EKS sets them
 * itself (a pod cannot choose them). aws:SourceArn is not documented for Pod Identity, so it is not
 * relied on.
 */
export function podIdentityTrust(clusterArn: string, region: string, sa: ServiceAccountRef): PolicyDocument {
  return policy({
    Sid: "OneServiceAccountOfThisCluster",
    Effect: "Allow",
    Principal: { Service: servicePrincipal("pods.eks", region) },
    Action: ["sts:AssumeRole", "sts:TagSession"],
    Condition: {
      StringEquals: {
        "aws:RequestTag/eks-cluster-arn": clusterArn,
        "aws:RequestTag/kubernetes-namespace": sa.namespace,
        "aws:RequestTag/kubernetes-service-account": sa.name,
      },
    },
  });
}
