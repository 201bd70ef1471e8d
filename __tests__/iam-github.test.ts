/**
 * GitHub Actions' roles (staging, ci.github), evaluated: which GitHub OIDC tokens may assume the
 * plan and apply roles, that nothing else reaches the apply role or the admin role, that the plan
 * role changes nothing, and that the apply role's only power is the admin role and the state.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { evaluate, type Caller, type Decision } from "./iam/evaluate";
import { iamWorld, type IamWorld, type RoleModel } from "./iam/iam-world";
import { referenceEnvironments, stackJson } from "./support/reference";

const REPO = "acme/platform-eks";
const ACCOUNT = "123456789012";
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const AUD = "sts.amazonaws.com";

let w: IamWorld;
let plan: RoleModel;
let apply: RoleModel;

beforeAll(async () => {
  const env = (await referenceEnvironments()).find((e) => e.name === "staging")!;
  w = iamWorld(env, { access: stackJson("staging-access"), cluster: stackJson("staging-cluster") });
  plan = w.roles.github_plan_role;
  apply = w.roles.github_apply_role;
});

const token = (sub: string, aud = AUD, providerArn = PROVIDER): Caller => ({
  webIdentity: { providerArn, claims: { "token.actions.githubusercontent.com:sub": sub, "token.actions.githubusercontent.com:aud": aud } },
});
const assume = (caller: Caller, role: RoleModel): Promise<Decision> =>
  evaluate(ACCOUNT, { caller, action: "sts:AssumeRoleWithWebIdentity", resource: role.arn, resourcePolicy: role.trust });
const allowed = (d: Decision) => d === "Allowed";

describe("staging: who may assume GitHub Actions' roles with a GitHub OIDC token", () => {
  it("exists with the trust the environment asks for", () => {
    expect(plan.arn).toBe(`arn:aws:iam::${ACCOUNT}:role/eks-admin/acme-staging-github-plan`);
    expect(apply.arn).toBe(`arn:aws:iam::${ACCOUNT}:role/eks-admin/acme-staging-github-apply`);
  });

  // [sub, aud, plan role?, apply role?]
  const cases: [string, string, string, boolean, boolean][] = [
    ["a pull request of the repository", `repo:${REPO}:pull_request`, AUD, true, false],
    ["a push to main", `repo:${REPO}:ref:refs/heads/main`, AUD, true, true],
    ["a job in the protected environment", `repo:${REPO}:environment:staging`, AUD, false, true],
    ["another branch of the repository", `repo:${REPO}:ref:refs/heads/feature`, AUD, false, false],
    ["a branch whose name starts like main", `repo:${REPO}:ref:refs/heads/main-hotfix`, AUD, false, false],
    ["a tag", `repo:${REPO}:ref:refs/tags/v1.0.0`, AUD, false, false],
    ["another environment of the repository", `repo:${REPO}:environment:production`, AUD, false, false],
    ["a fork's pull request workflow", "repo:mallory/platform-eks:pull_request", AUD, false, false],
    ["a fork's main branch", "repo:mallory/platform-eks:ref:refs/heads/main", AUD, false, false],
    ["a fork's environment of the same name", "repo:mallory/platform-eks:environment:staging", AUD, false, false],
    ["another repository of the organization", "repo:acme/other:ref:refs/heads/main", AUD, false, false],
    ["a repository whose name starts like this one", `repo:${REPO}-evil:ref:refs/heads/main`, AUD, false, false],
    ["the right subject for another audience", `repo:${REPO}:ref:refs/heads/main`, "https://github.com/acme", false, false],
  ];

  it.each(cases)("%s: plan role %#", async (_what, sub, aud, planOk) => {
    expect(allowed(await assume(token(sub, aud), plan))).toBe(planOk);
  });

  it.each(cases)("%s: apply role %#", async (_what, sub, aud, _planOk, applyOk) => {
    expect(allowed(await assume(token(sub, aud), apply))).toBe(applyOk);
  });

  it("refuses the right subject from another OIDC provider (Terraform Cloud's)", async () => {
    expect(await assume(token(`repo:${REPO}:environment:staging`, AUD, `arn:aws:iam::${ACCOUNT}:oidc-provider/app.terraform.io`), apply)).not.toBe("Allowed");
  });

  it("lets no GitHub token assume the admin role directly", async () => {
    for (const [, sub, aud] of cases) expect(await assume(token(sub, aud), w.admin), sub).not.toBe("Allowed");
  });
});

describe("staging: the admin role trusts the apply role without MFA, and nothing else of CI", () => {
  const assumeAdmin = (caller: Caller) => evaluate(ACCOUNT, { caller, action: "sts:AssumeRole", resource: w.admin.arn, resourcePolicy: w.admin.trust });

  it("admits the apply role without MFA", async () => {
    expect(await assumeAdmin({ role: apply })).toBe("Allowed");
  });

  it("refuses the plan role, with and without MFA", async () => {
    expect(await assumeAdmin({ role: plan })).not.toBe("Allowed");
    expect(await assumeAdmin({ role: plan, mfa: true })).not.toBe("Allowed");
  });

  it("refuses the plan role the apply role", async () => {
    expect(await evaluate(ACCOUNT, { caller: { role: plan }, action: "sts:AssumeRole", resource: apply.arn, resourcePolicy: apply.trust })).not.toBe("Allowed");
  });
});

const STATE = "arn:aws:s3:::acme-terraform-state/platform/eks/staging/staging-cluster.tfstate";
const LOCK = `${STATE}.tflock`;
const CLUSTER = `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/acme-staging`;

/** Writes (and secret reads) across every service the stacks use; no CI role may do any of them itself. */
function writes(world: IamWorld): [string, string][] {
  const r = `arn:aws:iam::${ACCOUNT}:role`;
  return [
    ["eks:CreateCluster", "*"],
    ["eks:DeleteCluster", CLUSTER],
    ["eks:UpdateClusterConfig", CLUSTER],
    ["eks:CreateAccessEntry", CLUSTER],
    ["ec2:RunInstances", `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0123456789abcdef0`],
    ["ec2:TerminateInstances", `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0123456789abcdef0`],
    ["ec2:AuthorizeSecurityGroupIngress", `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-0123456789abcdef0`],
    ["ec2:CreateLaunchTemplateVersion", `arn:aws:ec2:eu-west-1:${ACCOUNT}:launch-template/lt-0123456789abcdef0`],
    ["autoscaling:UpdateAutoScalingGroup", `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/acme-staging-general`],
    ["iam:CreateRole", `${r}/anything`],
    ["iam:UpdateAssumeRolePolicy", world.admin.arn],
    ["iam:AttachRolePolicy", world.roles.github_apply_role.arn],
    ["iam:PutRolePolicy", world.roles.github_plan_role.arn],
    ["iam:PassRole", world.admin.arn],
    ["iam:CreateOpenIDConnectProvider", `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`],
    ["kms:ScheduleKeyDeletion", world.secretsKeyArn],
    ["kms:PutKeyPolicy", world.secretsKeyArn],
    ["kms:Decrypt", world.secretsKeyArn],
    ["sqs:DeleteQueue", `arn:aws:sqs:eu-west-1:${ACCOUNT}:acme-staging-node-drain`],
    ["sqs:SendMessage", `arn:aws:sqs:eu-west-1:${ACCOUNT}:acme-staging-node-drain`],
    ["events:PutRule", `arn:aws:events:eu-west-1:${ACCOUNT}:rule/acme-staging-drain-spot-interruption`],
    ["logs:DeleteLogGroup", `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/eks/acme-staging/cluster`],
    ["logs:GetLogEvents", `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/eks/acme-staging/cluster:log-stream:kube-apiserver-audit-1`],
    ["elasticloadbalancing:DeleteLoadBalancer", `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/net/acme-staging-edge/0123456789abcdef`],
    ["ssm:PutParameter", `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/anything`],
    ["ssm:GetParameter", `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/database-password`],
    ["secretsmanager:GetSecretValue", `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:app-AbCdEf`],
    ["s3:GetObject", "arn:aws:s3:::acme-terraform-state/other-team/prod.tfstate"],
  ];
}

describe("staging: the plan role reads and changes nothing", () => {
  it("reads what a plan refreshes (so the denials below are not an evaluator that denies everything)", async () => {
    const reads: [string, string][] = [
      ["eks:DescribeCluster", CLUSTER],
      ["iam:GetRole", w.admin.arn],
      ["ec2:DescribeSecurityGroups", "*"],
      ["s3:GetObject", STATE],
      ["s3:GetObject", "arn:aws:s3:::acme-terraform-state/network/staging.tfstate"],
      ["ssm:GetParameter", "arn:aws:ssm:eu-west-1:123456789012:parameter/aws/service/eks/optimized-ami/1.34/amazon-linux-2023/x86_64/standard/recommended/image_id"],
    ];
    for (const [action, resource] of reads) expect(await evaluate(ACCOUNT, { caller: { role: plan }, action, resource }), `${action} ${resource}`).toBe("Allowed");
  });

  it("is denied every write, the state and its lock included", async () => {
    const denied: string[] = [];
    for (const [action, resource] of [...writes(w), ["s3:PutObject", STATE], ["s3:PutObject", LOCK], ["s3:DeleteObject", LOCK], ["sts:AssumeRole", w.admin.arn]] as [string, string][]) {
      const d = await evaluate(ACCOUNT, { caller: { role: plan }, action, resource });
      if (d === "Allowed") denied.push(`${action} on ${resource}`);
    }
    expect(denied, "the plan role may do these").toEqual([]);
  });
});

describe("staging: the apply role reaches the state and the admin role, nothing else itself", () => {
  it("writes the state and its lock", async () => {
    for (const [action, resource] of [["s3:GetObject", STATE], ["s3:PutObject", STATE], ["s3:PutObject", LOCK], ["s3:DeleteObject", LOCK], ["sts:AssumeRole", w.admin.arn]]) {
      expect(await evaluate(ACCOUNT, { caller: { role: apply }, action, resource }), `${action} ${resource}`).toBe("Allowed");
    }
  });

  it("is denied every write of its own (it works through the admin role)", async () => {
    const allowedWrites: string[] = [];
    for (const [action, resource] of writes(w)) {
      if ((await evaluate(ACCOUNT, { caller: { role: apply }, action, resource })) === "Allowed") allowedWrites.push(`${action} on ${resource}`);
    }
    expect(allowedWrites).toEqual([]);
  });
});
