/**
 * Plans run as the reader role (terraform.applying false): its AWS side is evaluated in
 * iam-terraform-cloud.test.ts; here its Kubernetes side, structurally: one access entry mapping it
 * to the plan-readers group, with no access policy, and RBAC for that group that reads only, with
 * Secrets readable only in the namespaces of the add-ons stack's Helm releases.
 */
import { describe, expect, it } from "vitest";
import { PLAN_READER_GROUP } from "../src/naming/terraform-cloud";
import { resources, stackJson } from "./support/reference";

const ENVS = ["example", "staging", "production"];
type Rule = { api_groups: string[]; resources: string[]; verbs: string[] };

describe.each(ENVS)("%s: what a plan may read in the cluster", (env) => {
  it("the cluster stack maps the reader role to the plan-readers group, with no access policy", () => {
    const cluster = stackJson(`${env}-cluster`);
    const entries = Object.values(resources<{ principal_arn: string; kubernetes_groups?: string[] }>(cluster, "aws_eks_access_entry"));
    const reader = entries.filter((e) => e.principal_arn === "${data.terraform_remote_state.access_stack.outputs.reader_role_arn}");
    expect(reader).toHaveLength(1);
    expect(reader[0].kubernetes_groups).toEqual([PLAN_READER_GROUP]);
    const policies = Object.values(resources<{ principal_arn: string }>(cluster, "aws_eks_access_policy_association"));
    expect(policies.filter((p) => p.principal_arn.includes("plan_reader"))).toEqual([]);
  });

  it("the add-ons stack grants the group reads only, and Secrets only where its Helm releases live", () => {
    const addons = stackJson(`${env}-addons`);
    const roles = resources<{ metadata: { name: string }; rule: Rule[] }>(addons, "kubernetes_cluster_role_v1");
    const bound = new Set<string>();
    for (const b of Object.values(resources<{ role_ref: { name: string }; subject: { name: string }[] }>(addons, "kubernetes_cluster_role_binding_v1"))) {
      if (b.subject.some((s) => s.name === PLAN_READER_GROUP)) bound.add(b.role_ref.name);
    }
    const namespaced = Object.values(resources<{ metadata: { namespace: string }; role_ref: { name: string }; subject: { name: string }[] }>(addons, "kubernetes_role_binding_v1")).filter((b) =>
      b.subject.some((s) => s.name === PLAN_READER_GROUP),
    );
    const rulesOf = (ref: string) => {
      const address = /^\$\{kubernetes_cluster_role_v1\.([A-Za-z0-9_]+)\.metadata\[0\]\.name\}$/.exec(ref)?.[1];
      if (!address || !roles[address]) throw new Error(`the plan-readers group is bound to ${ref}, not a ClusterRole of this stack`);
      return roles[address].rule;
    };
    const all = [...[...bound].flatMap(rulesOf), ...namespaced.flatMap((b) => rulesOf(b.role_ref.name))];
    expect(all.length).toBeGreaterThan(0);
    for (const r of all) expect(r.verbs.filter((v) => !["get", "list", "watch"].includes(v)), JSON.stringify(r)).toEqual([]);
    // Cluster-wide: no Secrets, no wildcards.
    for (const r of [...bound].flatMap(rulesOf)) {
      expect(r.resources).not.toContain("secrets");
      expect([...r.resources, ...r.api_groups, ...r.verbs]).not.toContain("*");
    }
    // Secrets: exactly the namespaces of the releases.
    const releaseNamespaces = new Set(Object.values(resources<{ namespace: string }>(addons, "helm_release")).map((r) => r.namespace));
    expect(new Set(namespaced.map((b) => b.metadata.namespace))).toEqual(releaseNamespaces);
  });
});
