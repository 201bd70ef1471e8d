/**
 * IAM policy documents as plain data, written into the stacks as Terraform locals
 * (src/constructs/shared/policy-local.ts) rather than through the aws_iam_policy_document data source: the
 * document is then visible in the synthesized stack (so tests and reviewers read the real policy),
 * and a mocked `terraform test` keeps it intact instead of replacing a data source's output with a
 * random string.
 */

export type Condition = Record<string, Record<string, string | string[] | boolean>>;

export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: Record<string, string | string[]> | "*";
  Condition?: Condition;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Statement[];
}

export function policy(...statements: Statement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}
