/**
 * `ci.github` in an environment file: defaults, and bad input reported as
 * `environments/<file>.ts: ci.github.<field>: <reason>`.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, formatFieldError } from "../src/config/errors";
import { validateEnvironment, validateEnvironments } from "../src/environments/validate";
import { FILE, validInput } from "./support/fixtures";

const withGithub = (github: unknown) => {
  const input = { ...validInput(), ci: { github } } as ReturnType<typeof validInput>;
  return validateEnvironment(input, FILE);
};
const errors = (github: unknown) => {
  const r = withGithub(github);
  return r.ok ? [] : r.errors.map(formatFieldError);
};

describe("ci.github", () => {
  it("is off unless asked for", () => {
    const r = validateEnvironment(validInput(), FILE);
    expect(r.ok && r.env.ci).toEqual({});
  });

  it("defaults to branch main, the environment's name as protected environment, and its own OIDC provider", () => {
    const r = withGithub({ repository: "acme/platform-eks" });
    expect(r.ok && r.env.ci.github).toEqual({ repository: "acme/platform-eks", branch: "main", environment: r.ok ? r.env.name : "", createOidcProvider: true });
  });

  it("names the file and field of bad input", () => {
    expect(errors({ repository: "platform-eks" })).toContain(`${FILE}: ci.github.repository: must be "owner/repository" (the GitHub repository whose workflows deploy this environment)`);
    expect(errors({ repository: "acme/*" })[0]).toMatch(/^environments\/test\.ts: ci\.github\.repository: must be "owner\/repository"/);
    expect(errors({ repository: "acme/x", branch: "release/*" })).toContain(`${FILE}: ci.github.branch: must be a branch name such as main (no wildcards)`);
    expect(errors({ repository: "acme/x", environment: "prod*" })).toContain(`${FILE}: ci.github.environment: must be a GitHub environment name (A-Z a-z 0-9 . _ -, no wildcards)`);
    expect(errors({ repository: "acme/x", createOidcProvider: "yes" })).toContain(`${FILE}: ci.github.createOidcProvider: must be a boolean, got a string`);
    expect(errors({ repository: "acme/x", brnach: "main" })[0]).toMatch(/^environments\/test\.ts: ci\.github\.brnach: unknown key/);
    expect(errors({})[0]).toMatch(/^environments\/test\.ts: ci\.github\.repository: (is required|must)/);
  });

  it("lets one environment per account create GitHub's OIDC provider", () => {
    const env = (name: string, cluster: string, createOidcProvider?: boolean) => {
      const input = validInput();
      return { ...input, name, cluster: { ...input.cluster, name: cluster }, state: { backend: "s3", bucket: "state-bucket", keyPrefix: name }, ci: { github: { repository: "acme/x", ...(createOidcProvider === undefined ? {} : { createOidcProvider }) } } };
    };
    const run = (second?: boolean) => {
      try {
        validateEnvironments([
          { file: "environments/one.ts", exported: env("one", "one") },
          { file: "environments/two.ts", exported: env("two", "two", second) },
        ]);
        return [];
      } catch (e) {
        return (e as ConfigError).errors.map(formatFieldError);
      }
    };
    expect(run()).toEqual(["environments/two.ts: ci.github.createOidcProvider: environments/one.ts already creates GitHub's OIDC provider in account 123456789012; set false here"]);
    expect(run(false)).toEqual([]);
  });
});
