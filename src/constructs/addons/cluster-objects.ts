/**
 * Cluster-wide Kubernetes objects: the default StorageClass (encrypted gp3 through the EBS CSI
 * driver), read-only access for configured groups (bound to the built-in `view` role), and the
 * `nginx` IngressClass that Traefik's ingress-nginx provider serves.
 */
import { Construct } from "constructs";
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { IngressClassV1 } from "@cdktf/provider-kubernetes/lib/ingress-class-v1";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";

export interface ClusterObjectsProps {
  /** Create the default StorageClass. */
  defaultStorageClass: boolean;
  /** Groups bound to `view` cluster-wide. */
  readOnlyGroups: string[];
  /**
   * Create the `nginx` IngressClass (controller k8s.io/ingress-nginx). Traefik's ingress-nginx
   * provider only serves Ingresses whose class exists with that controller, and a new cluster has
   * none. Default false.
   */
  ingressNginxClass?: boolean;
}

export class ClusterObjects extends Construct {
  constructor(scope: Construct, id: string, props: ClusterObjectsProps) {
    super(scope, id);
    if (props.defaultStorageClass) {
      new StorageClassV1(this, "gp3", {
        metadata: { name: "gp3-encrypted", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
        storageProvisioner: "ebs.csi.aws.com",
        parameters: { type: "gp3", encrypted: "true" },
        reclaimPolicy: "Delete",
        // Volumes are created in the zone the pod lands in, not before.
        volumeBindingMode: "WaitForFirstConsumer",
        allowVolumeExpansion: true,
      });
    }
    if (props.ingressNginxClass) {
      new IngressClassV1(this, "nginx", { metadata: { name: "nginx" }, spec: { controller: "k8s.io/ingress-nginx" } });
    }
    for (const group of props.readOnlyGroups) {
      new ClusterRoleBindingV1(this, `view-${group.replace(/[^a-z0-9-]/g, "-")}`, {
        metadata: { name: `read-only-${group.replace(/[^a-z0-9-.]/g, "-")}` },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
        subject: [{ kind: "Group", name: group, apiGroup: "rbac.authorization.k8s.io" }],
      });
    }
  }
}
