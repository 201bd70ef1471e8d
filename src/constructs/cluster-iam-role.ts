/**
 * An IAM role owned by one cluster: under the cluster's IAM path and capped by the permissions
 * boundary, which is what the admin role's IAM permissions require of every role it creates.
 */
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { clusterIamPath } from "../config/names";
import { policyJson, type PolicyDocument } from "../iam/policy-document";

export interface ClusterIamRoleProps {
  cluster: string;
  name: string;
  description: string;
  /** Permissions boundary ARN (created by the access stack). */
  boundaryArn: string;
  trust: PolicyDocument;
  /** Managed policies to attach. Default none. */
  managedPolicyArns?: string[];
  /** Inline permissions. Default none. */
  inlinePolicy?: PolicyDocument;
}

export class ClusterIamRole extends Construct {
  readonly role: IamRole;
  /** For dependsOn: a service may need the permissions the moment it gets the role. */
  readonly policyAttachments: IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: ClusterIamRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.name,
      path: clusterIamPath(props.cluster),
      description: props.description,
      assumeRolePolicy: policyJson(props.trust),
      permissionsBoundary: props.boundaryArn,
    });
    // Keyed by the policy name so reordering the list never replaces an attachment.
    this.policyAttachments = (props.managedPolicyArns ?? []).map(
      (arn) => new IamRolePolicyAttachment(this, `attach-${arn.split("/").pop()}`, { role: this.role.name, policyArn: arn }),
    );
    if (props.inlinePolicy) {
      new IamRolePolicy(this, "permissions", { role: this.role.id, name: "permissions", policy: policyJson(props.inlinePolicy) });
    }
  }

  get arn(): string {
    return this.role.arn;
  }

  get name(): string {
    return this.role.name;
  }
}
