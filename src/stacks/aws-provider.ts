/**
 * The AWS provider every AWS-using stack gets: pinned to the environment's account (a wrong
 * profile fails before anything changes) and tagging everything it creates with where it came from.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { defaultTags } from "../config/default-tags";
import { stackName, type EnvironmentStack } from "./environment-stack";

export interface AwsProviderOptions {
  /** Role the provider assumes; undefined: the caller's own credentials. */
  assumeRoleArn?: string;
  /** The only account the provider may act in. Default: the environment's. */
  account?: string;
}

export function awsProvider(stack: EnvironmentStack, options: AwsProviderOptions = {}): AwsProvider {
  const env = stack.env;
  return new AwsProvider(stack, "aws", {
    region: env.region,
    allowedAccountIds: [options.account ?? env.account],
    defaultTags: [{ tags: defaultTags(env, stackName(env, stack.role)) }],
    ...(options.assumeRoleArn
      ? { assumeRole: [{ roleArn: options.assumeRoleArn, sessionName: `terraform-${stackName(env, stack.role)}` }] }
      : {}),
  });
}
