/**
 * Kubernetes service accounts that assume IAM roles. The cluster stack names them in the roles'
 * trust policies and the add-ons stack in the charts' values: one definition keeps them equal.
 */
import type { ServiceAccountRef } from "../iam/irsa-trust";

export const SERVICE_ACCOUNTS = {
  drainer: { namespace: "kube-system", name: "aws-node-termination-handler" },
  clusterAutoscaler: { namespace: "kube-system", name: "cluster-autoscaler" },
  externalDns: { namespace: "external-dns", name: "external-dns" },
  certManager: { namespace: "cert-manager", name: "cert-manager" },
  ebsCsiDriver: { namespace: "kube-system", name: "ebs-csi-controller-sa" },
} as const satisfies Record<string, ServiceAccountRef>;
