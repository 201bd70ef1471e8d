/**
 * The AWS provider every AWS-using stack gets: pinned to the environment's account (a wrong
 * profile fails before anything changes) and tagging everything it creates with where it came from.
 */
import { Fn, Token, ref } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { defaultTags } from "../naming/default-tags";
import type { EnvironmentStack } from "./environment-stack";
import { stackName } from "../naming/state";

export interface AwsProviderOptions {
  /** Role the provider assumes; undefined: the caller's own credentials. */
  assumeRoleArn?: string;
  /**
   * Role assumed instead while not applying (`terraform plan`, refresh-only runs, a speculative
   * plan of a pull request): `role_arn` becomes `terraform.applying ? assumeRoleArn : planRoleArn`
   * (Terraform >= 1.10). `terraform apply` and `cdktf deploy`, including the plan they make first,
   * run with `assumeRoleArn`. Default: `assumeRoleArn` in every phase.
   */
  planRoleArn?: string;
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
      ? { assumeRole: [{ roleArn: phaseRoleArn(options.assumeRoleArn, options.planRoleArn), sessionName: `terraform-${stackName(env, stack.role)}` }] }
      : {}),
  });
}

function phaseRoleArn(applyRoleArn: string, planRoleArn: string | undefined): string {
  if (planRoleArn === undefined) return applyRoleArn;
  return Token.asString(Fn.conditional(ref("terraform.applying"), applyRoleArn, planRoleArn));
}
