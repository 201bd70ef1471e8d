/**
 * Tags every AWS resource of a stack carries (the AWS provider's default tags, and explicitly the
 * Auto Scaling groups, which default tags do not reach): where it came from, and the owner tag the
 * admin role's permissions are conditioned on.
 */
import type { Environment } from "../config/environment";
import { OWNER_TAG_KEY } from "./names";

export const MANAGED_BY = "eks-terraform-cdktf";

export function defaultTags(env: Environment, stack: string): Record<string, string> {
  return { ...env.tags, Environment: env.name, Stack: stack, ManagedBy: MANAGED_BY, [OWNER_TAG_KEY]: env.cluster.name };
}
