/**
 * The admin role is what everything else runs as, so its policy is checked statement by
 * statement: scoped to one cluster, no way to mint a stronger role, MFA for people.
 */
import { describe, expect, it } from "vitest";
import { Testing } from "cdktf";
import type { PolicyDocument, Statement } from "../src/iam/policy-document";
import { awsManagedPolicies } from "../src/iam/managed-policies";
import { attachedPolicies, componentPolicyOf, oneResource, referenceEnvironments, resources, stackJson } from "./support/reference";
import { synthVariant } from "./support/synth-variant";
import { validInput } from "./support/fixtures";

const ENVS = ["example", "staging", "production"];
const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function adminPolicies(env: string): { name: string; doc: PolicyDocument; raw: string }[] {
  return Object.values(resources<{ name: string; policy: string; path: string }>(stackJson(`${env}-access`), "aws_iam_policy"))
    .filter((p) => p.name.includes("-eks-admin-"))
    .map((p) => ({ name: p.name, doc: JSON.parse(p.policy) as PolicyDocument, raw: p.policy }));
}
const statements = (env: string): Statement[] => adminPolicies(env).flatMap((p) => p.doc.Statement);

describe.each(ENVS)("%s-access", (envName) => {
  it("trusts the account, with MFA for people", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const role = resources<{ assume_role_policy: string; name: string; max_session_duration: number }>(stackJson(`${envName}-access`), "aws_iam_role").eks_admin_role;
    const trust = JSON.parse(role.assume_role_policy) as PolicyDocument;
    expect(role.name).toBe(env.access.roleName);
    expect(trust.Statement[0]).toMatchObject({
      Principal: { AWS: `arn:aws:iam::${env.account}:root` },
      Action: "sts:AssumeRole",
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    });
    expect(role.max_session_duration).toBe(env.access.maxSessionDurationSeconds);
  });

  it("pins the admin role's and the control plane role's addresses, so no refactor can replace them", () => {
    expect(Object.keys(resources(stackJson(`${envName}-access`), "aws_iam_role")).sort()).toEqual(["cluster_role", "eks_admin_role"]);
  });

  it("creates the control plane's role itself, out of the admin role's reach, with the EKS cluster policy and the key policy", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const access = stackJson(`${envName}-access`);
    const role = resources<{ name: string; path: string; assume_role_policy: string }>(access, "aws_iam_role").cluster_role;
    expect(role).toMatchObject({ name: `${env.cluster.name}-cluster`, path: "/eks-admin/" });
    expect((JSON.parse(role.assume_role_policy) as PolicyDocument).Statement[0].Principal).toEqual({ Service: "eks.amazonaws.com" });
    expect(attachedPolicies(access, "cluster_role").sort()).toEqual(
      ["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy", "${aws_iam_policy.component_policies_secrets_encryption.arn}"].sort(),
    );
    expect(access.output!.cluster_role_arn.value).toBe("${aws_iam_role.cluster_role.arn}");
    const cluster = stackJson(`${envName}-cluster`).resource!.aws_eks_cluster.cluster as { role_arn: string };
    expect(cluster.role_arn).toBe("${data.terraform_remote_state.access_stack.outputs.cluster_role_arn}");
    // The admin role may pass it to EKS, and do nothing else with it.
    const onRole = statements(envName).filter((s) => asList(s.Resource).includes(`arn:aws:iam::${env.account}:role/eks-admin/${env.cluster.name}-cluster`));
    expect(onRole).toEqual([expect.objectContaining({ Action: "iam:PassRole", Condition: { StringEquals: { "iam:PassedToService": "eks.amazonaws.com" } } })]);
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

  it("passes only this cluster's control plane role to EKS and its node roles to EC2", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const pass = statements(envName).filter((s) => asList(s.Action).some((a) => a === "iam:PassRole" || a === "iam:*"));
    expect(pass.map((s) => [s.Resource, s.Condition])).toEqual([
      [`arn:aws:iam::${env.account}:role/eks-admin/${env.cluster.name}-cluster`, { StringEquals: { "iam:PassedToService": "eks.amazonaws.com" } }],
      [`arn:aws:iam::${env.account}:role/eks/${env.cluster.name}/${env.cluster.name}-node-*`, { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } }],
    ]);
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
        for (const r of asList(s.Resource)) {
          expect(r, s.Sid).toMatch(new RegExp(`:(role|instance-profile)/eks/${env.cluster.name}/|:role/eks-admin/${env.cluster.name}-cluster$|:oidc-provider/oidc\\.eks\\.|^\\*$`));
        }
      }
    }
    expect(statements(envName)).toContainEqual(expect.objectContaining({ Effect: "Deny", Action: "iam:DeleteRolePermissionsBoundary" }));
  });

  it("writes no policy content: each role it may create gets only its listed policies, never the EKS cluster policy", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const all = statements(envName).filter((s) => s.Effect === "Allow");
    const writesPolicies = /^iam:(PutRolePolicy|CreatePolicy|CreatePolicyVersion|SetDefaultPolicyVersion|PutUserPolicy|PutGroupPolicy|\*)$/;
    for (const s of all) expect(asList(s.Action).filter((a) => writesPolicies.test(a)), s.Sid).toEqual([]);

    const attach = all.filter((s) => asList(s.Action).includes("iam:AttachRolePolicy"));
    const listed = (s: Statement) => asList(s.Condition!.ArnEquals!["iam:PolicyARN"] as string[]);
    for (const s of attach) expect(s.Condition?.ArnLike, s.Sid).toBeUndefined();
    expect(attach.flatMap(listed)).not.toContain(awsManagedPolicies(env.region).clusterPolicy);
    const access = stackJson(`${envName}-access`);
    const componentArns = Object.values(resources<{ name: string; path: string }>(access, "aws_iam_policy"))
      .filter((p) => p.name.endsWith("-permissions") && !p.name.endsWith("-secrets-encryption-permissions"))
      .map((p) => `arn:aws:iam::${env.account}:policy${p.path}${p.name}`);
    for (const arn of componentArns) expect(attach.flatMap(listed), arn).toContain(arn);

    // Everything the cluster stack attaches is allowed for exactly that role: applying it needs nothing more.
    const cluster = stackJson(`${envName}-cluster`);
    const matches = (pattern: string, arn: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(arn);
    for (const [address, role] of Object.entries(resources<{ name: string; path: string }>(cluster, "aws_iam_role"))) {
      const roleArn = `arn:aws:iam::${env.account}:role${role.path}${role.name}`;
      const forRole = attach.filter((s) => asList(s.Resource).some((r) => matches(r, roleArn)));
      expect(forRole.length, `${roleArn} may be created with policies`).toBeGreaterThan(0);
      for (const arn of attachedPolicies(cluster, address)) expect(forRole.flatMap(listed), `${address} attaches ${arn}`).toContain(arn);
    }
    expect(resources(cluster, "aws_iam_role_policy")).toEqual({});
  });

  it("manages no KMS key: it only lets EKS use the cluster's", () => {
    const kms = statements(envName).filter((s) => asList(s.Action).some((a) => a.startsWith("kms:")));
    expect(kms.flatMap((s) => asList(s.Action)).sort()).toEqual(["kms:CreateGrant", "kms:DescribeKey", "kms:ListGrants"]);
    for (const s of kms) expect(s.Resource, s.Sid).toBe("${aws_kms_key.secrets_key.arn}");
  });

  it("writes the owner tag only while creating, so nothing of another owner can be claimed", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const tagWrites = ["ec2:CreateTags", "elasticloadbalancing:AddTags", "autoscaling:CreateOrUpdateTags", "iam:TagOpenIDConnectProvider"];
    const owned = (s: Statement) =>
      Object.entries(s.Condition ?? {}).some(([op, keys]) => op === "StringEquals" && Object.entries(keys).some(([k, v]) => /:ResourceTag\/eks-terraform\/cluster$/.test(k) && v === env.cluster.name));
    for (const s of statements(envName).filter((s) => s.Effect === "Allow" && asList(s.Action).some((a) => tagWrites.includes(a)))) {
      const onlyWhileCreating =
        s.Condition?.StringEquals?.["ec2:CreateAction"] !== undefined ||
        s.Condition?.StringEquals?.["elasticloadbalancing:CreateAction"] !== undefined ||
        s.Condition?.Null?.["aws:ResourceTag/eks-terraform/cluster"] === "true" ||
        asList(s.Resource).every((r) => r.endsWith(`autoScalingGroupName/${env.cluster.name}-*`));
      expect(owned(s) || onlyWhileCreating, `${s.Sid} lets ${asList(s.Action).join(", ")} write tags on resources it does not own`).toBe(true);
    }
  });

  it("changes rules only of its own security groups (a rule call always names its group)", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const ruleActions = ["ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"];
    const granting = (resource: string) => statements(envName).filter((s) => s.Effect === "Allow" && asList(s.Resource).includes(resource));
    const onRules = granting(`arn:aws:ec2:${env.region}:${env.account}:security-group-rule/*`);
    expect(onRules.flatMap((s) => asList(s.Action))).toEqual(expect.arrayContaining(ruleActions));
    const onGroups = granting(`arn:aws:ec2:${env.region}:${env.account}:security-group/*`).filter((s) => ruleActions.every((a) => asList(s.Action).includes(a)));
    expect(onGroups.map((s) => s.Condition)).toEqual([{ StringEquals: { "aws:ResourceTag/eks-terraform/cluster": env.cluster.name } }]);
  });

  it("bounds every role it creates: no IAM but service-linked roles for load balancing, no role hopping", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const boundary = oneResource<{ name: string; policy: string }>(stackJson(`${envName}-access`), "aws_iam_policy", (p) => p.name.endsWith("-eks-boundary"));
    const doc = JSON.parse(boundary.policy) as PolicyDocument;
    expect(doc.Statement[0]).toMatchObject({ Effect: "Allow", Resource: "*" });
    expect(asList(doc.Statement[0].NotAction)).toEqual(expect.arrayContaining(["iam:*", "sts:AssumeRole", "organizations:*"]));
    expect(doc.Statement.slice(1)).toEqual([
      {
        Sid: "ServiceLinkedRolesForLoadBalancing",
        Effect: "Allow",
        Action: "iam:CreateServiceLinkedRole",
        Resource: `arn:aws:iam::${env.account}:role/aws-service-role/*`,
        Condition: { StringEquals: { "iam:AWSServiceName": ["elasticloadbalancing.amazonaws.com", "autoscaling.amazonaws.com"] } },
      },
    ]);
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

  it("outputs the role ARN, the group, the kubeconfig command and the secrets key", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const out = stackJson(`${envName}-access`).output!;
    expect(out.admin_role_arn.value).toBe("${aws_iam_role.eks_admin_role.arn}");
    expect(out.admin_group_name.value).toBe("${aws_iam_group.admin_group.name}");
    expect(out.kubeconfig_command.value).toBe(
      `aws eks update-kubeconfig --region ${env.region} --name ${env.cluster.name} --role-arn \${aws_iam_role.eks_admin_role.arn} --alias ${env.cluster.name}`,
    );
    expect(out.secrets_key_arn.value).toBe("${aws_kms_key.secrets_key.arn}");
  });
});

it("adds configured members to the group without owning the whole membership", () => {
  const memberships = Object.values(resources<{ user: string; groups: string[] }>(stackJson("production-access"), "aws_iam_user_group_membership"));
  expect(memberships.map((m) => m.user).sort()).toEqual(["alice", "bob"]);
  expect(Object.keys(resources(stackJson("production-access"), "aws_iam_group_membership"))).toEqual([]);
});

it("with a key of your own: no key created, and the admin role and control plane get that key only", () => {
  const input = validInput();
  const byo = "arn:aws:kms:eu-west-1:123456789012:key/0f0e0d0c-1b2a-3c4d-5e6f-7a8b9c0d1e2f";
  input.cluster.secretsEncryption = { kmsKeyArn: byo };
  const { stacks, env } = synthVariant(input);
  expect(resources(stacks.access, "aws_kms_key")).toEqual({});
  expect(stacks.access.output!.secrets_key_arn).toBeUndefined();
  const admin = Object.values(resources<{ name: string; policy: string }>(stacks.access, "aws_iam_policy"))
    .filter((p) => p.name.includes("-eks-admin-"))
    .flatMap((p) => (JSON.parse(p.policy) as PolicyDocument).Statement);
  for (const st of admin.filter((st) => asList(st.Action).some((a) => a.startsWith("kms:")))) expect(st.Resource).toBe(byo);
  expect(componentPolicyOf(stacks.access, env.account, "secrets-encryption").document.Statement[0].Resource).toBe(byo);
  const cluster = stacks.cluster.resource!.aws_eks_cluster.cluster as { encryption_config: { provider: { key_arn: string } } };
  expect(cluster.encryption_config.provider.key_arn).toBe(byo);
  expect(JSON.stringify(stacks.cluster)).not.toContain("secrets_key_arn");
});
