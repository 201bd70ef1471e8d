/**
 * An IAM role of one cluster (a node role or a workload's Pod Identity role), under the cluster's
 * IAM path, with managed policies only. Created by the access stack, so the admin role that runs
 * the cluster stack never writes a trust policy or a permission.
 */
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { clusterIamPath } from "../../naming/names";
import type { PolicyDocument } from "../../iam/policy-document";
import { policyLocal } from "../shared/policy-local";

export interface ClusterIamRoleProps {
  cluster: string;
  name: string;
  description: string;
  trust: PolicyDocument;
  /** Managed policies to attach, by a stable name (the attachment's address). Default none. */
  policies?: Record<string, string>;
}

export class ClusterIamRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ClusterIamRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.name,
      path: clusterIamPath(props.cluster),
      description: props.description,
      assumeRolePolicy: policyLocal(this, "trust", props.trust),
    });
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
