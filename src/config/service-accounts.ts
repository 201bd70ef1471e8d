/**
 * Kubernetes service accounts that get IAM roles through EKS Pod Identity. The access stack names
 * them in the roles' trust, the cluster stack in the Pod Identity associations, and the add-ons
 * stack in the charts' values: one definition keeps them equal.
 */

/** A Kubernetes service account, by namespace and name. */
export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

export const SERVICE_ACCOUNTS = {
  drainer: { namespace: "kube-system", name: "aws-node-termination-handler" },
  clusterAutoscaler: { namespace: "kube-system", name: "cluster-autoscaler" },
  externalDns: { namespace: "external-dns", name: "external-dns" },
  certManager: { namespace: "cert-manager", name: "cert-manager" },
  ebsCsiDriver: { namespace: "kube-system", name: "ebs-csi-controller-sa" },
  vpcCni: { namespace: "kube-system", name: "aws-node" },
} as const satisfies Record<string, ServiceAccountRef>;
