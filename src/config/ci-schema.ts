/**
 * `ci`: the pipeline an environment is deployed from. Only GitHub Actions lives here; with it the
 * access stack creates the roles a workflow of exactly one repository assumes through GitHub's
 * OIDC provider (src/constructs/access/github-actions-roles.ts).
 */
import { boolean, object, optional, string } from "./schema-kit";

const repository = string({
  pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/,
  message: 'must be "owner/repository" (the GitHub repository whose workflows deploy this environment)',
});
const branch = string({ pattern: /^(?!\/)(?!.*\/\/)(?!.*\.\.)[A-Za-z0-9._/-]{1,200}(?<!\/)$/, message: "must be a branch name such as main (no wildcards)" });
const githubEnvironment = string({ pattern: /^[A-Za-z0-9._-]{1,255}$/, message: "must be a GitHub environment name (A-Z a-z 0-9 . _ -, no wildcards)" });

export const ciInputSchema = object({
  github: optional(
    object({
      /** `owner/repository`; pull requests of it get the plan role, its main branch and protected environment the apply role. */
      repository,
      /** Branch whose pushes may apply. Default "main". */
      branch: optional(branch),
      /** Protected GitHub environment whose jobs may apply or destroy. Default: the environment's name. */
      environment: optional(githubEnvironment),
      /**
       * Create the account's OIDC provider for token.actions.githubusercontent.com. Default true;
       * false when another stack of the account already has it (IAM allows one per URL and account).
       */
      createOidcProvider: optional(boolean()),
    }),
  ),
});

export interface GithubCi {
  repository: string;
  branch: string;
  environment: string;
  createOidcProvider: boolean;
}
