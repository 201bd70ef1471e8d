/**
 * The EKS control plane's IAM role, in the access stack. AmazonEKSClusterPolicy acts on EC2 and
 * load balancers account-wide, so the admin role must not be able to create a role with it, nor
 * to edit this one's trust: an account administrator applies it, under the admin path, and the
 * admin role may only pass it to EKS.
 */
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { ADMIN_IAM_PATH, names } from "../../naming/names";
import { awsManagedPolicies } from "../../iam/managed-policies";
import { policy } from "../../iam/policy-document";
import { servicePrincipal } from "../../naming/partitions";
import { policyLocal } from "../shared/policy-local";

export interface ControlPlaneRoleProps {
  region: string;
  cluster: string;
  /** The access stack's policy letting the control plane use the secrets key. */
  keyPolicyArn: string;
}

export class ControlPlaneRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ControlPlaneRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: names.clusterRole(props.cluster),
      path: ADMIN_IAM_PATH,
      description: `EKS control plane of ${props.cluster}`,
      assumeRolePolicy: policyLocal(
        this,
        "trust",
        policy({ Effect: "Allow", Principal: { Service: servicePrincipal("eks", props.region) }, Action: ["sts:AssumeRole", "sts:TagSession"] }),
      ),
    });
    // Pinned address: the cluster cannot change its role without being replaced.
    this.role.overrideLogicalId("cluster_role");
    for (const [name, arn] of [
      ["cluster-policy", awsManagedPolicies(props.region).clusterPolicy],
      ["secrets-key", props.keyPolicyArn],
    ]) {
      new IamRolePolicyAttachment(this, name, { role: this.role.name, policyArn: arn });
    }
  }
}
