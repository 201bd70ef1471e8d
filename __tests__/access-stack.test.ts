/**
 * The admin role is what everything else runs as, so its policy is checked statement by
 * statement: scoped to one cluster, no way to mint a stronger role, MFA for people.
 */
import { describe, expect, it } from "vitest";
import { Testing } from "cdktf";
import type { PolicyDocument, Statement } from "../src/iam/policy-document";
import { oneResource, referenceEnvironments, resources, stackJson } from "./support/reference";

const ENVS = ["example", "staging", "production"];
const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function adminPolicies(env: string): { name: string; doc: PolicyDocument; raw: string }[] {
  return Object.values(resources<{ name: string; policy: string; path: string }>(stackJson(`${env}-access`), "aws_iam_policy"))
    .filter((p) => !p.name.endsWith("-boundary"))
    .map((p) => ({ name: p.name, doc: JSON.parse(p.policy) as PolicyDocument, raw: p.policy }));
}
const statements = (env: string): Statement[] => adminPolicies(env).flatMap((p) => p.doc.Statement);

describe.each(ENVS)("%s-access", (envName) => {
  it("trusts the account, with MFA for people", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const role = oneResource<{ assume_role_policy: string; name: string; max_session_duration: number }>(stackJson(`${envName}-access`), "aws_iam_role");
    const trust = JSON.parse(role.assume_role_policy) as PolicyDocument;
    expect(role.name).toBe(env.access.roleName);
    expect(trust.Statement[0]).toMatchObject({
      Principal: { AWS: `arn:aws:iam::${env.account}:root` },
      Action: "sts:AssumeRole",
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    });
    expect(role.max_session_duration).toBe(env.access.maxSessionDurationSeconds);
  });

  it("is a pinned address, so no refactor can replace the role", () => {
    expect(Object.keys(resources(stackJson(`${envName}-access`), "aws_iam_role"))).toEqual(["eks_admin_role"]);
  });

  it("lets the group do nothing but assume the role", () => {
    const stack = stackJson(`${envName}-access`);
    const groupPolicy = oneResource<{ policy: string }>(stack, "aws_iam_group_policy");
    expect(JSON.parse(groupPolicy.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "AssumeEksAdmin", Effect: "Allow", Action: "sts:AssumeRole", Resource: "${aws_iam_role.eks_admin_role.arn}" }],
    });
    expect(Object.keys(resources(stack, "aws_iam_group_policy_attachment"))).toEqual([]);
  });

  it("scopes EKS to this cluster's ARN", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const eks = statements(envName).filter((s) => asList(s.Action).some((a) => a.startsWith("eks:")));
    const writes = eks.filter((s) => asList(s.Action).includes("eks:*"));
    expect(writes).toHaveLength(1);
    for (const r of asList(writes[0].Resource)) expect(r).toMatch(new RegExp(`^arn:aws:eks:${env.region}:${env.account}:[a-z-]+/${env.cluster.name}(/\\*)?$`));
  });

  it("passes only this cluster's roles, and only to EKS and EC2", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const pass = statements(envName).filter((s) => asList(s.Action).some((a) => a === "iam:PassRole" || a === "iam:*"));
    expect(pass).toHaveLength(1);
    expect(pass[0].Resource).toBe(`arn:aws:iam::${env.account}:role/eks/${env.cluster.name}/*`);
    expect(pass[0].Condition).toEqual({ StringEquals: { "iam:PassedToService": ["eks.amazonaws.com", "ec2.amazonaws.com"] } });
  });

  it("cannot create or empower a role beyond the boundary, nor touch roles of other clusters", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const boundary = `arn:aws:iam::${env.account}:policy/eks-admin/${env.cluster.name}-eks-boundary`;
    for (const s of statements(envName)) {
      const actions = asList(s.Action);
      if (actions.some((a) => ["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy"].includes(a))) {
        expect(s.Condition?.StringEquals?.["iam:PermissionsBoundary"], s.Sid).toBe(boundary);
      }
      if (actions.some((a) => a.startsWith("iam:") && !a.startsWith("iam:CreateServiceLinkedRole"))) {
        for (const r of asList(s.Resource)) expect(r, s.Sid).toMatch(new RegExp(`/eks/${env.cluster.name}/\\*$|oidc-provider/|^\\*$`));
      }
    }
    expect(statements(envName)).toContainEqual(expect.objectContaining({ Effect: "Deny", Action: "iam:DeleteRolePermissionsBoundary" }));
  });

  it("uses Resource * only for reads or under a condition", () => {
    for (const s of statements(envName).filter((s) => s.Effect === "Allow" && asList(s.Resource).includes("*"))) {
      const reads = asList(s.Action).every((a) => /:(Describe|List|Get)[A-Za-z]*\*?$/.test(a));
      expect(reads || s.Condition !== undefined, `${s.Sid} grants ${asList(s.Action).join(", ")} on *`).toBe(true);
    }
  });

  it("keeps each managed policy under IAM's 6,144-character limit", () => {
    for (const p of adminPolicies(envName)) expect(p.raw.replace(/\s/g, "").length, p.name).toBeLessThan(6144);
  });

  it("carries default tags on its provider, pinned to the environment's account", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const json = JSON.stringify(stackJson(`${envName}-access`));
    expect(Testing.toHaveProviderWithProperties(json, "aws", { allowed_account_ids: [env.account], region: env.region })).toBe(true);
    expect(Testing.toHaveProviderWithProperties(json, "aws", { allowed_account_ids: ["000000000000"] })).toBe(false);
    const tags = (stackJson(`${envName}-access`).provider!.aws[0].default_tags as { tags: Record<string, string> }[])[0].tags;
    expect(tags).toMatchObject({ Environment: envName, Stack: `${envName}-access`, ManagedBy: "eks-terraform-cdktf" });
  });

  it("outputs the role ARN, the group and the kubeconfig command", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const out = stackJson(`${envName}-access`).output!;
    expect(out.admin_role_arn.value).toBe("${aws_iam_role.eks_admin_role.arn}");
    expect(out.admin_group_name.value).toBe("${aws_iam_group.admin_group.name}");
    expect(out.kubeconfig_command.value).toBe(
      `aws eks update-kubeconfig --region ${env.region} --name ${env.cluster.name} --role-arn \${aws_iam_role.eks_admin_role.arn} --alias ${env.cluster.name}`,
    );
  });
});

it("adds configured members to the group without owning the whole membership", () => {
  const memberships = Object.values(resources<{ user: string; groups: string[] }>(stackJson("production-access"), "aws_iam_user_group_membership"));
  expect(memberships.map((m) => m.user).sort()).toEqual(["alice", "bob"]);
  expect(Object.keys(resources(stackJson("production-access"), "aws_iam_group_membership"))).toEqual([]);
});
