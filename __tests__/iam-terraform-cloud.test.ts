/**
 * Plans change nothing, and each HCP Terraform run reaches exactly its own role, evaluated with the
 * offline IAM evaluator (__tests__/iam/evaluate.ts) against the generated access stacks:
 * - the reader role (what the cluster and add-ons stacks' AWS providers assume while not applying)
 *   may make every read call of the cluster stack's must-allow table and none of its writes;
 * - the workspaces' plan-phase roles may make none of those writes either, and may assume the
 *   reader but not the admin role; the apply-phase roles may assume the admin role without MFA;
 * - the admin role trusts nothing else without MFA.
 * The web-identity trust of the run roles pins workspace and phase with `<hostname>:sub`; the
 * evaluator's service data has no such keys for a generic OIDC provider, so that trust is checked
 * structurally here and the test says so (and fails once the evaluator can check it, to switch over).
 */
import { describe, expect, it } from "vitest";
import type { PolicyDocument } from "../src/iam/policy-document";
import { workspaceName } from "../src/naming/state";
import { runSubject, TFC_AWS_AUDIENCE, type CloudState } from "../src/naming/terraform-cloud";
import { evaluate, type Caller, type Decision } from "./iam/evaluate";
import { iamWorld, type IamWorld, type RoleModel } from "./iam/iam-world";
import { MUST_ALLOW, type Call } from "./iam/must-allow";
import { targetsOf } from "./iam/targets";
import { referenceEnvironments, stackJson } from "./support/reference";

const ENVS = ["example", "staging", "production"];
const isRead = (action: string) => /^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]*$/.test(action);

async function world(envName: string): Promise<IamWorld> {
  const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
  return iamWorld(env, { access: stackJson(`${envName}-access`), cluster: stackJson(`${envName}-cluster`) });
}

function clusterCalls(w: IamWorld): Call[] {
  const cluster = stackJson(`${w.env.name}-cluster`);
  const t = targetsOf(w, cluster);
  const types = [...Object.keys(cluster.resource ?? {}), ...Object.keys(cluster.data ?? {}).map((d) => `data.${d}`)].filter((x) => x in MUST_ALLOW);
  return types.flatMap((type) => MUST_ALLOW[type](t));
}

async function decide(w: IamWorld, caller: Caller, call: Call): Promise<Decision | string> {
  return evaluate(w.env.account, {
    caller,
    action: call.action,
    resource: call.resource,
    ...(call.context ? { context: call.context } : {}),
    ...(call.keyPolicy ? { resourcePolicy: w.secretsKeyPolicy } : {}),
    ...(call.unchecked ? { unchecked: call.unchecked } : {}),
  }).catch((e: Error) => `error: ${e.message}`);
}

/** Every write of the cluster stack's must-allow table, as `role`: each must be denied. */
async function writesAllowedTo(w: IamWorld, role: RoleModel): Promise<string[]> {
  const allowed: string[] = [];
  const writes = clusterCalls(w).filter((c) => !isRead(c.action));
  expect(writes.length).toBeGreaterThan(50);
  for (const call of writes) {
    const d = await decide(w, { role, mfa: true }, call);
    if (d !== "ExplicitlyDenied" && d !== "ImplicitlyDenied") allowed.push(`${call.action} on ${call.resource}: ${d}`);
  }
  return allowed;
}

const roleOf = (w: IamWorld, address: string) => {
  const r = w.roles[address];
  if (!r) throw new Error(`${w.env.name}-access has no role ${address}`);
  return r;
};

describe.each(ENVS)("%s: a plan changes nothing", (envName) => {
  it("the reader role may make every read call the cluster stack's refresh makes", async () => {
    const w = await world(envName);
    const reader = roleOf(w, "reader_role");
    const denied: string[] = [];
    for (const call of clusterCalls(w).filter((c) => c.phase === "read")) {
      const d = await decide(w, { role: reader }, call);
      if (d !== "Allowed") denied.push(`${call.action} on ${call.resource}: ${d}`);
    }
    expect(denied).toEqual([]);
  });

  it("the reader role may make none of the cluster stack's writes", async () => {
    const w = await world(envName);
    expect(await writesAllowedTo(w, roleOf(w, "reader_role"))).toEqual([]);
  });

  it("the reader role cannot read data: drain messages, secrets, logs, parameters; nor act as another role", async () => {
    const w = await world(envName);
    const reader = { role: roleOf(w, "reader_role") };
    const { account: a, region: r } = w.env;
    const c = w.env.cluster.name;
    const cases = [
      { action: "sqs:ReceiveMessage", resource: `arn:aws:sqs:${r}:${a}:${c}-node-drain` },
      { action: "kms:Decrypt", resource: w.secretsKeyArn, resourcePolicy: w.secretsKeyPolicy },
      { action: "logs:GetLogEvents", resource: `arn:aws:logs:${r}:${a}:log-group:/aws/eks/${c}/cluster:log-stream:kube-apiserver-audit-0` },
      { action: "ssm:GetParameter", resource: `arn:aws:ssm:${r}:${a}:parameter/acme/database-password` },
      { action: "secretsmanager:GetSecretValue", resource: `arn:aws:secretsmanager:${r}:${a}:secret:acme-db-AbCdEf` },
      { action: "sts:AssumeRole", resource: w.admin.arn, resourcePolicy: w.admin.trust },
      { action: "iam:PassRole", resource: w.controlPlane.arn, context: { "iam:PassedToService": "eks.amazonaws.com" } },
      { action: "ec2:CreateTags", resource: `arn:aws:ec2:${r}:${a}:security-group/sg-0123456789abcdef0` },
    ];
    const allowed: string[] = [];
    for (const x of cases) {
      const d = await evaluate(a, { caller: reader, ...x }).catch((e: Error) => `error: ${e.message}`);
      if (d !== "ExplicitlyDenied" && d !== "ImplicitlyDenied") allowed.push(`${x.action}: ${d}`);
    }
    expect(allowed).toEqual([]);
  });
});

describe("production: HCP Terraform dynamic credentials", () => {
  const runRole = (w: IamWorld, stack: string, phase: string) => roleOf(w, `terraform_cloud_${stack}_${phase}_role`);
  const assume = async (w: IamWorld, caller: Caller, target: RoleModel) =>
    evaluate(w.env.account, { caller, action: "sts:AssumeRole", resource: target.arn, resourcePolicy: target.trust }).catch((e: Error) => `error: ${e.message}`);

  it("creates a plan and an apply role for the cluster and add-ons workspaces, and no others", async () => {
    const w = await world("production");
    const run = Object.keys(w.roles).filter((a) => a.startsWith("terraform_cloud_")).sort();
    expect(run).toEqual(["terraform_cloud_addons_apply_role", "terraform_cloud_addons_plan_role", "terraform_cloud_cluster_apply_role", "terraform_cloud_cluster_plan_role"]);
    // Environments without the cloud backend have none.
    for (const other of ["example", "staging"]) expect(Object.keys((await world(other)).roles).filter((a) => a.startsWith("terraform_cloud_"))).toEqual([]);
  });

  for (const stack of ["cluster", "addons"]) {
    it(`${stack}: the plan-phase role may make none of the cluster stack's writes`, async () => {
      const w = await world("production");
      expect(await writesAllowedTo(w, runRole(w, stack, "plan"))).toEqual([]);
    });

    it(`${stack}: the plan-phase role may assume the reader and not the admin role; the apply-phase role the admin role without MFA`, async () => {
      const w = await world("production");
      const reader = roleOf(w, "reader_role");
      expect(await assume(w, { role: runRole(w, stack, "plan") }, reader)).toBe("Allowed");
      expect(await assume(w, { role: runRole(w, stack, "plan") }, w.admin)).toMatch(/Denied$/);
      expect(await assume(w, { role: runRole(w, stack, "apply") }, w.admin)).toBe("Allowed");
      // A plan role cannot become an apply role (their trust admits web identities only).
      expect(await assume(w, { role: runRole(w, stack, "plan") }, runRole(w, stack, "apply"))).toMatch(/Denied$/);
    });
  }

  it("the admin role trusts nothing but the two apply roles without MFA", async () => {
    const w = await world("production");
    const withoutMfa = w.admin.trust.Statement.filter((s) => !JSON.stringify(s.Condition ?? {}).includes("aws:MultiFactorAuthPresent"));
    const principals = withoutMfa.flatMap((s) => [(s.Principal as { AWS: string | string[] }).AWS].flat());
    expect(principals.sort()).toEqual([runRole(w, "addons", "apply").arn, runRole(w, "cluster", "apply").arn].sort());
    // Evaluated: another role of the account, even one allowed every sts:AssumeRole, gets nowhere without MFA.
    const broad = { otherRole: { arn: `arn:aws:iam::${w.env.account}:role/platform-ci`, policies: [policyAllowing("sts:AssumeRole")] } };
    expect(await assume(w, broad, w.admin)).toMatch(/Denied$/);
    expect(await assume(w, broad, roleOf(w, "reader_role"))).toMatch(/Denied$/);
    // The role production used to trust, which nothing created, is trusted no more.
    const old = { otherRole: { arn: `arn:aws:iam::${w.env.account}:role/terraform-cloud-platform`, policies: [policyAllowing("sts:AssumeRole")] } };
    expect(await assume(w, old, w.admin)).toMatch(/Denied$/);
  });

  it("each run role's trust admits one workspace in one phase (structural: the evaluator cannot check <hostname>:sub)", async () => {
    const w = await world("production");
    const s = w.env.state as CloudState;
    const provider = `arn:aws:iam::${w.env.account}:oidc-provider/${s.hostname}`;
    for (const stack of ["cluster", "addons"]) {
      for (const phase of ["plan", "apply"] as const) {
        const trust = runRole(w, stack, phase).trust;
        expect(trust.Statement).toEqual([
          {
            Sid: phase === "plan" ? "TerraformCloudPlan" : "TerraformCloudApply",
            Effect: "Allow",
            Principal: { Federated: provider },
            Action: "sts:AssumeRoleWithWebIdentity",
            // StringEquals on the whole claim: no other workspace, project, organization or phase.
            Condition: {
              StringEquals: {
                [`${s.hostname}:aud`]: TFC_AWS_AUDIENCE,
                [`${s.hostname}:sub`]: `organization:acme:project:platform:workspace:production-${stack}:run_phase:${phase}`,
              },
            },
          },
        ]);
        expect(runSubject(s, workspaceName(s, `production-${stack}`), phase)).toBe(`organization:acme:project:platform:workspace:production-${stack}:run_phase:${phase}`);
      }
    }
    const rolesTrustingTheProvider = Object.entries(w.roles).filter(([, r]) => JSON.stringify(r.trust).includes("oidc-provider/"));
    expect(rolesTrustingTheProvider.map(([a]) => a).sort()).toEqual(Object.keys(w.roles).filter((a) => a.startsWith("terraform_cloud_")).sort());
  });

  it("says loudly that the evaluator ignores the OIDC claims (and fails once it stops ignoring them)", async () => {
    const w = await world("production");
    const s = w.env.state as CloudState;
    const target = runRole(w, "cluster", "apply");
    const attempt = await evaluate(w.env.account, {
      caller: { service: `arn:aws:iam::${w.env.account}:oidc-provider/${s.hostname}` },
      action: "sts:AssumeRoleWithWebIdentity",
      resource: target.arn,
      resourcePolicy: target.trust,
      context: { [`${s.hostname}:sub`]: runSubject(s, "production-cluster", "apply"), [`${s.hostname}:aud`]: TFC_AWS_AUDIENCE },
    }).catch((e: Error) => e.message);
    console.warn(
      `IAM evaluator: sts:AssumeRoleWithWebIdentity with ${s.hostname}:sub / :aud NOT evaluated: ${attempt}\n` +
        "  The run roles' web-identity trust is checked structurally instead (exact StringEquals on sub and aud).",
    );
    expect(attempt).toMatch(/ignored context keys app\.terraform\.io:sub, app\.terraform\.io:aud/);
  });
});

function policyAllowing(action: string): PolicyDocument {
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] };
}
