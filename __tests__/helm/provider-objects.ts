/**
 * The Kubernetes objects the hashicorp/kubernetes provider would send for the add-ons stack's
 * kubernetes_* resources, so they can be checked like the charts' objects. Each resource type has
 * an explicit field mapping (the provider's attribute names are not always the API's:
 * `storage_provisioner` is `provisioner`); an attribute or resource type without one fails
 * instead of being left out.
 */
import type { StackJson } from "../support/reference";
import type { KubeObject } from "./render";

type Config = Record<string, unknown>;

/** Terraform JSON writes a nested block as an object or a one-element list. */
const block = (v: unknown): Config | undefined => (Array.isArray(v) ? (v[0] as Config | undefined) : (v as Config | undefined));

/** Copies mapped attributes, failing on any attribute the mapping does not name. */
function mapped(where: string, config: Config | undefined, fields: Record<string, string | ((v: unknown) => [string, unknown])>): Config {
  const out: Config = {};
  for (const [key, value] of Object.entries(config ?? {})) {
    if (["//", "provider", "depends_on", "lifecycle", "count", "for_each", "wait_for_default_service_account"].includes(key)) continue;
    const to = fields[key];
    if (to === undefined) throw new Error(`${where}: attribute ${key} has no Kubernetes field mapping in __tests__/helm/provider-objects.ts; add one`);
    const [name, v] = typeof to === "string" ? [to, value] : to(value);
    out[name] = v;
  }
  return out;
}

const metadata = (where: string, v: unknown) =>
  mapped(`${where}.metadata`, block(v), { name: "name", namespace: "namespace", labels: "labels", annotations: "annotations", generate_name: "generateName" });

/** A (Cluster)RoleBinding: its role reference and subjects. */
const roleBinding = (kind: "RoleBinding" | "ClusterRoleBinding", where: string, c: Config) =>
  ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind,
    ...mapped(where, c, {
      metadata: (v) => ["metadata", metadata(where, v)],
      role_ref: (v) => ["roleRef", mapped(`${where}.role_ref`, block(v), { api_group: "apiGroup", kind: "kind", name: "name" })],
      subject: (v) => [
        "subjects",
        (v as Config[]).map((s, i) => mapped(`${where}.subject[${i}]`, s, { api_group: "apiGroup", kind: "kind", name: "name", namespace: "namespace" })),
      ],
    }),
  }) as KubeObject;

/** `rule` blocks of a (Cluster)Role, as PolicyRules. */
const policyRules = (where: string, v: unknown) =>
  (v as Config[]).map((r, i) =>
    mapped(`${where}.rule[${i}]`, r, { api_groups: "apiGroups", resources: "resources", resource_names: "resourceNames", verbs: "verbs", non_resource_urls: "nonResourceURLs" }),
  );

const CONVERSIONS: Record<string, (where: string, c: Config) => KubeObject> = {
  kubernetes_storage_class_v1: (where, c) =>
    ({
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      ...mapped(where, c, {
        metadata: (v) => ["metadata", metadata(where, v)],
        storage_provisioner: "provisioner",
        parameters: "parameters",
        reclaim_policy: "reclaimPolicy",
        volume_binding_mode: "volumeBindingMode",
        allow_volume_expansion: "allowVolumeExpansion",
        mount_options: "mountOptions",
      }),
    }) as KubeObject,
  kubernetes_cluster_role_binding_v1: (where, c) => roleBinding("ClusterRoleBinding", where, c),
  kubernetes_cluster_role_v1: (where, c) =>
    ({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      ...mapped(where, c, { metadata: (v) => ["metadata", metadata(where, v)], rule: (v) => ["rules", policyRules(where, v)] }),
    }) as KubeObject,
  kubernetes_role_v1: (where, c) =>
    ({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      ...mapped(where, c, { metadata: (v) => ["metadata", metadata(where, v)], rule: (v) => ["rules", policyRules(where, v)] }),
    }) as KubeObject,
  kubernetes_role_binding_v1: (where, c) => roleBinding("RoleBinding", where, c),
  kubernetes_ingress_class_v1: (where, c) =>
    ({
      apiVersion: "networking.k8s.io/v1",
      kind: "IngressClass",
      ...mapped(where, c, {
        metadata: (v) => ["metadata", metadata(where, v)],
        spec: (v) => ["spec", mapped(`${where}.spec`, block(v), { controller: "controller" })],
      }),
    }) as KubeObject,
};

/** Every kubernetes_* resource of the stack as the object the provider would create. */
export function providerObjects(stackName: string, stack: StackJson): { address: string; object: KubeObject }[] {
  const out: { address: string; object: KubeObject }[] = [];
  for (const [type, resources] of Object.entries(stack.resource ?? {})) {
    if (!type.startsWith("kubernetes_")) continue;
    const convert = CONVERSIONS[type];
    if (!convert) throw new Error(`${stackName}: ${type} has no conversion to a Kubernetes object in __tests__/helm/provider-objects.ts; add one`);
    for (const [name, config] of Object.entries(resources)) {
      const address = `${type}.${name}`;
      out.push({ address, object: convert(`${stackName}: ${address}`, config) });
    }
  }
  return out;
}
