/**
 * An IAM role the access stack makes: its trust (and, when it has one, its own permissions) as
 * Terraform locals, so tests and reviewers read them as JSON, and managed policies attached by a
 * stable name. Node, workload, reader and Terraform Cloud run roles are all this; the admin role
 * that runs the cluster stack never writes a trust policy or a permission.
 */
import { Construct } from "constructs";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { PolicyDocument } from "../../iam/policy-document";
import { policyLocal } from "../shared/policy-local";

export interface AccessRoleProps {
  name: string;
  /** IAM path of the role and its own policy (a cluster's path, or the admin path). */
  path: string;
  description: string;
  trust: PolicyDocument;
  /** Managed policies to attach, by a stable name (the attachment's address). Default none. */
  policies?: Record<string, string>;
  /** A managed policy of the role's own, named like the role. Default none. */
  permissions?: PolicyDocument;
  /** Default: IAM's (one hour), left out of the resource. */
  maxSessionDurationSeconds?: number;
}

export class AccessRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: AccessRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.name,
      path: props.path,
      description: props.description,
      assumeRolePolicy: policyLocal(this, "trust", props.trust),
      ...(props.maxSessionDurationSeconds !== undefined ? { maxSessionDuration: props.maxSessionDurationSeconds } : {}),
    });
    if (props.permissions) {
      const own = new IamPolicy(this, "policy", {
        name: props.name,
        path: props.path,
        description: `Permissions of ${props.name}`,
        policy: policyLocal(this, "permissions", props.permissions),
      });
      new IamRolePolicyAttachment(this, "attach", { role: this.role.name, policyArn: own.arn });
    }
    // Keyed by the policy's name, so reordering the list never replaces an attachment.
    for (const [name, arn] of Object.entries(props.policies ?? {})) {
      new IamRolePolicyAttachment(this, `attach-${name}`, { role: this.role.name, policyArn: arn });
    }
  }

  get arn(): string {
    return this.role.arn;
  }

  get name(): string {
    return this.role.name;
  }
}
