/**
 * Access entries: the admin role gets cluster-admin explicitly, the plan reader a read-only group
 * and no policy, and each configured entry its policies, keyed by principal name so that adding
 * or reordering entries replaces none.
 */
import { describe, expect, it } from "vitest";
import { AccessEntries, type AccessEntriesProps } from "../../../src/constructs/cluster/access-entries";
import type { AccessEntry } from "../../../src/config/environment";
import { PLAN_READER_GROUP } from "../../../src/naming/terraform-cloud";
import { all, byId, synthConstruct } from "../synth-construct";

const developers: AccessEntry = { principalArn: "arn:aws:iam::123456789012:role/developers", kubernetesGroups: [], policies: [{ policy: "AmazonEKSEditPolicy", namespaces: ["apps"] }] };
const support: AccessEntry = { principalArn: "arn:aws:iam::123456789012:role/team/support", kubernetesGroups: ["acme:viewers"], policies: [] };
const props = (extra: Partial<AccessEntriesProps> = {}): AccessEntriesProps => ({
  region: "eu-west-1",
  clusterName: "team-a",
  adminRoleArn: "arn:aws:iam::123456789012:role/team-a-admin",
  entries: [developers, support],
  ...extra,
});
const synth = (p: AccessEntriesProps) => synthConstruct((scope) => new AccessEntries(scope, "access", p));

/** Entries by principal, with the policy ARNs and scopes associated with each. */
function grants(p: AccessEntriesProps) {
  const stack = synth(p);
  const entries = byId(stack, "aws_eks_access_entry");
  const associations = all(stack, "aws_eks_access_policy_association");
  return Object.fromEntries(
    Object.entries(entries).map(([id, e]) => [
      e.principal_arn as string,
      {
        id,
        groups: e.kubernetes_groups as string[] | undefined,
        policies: associations.filter((a) => a.principal_arn === `\${aws_eks_access_entry.${id}.principal_arn}`).map((a) => ({ arn: a.policy_arn, scope: a.access_scope })),
      },
    ]),
  );
}

describe("AccessEntries", () => {
  it("gives the admin role cluster-admin on the whole cluster, in the region's partition", () => {
    expect(grants(props())[props().adminRoleArn].policies).toEqual([{ arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", scope: { type: "cluster" } }]);
    const china = grants(props({ region: "cn-north-1", adminRoleArn: "arn:aws-cn:iam::123456789012:role/admin", entries: [] }));
    expect(china["arn:aws-cn:iam::123456789012:role/admin"].policies[0].arn).toBe("arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
  });

  it("maps the plan reader to the read-only group, with no access policy, only when there is one", () => {
    const reader = "arn:aws:iam::123456789012:role/team-a-plan";
    expect(grants(props({ readerRoleArn: reader }))[reader]).toMatchObject({ groups: [PLAN_READER_GROUP], policies: [] });
    expect(Object.keys(grants(props()))).not.toContain(reader);
  });

  it("gives each entry its groups and its policies, namespaced where asked", () => {
    const g = grants(props());
    expect(g[developers.principalArn]).toMatchObject({
      groups: undefined,
      policies: [{ arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy", scope: { type: "namespace", namespaces: ["apps"] } }],
    });
    expect(g[support.principalArn]).toMatchObject({ groups: ["acme:viewers"], policies: [] });
  });

  it("keys entries by principal name: reordering keeps every address, adding one changes no other", () => {
    const ids = (p: AccessEntriesProps) => Object.fromEntries(Object.entries(grants(p)).map(([arn, g]) => [arn, g.id]));
    const before = ids(props());
    expect(ids(props({ entries: [support, developers] }))).toEqual(before);
    const added = ids(props({ entries: [{ principalArn: "arn:aws:iam::123456789012:role/auditors", kubernetesGroups: ["acme:auditors"], policies: [] }, developers, support] }));
    expect(added).toMatchObject(before);
    expect(new Set(Object.values(added)).size).toBe(Object.keys(added).length);
  });
});
