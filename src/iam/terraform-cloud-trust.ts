/**
 * Trust of the roles HCP Terraform runs assume through dynamic credentials (web identity tokens of
 * the IAM OIDC provider for its hostname): one workspace, one run phase. `StringEquals` on the
 * whole `sub` claim, never `StringLike`: a wildcard would let a workspace of the same name in
 * another project, or the other phase, in.
 */
import type { CloudState, RunPhase } from "../naming/terraform-cloud";
import { runSubject, TFC_AWS_AUDIENCE } from "../naming/terraform-cloud";
import { policy, type PolicyDocument, type Statement } from "./policy-document";
import { partitionOf } from "../naming/partitions";

/** The ARN IAM gives the OIDC provider of `hostname` (IAM names providers by their URL's host). */
export function oidcProviderArn(account: string, region: string, hostname: string): string {
  return `arn:${partitionOf(region)}:iam::${account}:oidc-provider/${hostname}`;
}

export function terraformCloudRunTrust(s: CloudState, providerArn: string, workspace: string, phase: RunPhase): PolicyDocument {
  return policy({
    Sid: `TerraformCloud${phase === "plan" ? "Plan" : "Apply"}`,
    Effect: "Allow",
    Principal: { Federated: providerArn },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
      StringEquals: {
        [`${s.hostname}:aud`]: TFC_AWS_AUDIENCE,
        [`${s.hostname}:sub`]: runSubject(s, workspace, phase),
      },
    },
  });
}

/** What a run role may do: assume the one role its phase works through (reader to plan, admin to apply). */
export function assumeOnly(roleArn: string, sid: string): PolicyDocument {
  return policy({ Sid: sid, Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn });
}

/** Trust of a role assumed by the account's people (with MFA when required) and by listed roles without it. */
export function accountAndRolesTrust(account: string, region: string, requireMfa: boolean, withoutMfa: { sid: string; arns: string[] }[]): PolicyDocument {
  const statements: Statement[] = [
    {
      Sid: requireMfa ? "AccountPrincipalsWithMfa" : "AccountPrincipals",
      Effect: "Allow",
      Principal: { AWS: `arn:${partitionOf(region)}:iam::${account}:root` },
      Action: "sts:AssumeRole",
      ...(requireMfa ? { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } } : {}),
    },
  ];
  for (const { sid, arns } of withoutMfa) {
    if (arns.length > 0) statements.push({ Sid: sid, Effect: "Allow", Principal: { AWS: arns }, Action: "sts:AssumeRole" });
  }
  return policy(...statements);
}
