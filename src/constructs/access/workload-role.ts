/**
 * The IAM role of one in-cluster workload (access stack): EKS Pod Identity may hand it to exactly
 * one service account of this cluster, and it carries exactly one component policy.
 */
import { Construct } from "constructs";
import { podIdentityTrust, type ServiceAccountRef } from "../../iam/pod-identity-trust";
import { clusterIamPath } from "../../naming/names";
import { AccessRole } from "./access-role";

export interface WorkloadRoleProps {
  region: string;
  cluster: string;
  clusterArn: string;
  name: string;
  description: string;
  serviceAccount: ServiceAccountRef;
  /** The access stack's component policy for this workload. */
  policyArn: string;
}

export class WorkloadRole extends Construct {
  readonly role: AccessRole;

  constructor(scope: Construct, id: string, props: WorkloadRoleProps) {
    super(scope, id);
    this.role = new AccessRole(this, "role", {
      name: props.name,
      path: clusterIamPath(props.cluster),
      description: props.description,
      trust: podIdentityTrust(props.clusterArn, props.region, props.serviceAccount),
      policies: { permissions: props.policyArn },
    });
  }

  get arn(): string {
    return this.role.arn;
  }
}
