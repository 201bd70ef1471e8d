/**
 * Rules across environments: what must be unique among them (names, clusters) and the objects
 * one account holds once, which exactly one environment may create.
 */
import type { FieldError } from "../errors";
import type { FleetRule } from "./rule";

/** First file per key; a later file with a key already taken gets `clash(owner)` at its field. */
function firstClaims<E>(envs: { file: string; env: E }[], key: (env: E) => string | undefined, clash: (file: string, env: E, owner: string) => FieldError): FieldError[] {
  const owners = new Map<string, string>();
  const errors: FieldError[] = [];
  for (const { file, env } of envs) {
    const k = key(env);
    if (k === undefined) continue;
    const owner = owners.get(k);
    if (owner) errors.push(clash(file, env, owner));
    else owners.set(k, file);
  }
  return errors;
}

export const uniqueEnvironmentNames: FleetRule = (envs) =>
  firstClaims(envs, (env) => env.name, (file, env, owner) => ({ file, path: ["name"], message: `"${env.name}" is also the name of ${owner}` }));

export const uniqueClusters: FleetRule = (envs) =>
  firstClaims(
    envs,
    (env) => `${env.account}/${env.region}/${env.cluster.name}`,
    (file, env, owner) => ({ file, path: ["cluster", "name"], message: `"${env.cluster.name}" is also used by ${owner} in the same account and region` }),
  );

/** IAM holds one OIDC provider per account and host: only one environment may create it. */
export const oneTerraformCloudOidcProvider: FleetRule = (envs) =>
  firstClaims(
    envs,
    (env) => (env.state.backend === "cloud" && env.state.createOidcProvider ? `${env.account}/${env.state.hostname}` : undefined),
    (file, env, owner) => {
      const hostname = env.state.backend === "cloud" ? env.state.hostname : "";
      return { file, path: ["state", "createOidcProvider"], message: `${owner} already creates the OIDC provider for ${hostname} in account ${env.account}; set false here` };
    },
  );

/** IAM holds one OIDC provider for token.actions.githubusercontent.com per account: one environment creates it. */
export const oneGithubOidcProvider: FleetRule = (envs) =>
  firstClaims(
    envs,
    (env) => (env.ci.github?.createOidcProvider ? env.account : undefined),
    (file, env, owner) => ({ file, path: ["ci", "github", "createOidcProvider"], message: `${owner} already creates GitHub's OIDC provider in account ${env.account}; set false here` }),
  );
