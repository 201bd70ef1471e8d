/**
 * The AWS provider every AWS-using stack gets: pinned to the environment's account (a wrong
 * profile fails before anything changes) and tagging everything it creates with where it came from.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { OWNER_TAG_KEY } from "../config/names";
import { stackName, type EnvironmentStack } from "./environment-stack";

export const MANAGED_BY = "eks-terraform-cdktf";

/** Tags on every resource of a stack; also what Auto Scaling Groups get explicitly. */
export function defaultTags(stack: EnvironmentStack): Record<string, string> {
  const env = stack.env;
  return {
    ...env.tags,
    Environment: env.name,
    Stack: stackName(env, stack.role),
    ManagedBy: MANAGED_BY,
    [OWNER_TAG_KEY]: env.cluster.name,
  };
}

export interface AwsProviderOptions {
  /** Role the provider assumes; undefined: the caller's own credentials. */
  assumeRoleArn?: string;
}

export function awsProvider(stack: EnvironmentStack, options: AwsProviderOptions = {}): AwsProvider {
  const env = stack.env;
  return new AwsProvider(stack, "aws", {
    region: env.region,
    allowedAccountIds: [env.account],
    defaultTags: [{ tags: defaultTags(stack) }],
    ...(options.assumeRoleArn
      ? { assumeRole: [{ roleArn: options.assumeRoleArn, sessionName: `terraform-${stackName(env, stack.role)}` }] }
      : {}),
  });
}
