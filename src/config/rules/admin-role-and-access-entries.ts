/**
 * EKS access entries: one per principal, each granting something, and none for the admin role
 * (the cluster gives it cluster-admin already).
 */
import type { Environment } from "../environment";
import type { EnvironmentRule, Issue } from "./rule";

/** `adminRoleArnOf`: the admin role's ARN (derived by the naming layer, which config may not import). */
export const accessEntries = (adminRoleArnOf: (env: Environment) => string): EnvironmentRule => (env) => {
  const out: Issue[] = [];
  const adminRoleArn = adminRoleArnOf(env);
  const principals = new Set<string>();
  env.cluster.accessEntries.forEach((e, i) => {
    const at = ["cluster", "accessEntries", i];
    if (e.principalArn === adminRoleArn) out.push({ path: [...at, "principalArn"], message: "is the admin role, which already has cluster-admin" });
    if (principals.has(e.principalArn)) out.push({ path: [...at, "principalArn"], message: "has a second entry; EKS allows one access entry per principal" });
    principals.add(e.principalArn);
    if (e.kubernetesGroups.length === 0 && e.policies.length === 0) out.push({ path: at, message: "grants nothing: give kubernetesGroups or policies" });
  });
  return out;
};
