/**
 * The IAM role of one in-cluster workload (access stack): EKS Pod Identity may hand it to exactly
 * one service account of this cluster, and it carries exactly one component policy.
 */
import { Construct } from "constructs";
import { podIdentityTrust, type ServiceAccountRef } from "../../iam/pod-identity-trust";
import { ClusterIamRole } from "./cluster-iam-role";

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
  readonly role: ClusterIamRole;

  constructor(scope: Construct, id: string, props: WorkloadRoleProps) {
    super(scope, id);
    this.role = new ClusterIamRole(this, "role", {
      cluster: props.cluster,
      name: props.name,
      description: props.description,
      trust: podIdentityTrust(props.clusterArn, props.region, props.serviceAccount),
      policies: { permissions: props.policyArn },
    });
  }

  get arn(): string {
    return this.role.arn;
  }
}
