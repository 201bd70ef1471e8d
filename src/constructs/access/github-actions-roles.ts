/**
 * The roles GitHub Actions workflows of one repository assume through GitHub's OIDC provider
 * (no stored AWS keys): a plan role that reads, for pull requests and the drift check, and an
 * apply role, for the deploy branch and the protected GitHub environment, that the admin role
 * trusts without MFA. Optionally the account's OIDC provider itself.
 */
import { Construct } from "constructs";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { ADMIN_IAM_PATH } from "../../naming/names";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, githubOidcProviderArn, githubTrust } from "../../iam/github-actions";
import type { PolicyDocument } from "../../iam/policy-document";
import { policyLocal } from "../shared/policy-local";

export interface GithubActionsRoleSpec {
  name: string;
  /** Values of the token's `sub` claim that may assume the role (exact matches). */
  subjects: string[];
  permissions: PolicyDocument;
}

export interface GithubActionsRolesProps {
  account: string;
  region: string;
  repository: string;
  /** Create the OIDC provider (one per account); false: reference the one that exists. */
  createOidcProvider: boolean;
  plan: GithubActionsRoleSpec;
  apply: GithubActionsRoleSpec;
}

export class GithubActionsRoles extends Construct {
  readonly planRole: IamRole;
  readonly applyRole: IamRole;

  constructor(scope: Construct, id: string, props: GithubActionsRolesProps) {
    super(scope, id);
    // GitHub's certificate is trusted by IAM without thumbprints; the provider's list stays for older clients.
    const providerArn = props.createOidcProvider
      ? new IamOpenidConnectProvider(this, "oidc-provider", { url: `https://${GITHUB_OIDC_HOST}`, clientIdList: [GITHUB_OIDC_AUDIENCE] }).arn
      : githubOidcProviderArn(props.account, props.region);
    const role = (kind: "plan" | "apply", spec: GithubActionsRoleSpec) => {
      const r = new IamRole(this, `${kind}-role`, {
        name: spec.name,
        path: ADMIN_IAM_PATH,
        description: `GitHub Actions of ${props.repository}: ${kind === "plan" ? "plans (read-only)" : "applies through the EKS admin role"}`,
        assumeRolePolicy: policyLocal(this, `${kind}-trust`, githubTrust(providerArn, spec.subjects)),
        maxSessionDuration: 3600,
      });
      const p = new IamPolicy(this, `${kind}-policy`, {
        name: `${spec.name}-permissions`,
        path: ADMIN_IAM_PATH,
        description: `What ${spec.name} may do`,
        policy: policyLocal(this, `${kind}-policy-document`, spec.permissions),
      });
      new IamRolePolicyAttachment(this, `${kind}-attach`, { role: r.name, policyArn: p.arn });
      return r;
    };
    this.planRole = role("plan", props.plan);
    this.applyRole = role("apply", props.apply);
  }
}
