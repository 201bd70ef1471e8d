/**
 * An IAM role owned by one cluster: under the cluster's IAM path and capped by the permissions
 * boundary, which is what the admin role's IAM permissions require of every role it creates. Its
 * permissions are managed policies only (AWS's, or the access stack's): the admin role may not
 * write inline policies.
 */
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
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
}

export class ClusterIamRole extends Construct {
  readonly role: IamRole;

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
    for (const arn of props.managedPolicyArns ?? []) {
      new IamRolePolicyAttachment(this, `attach-${arn.split("/").pop()}`, { role: this.role.name, policyArn: arn });
    }
  }

  get arn(): string {
    return this.role.arn;
  }

  get name(): string {
    return this.role.name;
  }
}
