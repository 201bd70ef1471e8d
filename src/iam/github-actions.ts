/**
 * What GitHub Actions workflows of one repository may do in one environment's account, as data:
 * the trust of the plan and apply roles (GitHub's OIDC token, audience and subject pinned) and
 * their permissions. The plan role reads; the apply role only reaches the state and assumes the
 * admin role, which does the work. Neither can write IAM: the access stack stays an account
 * administrator's (a role that writes roles can write a way out of its own trust).
 */
import type { GithubCi } from "../config/ci-schema";
import type { Environment } from "../config/environment";
import { clusterArns } from "../naming/arns";
import { policy, type PolicyDocument, type Statement } from "./policy-document";
import { partitionOf } from "../naming/partitions";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
/** The audience aws-actions/configure-aws-credentials asks GitHub for. */
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

export function githubOidcProviderArn(account: string, region: string): string {
  return `arn:${partitionOf(region)}:iam::${account}:oidc-provider/${GITHUB_OIDC_HOST}`;
}


/** The `sub` claims GitHub gives a job: a pull request, a push to a branch, a job in an environment. */
export const githubSubject = {
  pullRequest: (repo: string) => `repo:${repo}:pull_request`,
  branch: (repo: string, branch: string) => `repo:${repo}:ref:refs/heads/${branch}`,
  environment: (repo: string, environment: string) => `repo:${repo}:environment:${environment}`,
};

/** Subjects of the plan role: pull requests, and the branch (the scheduled drift check runs there). */
export function planSubjects(gh: GithubCi): string[] {
  return [githubSubject.pullRequest(gh.repository), githubSubject.branch(gh.repository, gh.branch)];
}

/** Subjects of the apply role: pushes to the branch and jobs of the protected environment. */
export function applySubjects(gh: GithubCi): string[] {
  return [githubSubject.branch(gh.repository, gh.branch), githubSubject.environment(gh.repository, gh.environment)];
}

/** StringEquals, never StringLike: a `*` in a subject would admit every branch or fork name. */
export function githubTrust(providerArn: string, subjects: string[]): PolicyDocument {
  return policy({
    Sid: "GithubActionsOidc",
    Effect: "Allow",
    Principal: { Federated: providerArn },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
      StringEquals: {
        [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
        [`${GITHUB_OIDC_HOST}:sub`]: subjects.length === 1 ? subjects[0] : subjects,
      },
    },
  });
}

/** The state objects the environment's stacks keep in S3 (and the S3 network state they read); none for other backends. */
function stateStatements(env: Environment, write: boolean): Statement[] {
  if (env.state.backend !== "s3") return [];
  const p = partitionOf(env.region);
  const { bucket, keyPrefix, kmsKeyArn } = env.state;
  const own = `arn:${p}:s3:::${bucket}/${keyPrefix}/*`;
  const network = env.network.kind === "remote-state" && env.network.source.backend === "s3" ? env.network.source : undefined;
  const statements: Statement[] = [
    // No s3:prefix condition: `terraform init` also lists the workspace prefix (`env:/`); listing shows key names only.
    { Sid: "ListStateBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:${p}:s3:::${bucket}` },
    { Sid: "ReadState", Effect: "Allow", Action: "s3:GetObject", Resource: [own, ...(network ? [`arn:${p}:s3:::${network.bucket}/${network.key}`] : [])] },
  ];
  // Writing covers the state and its `.tflock` lock object (use_lockfile); reading plans run with -lock=false.
  if (write) statements.push({ Sid: "WriteStateAndLock", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: own });
  if (kmsKeyArn) {
    statements.push({ Sid: "StateKey", Effect: "Allow", Action: write ? ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"] : "kms:Decrypt", Resource: kmsKeyArn });
  }
  return statements;
}

/**
 * Read-only: what a refresh of the environment's stacks reads, and nothing that returns secrets
 * or data (no logs:GetLogEvents, no ssm parameters but the public AMI ones, no ec2:GetPasswordData).
 */
export function planPermissions(env: Environment, readerRoleArn: string): PolicyDocument {
  return policy(
    // The cluster and add-ons stacks' providers plan as the reader role (terraform.applying).
    { Sid: "AssumeReader", Effect: "Allow", Action: "sts:AssumeRole", Resource: readerRoleArn },
    {
      Sid: "ReadInfrastructure",
      Effect: "Allow",
      Action: [
        "autoscaling:Describe*",
        "ec2:Describe*",
        "eks:Describe*",
        "eks:List*",
        "elasticloadbalancing:Describe*",
        "events:Describe*",
        "events:ListTagsForResource",
        "events:ListTargetsByRule",
        "iam:GetInstanceProfile",
        "iam:GetOpenIDConnectProvider",
        "iam:GetPolicy",
        "iam:GetPolicyVersion",
        "iam:GetRole",
        "iam:GetRolePolicy",
        "iam:GetGroup",
        "iam:GetGroupPolicy",
        "iam:ListAttachedRolePolicies",
        "iam:ListGroupsForUser",
        "iam:ListInstanceProfilesForRole",
        "iam:ListPolicyVersions",
        "iam:ListRolePolicies",
        "kms:DescribeKey",
        "kms:GetKeyPolicy",
        "kms:GetKeyRotationStatus",
        "kms:ListAliases",
        "kms:ListResourceTags",
        "logs:DescribeLogGroups",
        "logs:ListTagsForResource",
        "logs:ListTagsLogGroup",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
        "sqs:ListQueueTags",
        "sts:GetCallerIdentity",
      ],
      Resource: "*",
    },
    {
      Sid: "PublicAmiParameters",
      Effect: "Allow",
      Action: ["ssm:GetParameter", "ssm:GetParameters"],
      Resource: clusterArns({ account: env.account, region: env.region, cluster: env.cluster.name }).eksAmiParameters,
    },
    ...stateStatements(env, false),
  );
}

/** The state, and the admin role (the stacks' providers assume it; it holds every permission). */
export function applyPermissions(env: Environment, adminRoleArn: string): PolicyDocument {
  return policy({ Sid: "AssumeEksAdmin", Effect: "Allow", Action: "sts:AssumeRole", Resource: adminRoleArn }, ...stateStatements(env, true));
}
