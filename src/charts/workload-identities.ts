/**
 * Every in-cluster workload of an environment that calls AWS, with the Pod Identity role it gets:
 * the Helm add-ons that declare one (drainer, cluster-autoscaler, external-dns, cert-manager) and
 * the EKS managed add-ons that need one (the VPC CNI always, the EBS CSI controller with the
 * default StorageClass). The access stack creates each role and its policy, the cluster stack binds
 * it to its service account, and each service account is named once (config/service-accounts.ts).
 */
import type { Environment } from "../config/environment";
import type { WorkloadComponent } from "../naming/names";
import { SERVICE_ACCOUNTS } from "../config/service-accounts";
import { clusterArns, type ClusterArns } from "../naming/arns";
import { ebsCsiPermissions } from "../iam/ebs-csi-permissions";
import type { ServiceAccountRef } from "../iam/pod-identity-trust";
import type { PolicyDocument } from "../iam/policy-document";
import { vpcCniPermissions } from "../iam/vpc-cni-permissions";
import { HELM_ADDONS } from "./catalog";

/** EKS managed add-ons whose role is bound through the add-on's own pod_identity_association. */
export type RoleBindingAddon = "vpcCni" | "ebsCsiDriver";

export interface WorkloadIdentity {
  component: WorkloadComponent;
  description: string;
  serviceAccount: ServiceAccountRef;
  /** The role's permissions; `vpcId` may be a reference to the network's state. */
  permissions: (scope: { vpcId: string }) => PolicyDocument;
  /** Set for a managed add-on, which binds the role itself; otherwise a Pod Identity association does. */
  managedAddon?: RoleBindingAddon;
}

export function workloadIdentities(env: Environment): WorkloadIdentity[] {
  const cluster = env.cluster.name;
  const arns: ClusterArns = clusterArns({ account: env.account, region: env.region, cluster });
  const list: WorkloadIdentity[] = [
    {
      component: "vpc-cni",
      description: `VPC CNI (aws-node) of ${cluster}: network interfaces of its nodes`,
      serviceAccount: SERVICE_ACCOUNTS.vpcCni,
      permissions: ({ vpcId }) => vpcCniPermissions({ cluster, arns, vpcId }),
      managedAddon: "vpcCni",
    },
  ];
  if (env.addons.clusterObjects.defaultStorageClass) {
    list.push({
      component: "ebs-csi-driver",
      description: `EBS CSI controller of ${cluster}: volumes and snapshots of this cluster`,
      serviceAccount: SERVICE_ACCOUNTS.ebsCsiDriver,
      permissions: () => ebsCsiPermissions({ cluster, arns }),
      managedAddon: "ebsCsiDriver",
    });
  }
  for (const addon of HELM_ADDONS) {
    const iam = addon.iam?.(env);
    if (!iam) continue;
    list.push({
      component: iam.component,
      description: `${addon.release} in ${cluster}`,
      serviceAccount: iam.serviceAccount,
      permissions: () => iam.permissions(env, arns),
    });
  }
  return list;
}
