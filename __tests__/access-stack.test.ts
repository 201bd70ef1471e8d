/**
 * The `<env>-access` stack's shape: which roles it owns at which addresses, what each role carries,
 * and the limits IAM sets on documents. What the policies allow and deny is evaluated, not read,
 * in __tests__/iam.test.ts; the one statement-level check here is the closed list of IAM actions
 * the admin role holds, because "no IAM write" is a property of the action list itself.
 */
import { adminRoleName } from "../src/naming/names";
import { describe, expect, it } from "vitest";
import { Testing } from "cdktf";
import { WORKLOAD_COMPONENTS } from "../src/naming/names";
import type { PolicyDocument } from "../src/iam/policy-document";
import { awsManagedPolicies } from "../src/iam/managed-policies";
import { workloadIdentities } from "../src/charts/workload-identities";
import { attachedPolicies, componentPolicyOf, documentOf, oneResource, referenceEnvironments, resources, stackJson, type StackJson } from "./support/reference";
import { synthVariant } from "./support/synth-variant";
import { validInput } from "./support/fixtures";

const ENVS = ["example", "staging", "production"];
const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const snake = (s: string) => s.replace(/[^A-Za-z0-9_]/g, "_");
const envNamed = async (name: string) => (await referenceEnvironments()).find((e) => e.name === name)!;

function adminPolicies(stack: StackJson): { name: string; doc: PolicyDocument }[] {
  return Object.values(resources<{ name: string; policy: string }>(stack, "aws_iam_policy"))
    .filter((p) => p.name.includes("-eks-admin-"))
    .map((p) => ({ name: p.name, doc: documentOf(stack, p.policy) }));
}

/** The IAM actions the admin role may hold: passing this cluster's roles, service-linked roles, and reads. */
const ADMIN_IAM_ACTIONS = ["iam:PassRole", "iam:CreateServiceLinkedRole", "iam:GetRole", "iam:ListAttachedRolePolicies", "iam:GetInstanceProfile"];

describe.each(ENVS)("%s-access", (envName) => {
  const access = () => stackJson(`${envName}-access`);

  it("trusts the account, with MFA for people", async () => {
    const env = await envNamed(envName);
    const role = resources<{ assume_role_policy: string; name: string; max_session_duration: number }>(access(), "aws_iam_role").eks_admin_role;
    expect(role.name).toBe(adminRoleName(env));
    expect(documentOf(access(), role.assume_role_policy).Statement[0]).toMatchObject({
      Principal: { AWS: `arn:aws:iam::${env.account}:root` },
      Action: "sts:AssumeRole",
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    });
    expect(role.max_session_duration).toBe(env.adminRole.maxSessionDurationSeconds);
  });

  it("owns every role of the cluster, each at an address derived from the environment alone", async () => {
    const env = await envNamed(envName);
    const expected = [
      "cluster_role",
      "eks_admin_role",
      ...env.workerPools.map((p) => `pool_${snake(p.name)}_node_role_role`),
      ...workloadIdentities(env).map((w) => `workload_${snake(w.component)}_role_role`),
      // Plans run as the reader; with the cloud backend, each remotely run workspace has a role per phase.
      "reader_role",
      ...(env.state.backend === "cloud" ? ["cluster", "addons"].flatMap((s) => [`terraform_cloud_${s}_plan_role`, `terraform_cloud_${s}_apply_role`]) : []),
      ...(env.ci.github ? ["github_plan_role", "github_apply_role"] : []),
    ];
    expect(Object.keys(resources(access(), "aws_iam_role")).sort()).toEqual(expected.sort());
    expect(Object.keys(resources(access(), "aws_iam_instance_profile")).sort()).toEqual(env.workerPools.map((p) => `pool_${snake(p.name)}_node_instance_profile`).sort());
    // The cluster stack creates no IAM at all.
    const cluster = stackJson(`${envName}-cluster`);
    for (const type of ["aws_iam_role", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_instance_profile", "aws_iam_openid_connect_provider"]) {
      expect(resources(cluster, type), type).toEqual({});
    }
  });

  it("creates the control plane's role with the EKS cluster policy and the key policy", async () => {
    const env = await envNamed(envName);
    const role = resources<{ name: string; path: string; assume_role_policy: string }>(access(), "aws_iam_role").cluster_role;
    expect(role).toMatchObject({ name: `${env.cluster.name}-cluster`, path: "/eks-admin/" });
    expect(documentOf(access(), role.assume_role_policy).Statement[0].Principal).toEqual({ Service: "eks.amazonaws.com" });
    expect(attachedPolicies(access(), "cluster_role").sort()).toEqual(
      ["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy", "${aws_iam_policy.component_policies_secrets_encryption.arn}"].sort(),
    );
    const cluster = stackJson(`${envName}-cluster`).resource!.aws_eks_cluster.cluster as { role_arn: string };
    expect(cluster.role_arn).toBe("${data.terraform_remote_state.access_stack.outputs.cluster_role_arn}");
  });

  it("gives nodes only the worker and ECR-pull policies (plus the pool's own and, with drainer.identity node, the drainer's)", async () => {
    const env = await envNamed(envName);
    const managed = awsManagedPolicies(env.region);
    for (const pool of env.workerPools) {
      const drainer = env.addons.nodeTerminationHandler.enabled && env.drainer.identity === "node" && pool.class === "system";
      expect(attachedPolicies(access(), `pool_${snake(pool.name)}_node_role_role`).sort(), pool.name).toEqual(
        [managed.workerNode, managed.ecrPull, ...pool.iamPolicyArns, ...(drainer ? ["${aws_iam_policy.component_policies_drainer.arn}"] : [])].sort(),
      );
    }
  });

  it("gives each workload role its own component policy and nothing else", async () => {
    const env = await envNamed(envName);
    for (const w of workloadIdentities(env)) {
      expect(WORKLOAD_COMPONENTS).toContain(w.component);
      expect(attachedPolicies(access(), `workload_${snake(w.component)}_role_role`), w.component).toEqual([`\${aws_iam_policy.component_policies_${snake(w.component)}.arn}`]);
    }
  });

  it("publishes the roles for the cluster stack, by pool and by component", async () => {
    const env = await envNamed(envName);
    const out = access().output!;
    expect(Object.keys(out.node_role_arns.value as object).sort()).toEqual(env.workerPools.map((p) => p.name).sort());
    expect(Object.keys(out.node_instance_profile_arns.value as object).sort()).toEqual(env.workerPools.map((p) => p.name).sort());
    expect(Object.keys(out.workload_role_arns.value as object).sort()).toEqual(workloadIdentities(env).map((w) => w.component).sort());
  });

  it("lets the group do nothing but assume the role (and the reader role, for plans)", () => {
    const groupPolicy = oneResource<{ policy: string }>(access(), "aws_iam_group_policy");
    expect(documentOf(access(), groupPolicy.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "AssumeEksAdmin", Effect: "Allow", Action: "sts:AssumeRole", Resource: "${aws_iam_role.eks_admin_role.arn}" },
        { Sid: "AssumeEksReader", Effect: "Allow", Action: "sts:AssumeRole", Resource: "${aws_iam_role.reader_role.arn}" },
      ],
    });
    expect(Object.keys(resources(access(), "aws_iam_group_policy_attachment"))).toEqual([]);
  });

  it("holds no IAM write action but PassRole and CreateServiceLinkedRole for named services", () => {
    const statements = adminPolicies(access()).flatMap((p) => p.doc.Statement);
    for (const s of statements.filter((x) => x.Effect === "Allow")) {
      expect(s.NotAction, `${s.Sid} uses NotAction`).toBeUndefined();
      const iam = asList(s.Action).filter((a) => a.startsWith("iam:") || a === "*");
      for (const a of iam) expect(ADMIN_IAM_ACTIONS, `${s.Sid}: ${a}`).toContain(a);
      if (iam.includes("iam:CreateServiceLinkedRole")) expect(s.Condition?.StringEquals?.["iam:AWSServiceName"], s.Sid).toBeDefined();
    }
    expect(resources(access(), "aws_iam_policy").admin_boundary).toBeUndefined();
  });

  it("uses Resource * only for reads or under a condition", () => {
    for (const s of adminPolicies(access()).flatMap((p) => p.doc.Statement).filter((x) => x.Effect === "Allow" && asList(x.Resource).includes("*"))) {
      const reads = asList(s.Action).every((a) => /:(Describe|List|Get)[A-Za-z]*\*?$/.test(a));
      expect(reads || s.Condition !== undefined, `${s.Sid} grants ${asList(s.Action).join(", ")} on *`).toBe(true);
    }
  });

  it("keeps each managed policy under IAM's 6,144-character limit", () => {
    // References are still unresolved here; an ARN is never longer than 2 KB, so measure with margin.
    for (const p of Object.values(resources<{ name: string; policy: string }>(access(), "aws_iam_policy"))) {
      expect(JSON.stringify(documentOf(access(), p.policy)).length, p.name).toBeLessThan(5800);
    }
  });

  it("carries default tags on its provider, pinned to the environment's account", async () => {
    const env = await envNamed(envName);
    const json = JSON.stringify(access());
    expect(Testing.toHaveProviderWithProperties(json, "aws", { allowed_account_ids: [env.account], region: env.region })).toBe(true);
    expect(Testing.toHaveProviderWithProperties(json, "aws", { allowed_account_ids: ["000000000000"] })).toBe(false);
    const tags = (access().provider!.aws[0].default_tags as { tags: Record<string, string> }[])[0].tags;
    expect(tags).toMatchObject({ Environment: envName, Stack: `${envName}-access`, ManagedBy: "eks-terraform-cdktf" });
  });

  it("outputs the role ARN, the group, the kubeconfig command and the secrets key", async () => {
    const env = await envNamed(envName);
    const out = access().output!;
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

it("with a key of your own: no secrets key created, the admin role and control plane get that key only, and the log group a logs key of the access stack", () => {
  const input = validInput();
  const byo = "arn:aws:kms:eu-west-1:123456789012:key/0f0e0d0c-1b2a-3c4d-5e6f-7a8b9c0d1e2f";
  input.cluster.secretsEncryption = { kmsKeyArn: byo };
  const { stacks, env } = synthVariant(input);
  expect(Object.keys(resources(stacks.access, "aws_kms_key"))).toEqual(["logs_key"]);
  expect(stacks.access.output!.secrets_key_arn).toBeUndefined();
  // CloudWatch Logs can only use a key whose policy admits it; a team's key rarely does, ours does.
  const logsKey = resources<{ policy: string; enable_key_rotation: boolean }>(stacks.access, "aws_kms_key").logs_key;
  expect(logsKey.enable_key_rotation).toBe(true);
  expect(documentOf(stacks.access, logsKey.policy).Statement.find((st) => st.Sid === "ClusterLogGroupOnly")).toMatchObject({
    Principal: { Service: `logs.${env.region}.amazonaws.com` },
    Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${env.region}:${env.account}:log-group:/aws/eks/${env.cluster.name}/cluster` } },
  });
  expect(stacks.access.output!.logs_key_arn.value).toBe("${aws_kms_key.logs_key.arn}");
  const logGroup = Object.values(resources<{ kms_key_id: string }>(stacks.cluster, "aws_cloudwatch_log_group"))[0];
  expect(logGroup.kms_key_id).toBe("${data.terraform_remote_state.access_stack.outputs.logs_key_arn}");
  const admin = adminPolicies(stacks.access).flatMap((p) => p.doc.Statement);
  const kms = admin.filter((st) => asList(st.Action).some((a) => a.startsWith("kms:")));
  expect(kms.length).toBeGreaterThan(0);
  for (const st of kms) expect(st.Resource).toBe(byo);
  expect(componentPolicyOf(stacks.access, env.account, "secrets-encryption").document.Statement[0].Resource).toBe(byo);
  const cluster = stacks.cluster.resource!.aws_eks_cluster.cluster as { encryption_config: { provider: { key_arn: string } } };
  expect(cluster.encryption_config.provider.key_arn).toBe(byo);
  expect(JSON.stringify(stacks.cluster)).not.toContain("secrets_key_arn");
});
