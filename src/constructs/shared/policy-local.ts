/**
 * Policy documents in the generated Terraform: each one a `locals` entry, handed to its resource
 * as `jsonencode(local.<name>)`. In the committed JSON a policy is then a readable, multi-line
 * object, so a changed statement is a changed line in `git diff`, and a value read from another
 * state (a list of subnets) stays a list inside the document.
 */
import { Fn, TerraformLocal } from "cdktf";
import type { Construct } from "constructs";
import type { PolicyDocument } from "../../iam/policy-document";

/** Adds the document as a local named after the construct path; returns the JSON for the resource argument. */
export function policyLocal(scope: Construct, id: string, doc: PolicyDocument): string {
  return Fn.jsonencode(new TerraformLocal(scope, id, doc).asAnyMap);
}
