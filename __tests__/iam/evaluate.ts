/**
 * One AWS request evaluated offline by @cloud-copilot/iam-simulate (AGPL-3.0: a devDependency,
 * imported only by tests) against the identity policies of the calling role and, where the target
 * has one, its resource policy. A request the evaluator cannot check exactly fails the test: an
 * error from the simulator, or a context key it ignored (a key the action does not support would
 * otherwise quietly make a condition pass or fail).
 */
import { runSimulation, runUnsafeSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import type { PolicyDocument } from "../../src/iam/policy-document";
import type { RoleModel } from "./iam-world";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";
export type Context = Record<string, string | string[]>;

/** Who calls: one of the environment's roles (a session of it), a service, another role of the account, or an OIDC token. */
export type Caller =
  | { role: RoleModel; mfa?: boolean }
  | { service: string }
  | { otherRole: { arn: string; policies: PolicyDocument[] } }
  | { webIdentity: { providerArn: string; claims: Record<string, string> } };

/**
 * iam-simulate's service data lists no `token.actions.githubusercontent.com:sub` or `:aud` for
 * sts:AssumeRoleWithWebIdentity (it reports them as ignored, and a condition on an ignored key never
 * matches: every request would be denied, for the wrong reason). AWS evaluates `<provider>:sub` and
 * `<provider>:aud` for every OIDC provider, so the evaluator gets them renamed to the same claims of a
 * provider its data knows (Google's, also String keys) in the trust and the request alike; the string
 * comparison is then the simulator's own. Any other key it ignores still fails the request.
 */
export const OIDC_KEY_ALIASES: Record<string, string> = {
  "token.actions.githubusercontent.com:sub": "accounts.google.com:sub",
  "token.actions.githubusercontent.com:aud": "accounts.google.com:aud",
};
let aliasesAnnounced = false;

function aliasKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(aliasKeys) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [OIDC_KEY_ALIASES[k] ?? k, aliasKeys(v)])) as T;
}

export interface Request {
  caller: Caller;
  action: string;
  /** The target's ARN; `*` for actions without a resource type. */
  resource: string;
  context?: Context;
  /** The target's resource policy (a queue or key policy, a role's trust). */
  resourcePolicy?: PolicyDocument;
  /**
   * Evaluate without checking the resource type against the evaluator's service data. Only for
   * the ELBv2 tag calls its data gets wrong (it holds the Classic Load Balancer's AddTags); the
   * test prints every such request.
   */
  unchecked?: string;
}

function principalOf(caller: Caller, account: string): { principal: string; identity: PolicyDocument[]; context: Context } {
  if ("service" in caller) return { principal: caller.service, identity: [], context: {} };
  if ("webIdentity" in caller) return { principal: caller.webIdentity.providerArn, identity: [], context: caller.webIdentity.claims };
  const role = "role" in caller ? { arn: caller.role.arn, policies: caller.role.policies.map((p) => p.document) } : caller.otherRole;
  const name = role.arn.split("/").pop()!;
  return {
    principal: `arn:aws:sts::${account}:assumed-role/${name}/session`,
    identity: role.policies,
    context: {
      "aws:PrincipalArn": role.arn,
      "aws:PrincipalAccount": account,
      "aws:SecureTransport": "true",
      ...("role" in caller && caller.mfa ? { "aws:MultiFactorAuthPresent": "true" } : {}),
    },
  };
}

export async function evaluate(account: string, req: Request): Promise<Decision> {
  let who = principalOf(req.caller, account);
  let resourcePolicy = req.resourcePolicy;
  if ("webIdentity" in req.caller) {
    if (!aliasesAnnounced) {
      aliasesAnnounced = true;
      console.warn(`IAM evaluator: GitHub OIDC keys evaluated under aliases the simulator knows: ${JSON.stringify(OIDC_KEY_ALIASES)} (see __tests__/iam/evaluate.ts)`);
    }
    who = { ...who, context: aliasKeys(who.context) };
    resourcePolicy = resourcePolicy && aliasKeys(resourcePolicy);
  }
  const simulation: Simulation = {
    identityPolicies: who.identity.map((policy, i) => ({ name: `policy${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(resourcePolicy ? { resourcePolicy } : {}),
    request: {
      principal: who.principal,
      action: req.action,
      resource: { resource: req.resource, accountId: account },
      contextVariables: { ...who.context, ...req.context },
    },
  };
  if (req.unchecked) {
    console.warn(`IAM evaluator: ${req.action} on ${req.resource} evaluated WITHOUT resource-type validation (${req.unchecked})`);
    return runUnsafeSimulation(simulation, {}) as Decision;
  }
  const result = await runSimulation(simulation, {});
  const what = `${req.action} on ${req.resource}`;
  if (result.resultType === "error") throw new Error(`the evaluator refused ${what}: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== "single") throw new Error(`${what}: give one concrete resource per request (the evaluator saw a pattern)`);
  const ignored = result.result.ignoredContextKeys ?? [];
  if (ignored.length > 0) throw new Error(`${what}: the evaluator ignored context keys ${ignored.join(", ")} (not applicable to this action and resource)`);
  return result.overallResult as Decision;
}
