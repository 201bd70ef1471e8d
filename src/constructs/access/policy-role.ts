/**
 * An IAM role with one trust and one managed policy of its own (the reader role, the Terraform
 * Cloud run roles): both documents are Terraform locals, so tests and reviewers read them as JSON.
 */
import { Construct } from "constructs";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { PolicyDocument } from "../../iam/policy-document";
import { policyLocal } from "../shared/policy-local";

export interface PolicyRoleProps {
  name: string;
  /** IAM path of the role and its policy. */
  path: string;
  description: string;
  trust: PolicyDocument;
  permissions: PolicyDocument;
  /** Default 3600 (one hour). */
  maxSessionDurationSeconds?: number;
}

export class PolicyRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: PolicyRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.name,
      path: props.path,
      description: props.description,
      assumeRolePolicy: policyLocal(this, "trust", props.trust),
      maxSessionDuration: props.maxSessionDurationSeconds ?? 3600,
    });
    const p = new IamPolicy(this, "policy", {
      name: props.name,
      path: props.path,
      description: `Permissions of ${props.name}`,
      policy: policyLocal(this, "permissions", props.permissions),
    });
    new IamRolePolicyAttachment(this, "attach", { role: this.role.name, policyArn: p.arn });
  }

  get arn(): string {
    return this.role.arn;
  }
}
