/**
 * The EKS managed add-ons the cluster stack installs: the environment's key for each and the
 * name EKS knows it by. The schema, the resolved environment and the construct all take their key
 * set from this one table.
 */
export const MANAGED_ADDON_NAMES = {
  vpcCni: "vpc-cni",
  kubeProxy: "kube-proxy",
  coredns: "coredns",
  podIdentityAgent: "eks-pod-identity-agent",
  ebsCsiDriver: "aws-ebs-csi-driver",
} as const;

export type ManagedAddonKey = keyof typeof MANAGED_ADDON_NAMES;
