/**
 * What the reader role (plans) may see inside the cluster: the Helm and Kubernetes providers of a
 * plan authenticate as the reader (their token comes from the stack's AWS provider, which assumes
 * the reader while not applying), and refreshing the add-ons stack reads every object it manages.
 *
 * The cluster stack maps the reader to the group `PLAN_READER_GROUP` (an access entry with no access
 * policy); this binds the group to reads only: the cluster-scoped kinds the stack manages, and
 * Secrets only in the namespaces of its Helm releases, where Helm keeps its release records
 * (Helm cannot read a release without them). No write verb anywhere; no Secrets elsewhere.
 */
import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { PLAN_READER_GROUP } from "../../naming/terraform-cloud";

const READ = ["get", "list", "watch"];

export interface PlanReaderRbacProps {
  /** Namespace of each Helm release, with the releases it holds (the binding waits for them: Helm creates the namespace). */
  releaseNamespaces: Record<string, ITerraformDependable[]>;
}

export class PlanReaderRbac extends Construct {
  constructor(scope: Construct, id: string, props: PlanReaderRbacProps) {
    super(scope, id);
    const group = [{ kind: "Group", name: PLAN_READER_GROUP, apiGroup: "rbac.authorization.k8s.io" }];
    const objects = new ClusterRoleV1(this, "objects", {
      metadata: { name: "eks-terraform-plan-reader" },
      rule: [
        { apiGroups: [""], resources: ["namespaces"], verbs: READ },
        { apiGroups: ["storage.k8s.io"], resources: ["storageclasses"], verbs: READ },
        { apiGroups: ["networking.k8s.io"], resources: ["ingressclasses"], verbs: READ },
        { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles", "clusterrolebindings", "roles", "rolebindings"], verbs: READ },
      ],
    });
    new ClusterRoleBindingV1(this, "objects-binding", {
      metadata: { name: "eks-terraform-plan-reader" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: objects.metadata.name },
      subject: group,
    });
    const releases = new ClusterRoleV1(this, "helm-releases", {
      metadata: { name: "eks-terraform-plan-helm-releases" },
      rule: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }],
    });
    for (const [namespace, dependsOn] of Object.entries(props.releaseNamespaces)) {
      new RoleBindingV1(this, `helm-releases-${namespace}`, {
        metadata: { name: "eks-terraform-plan-helm-releases", namespace },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: releases.metadata.name },
        subject: group,
        dependsOn,
      });
    }
  }
}
