/**
 * IAM policy documents as plain data, rendered to JSON by us rather than by the
 * aws_iam_policy_document data source: the JSON is then visible in the synthesized stack (so tests
 * and reviewers read the real policy), and a mocked `terraform test` keeps it intact instead of
 * replacing a data source's output with a random string.
 */

export type Condition = Record<string, Record<string, string | string[] | boolean>>;

export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
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

/**
 * Compact JSON (IAM counts characters against its size limits). Token strings inside, such as an
 * OIDC issuer or a queue ARN, become Terraform interpolations when the stack is synthesized.
 */
export function policyJson(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}

/** The ARN partition of a region: aws, aws-cn or aws-us-gov. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The DNS suffix of AWS service principals in a partition. */
export function servicePrincipal(service: string, region: string): string {
  return partitionOf(region) === "aws-cn" ? `${service}.amazonaws.com.cn` : `${service}.amazonaws.com`;
}
