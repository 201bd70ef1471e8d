/** An IAM role for one Kubernetes service account (IRSA), owned by the cluster. */
import { Construct } from "constructs";
import type { ServiceAccountRef } from "../iam/irsa-trust";
import { irsaTrust } from "../iam/irsa-trust";
import { ClusterIamRole } from "./cluster-iam-role";
import type { OidcProvider } from "./oidc-provider";

export interface IrsaRoleProps {
  cluster: string;
  name: string;
  description: string;
  boundaryArn: string;
  oidc: OidcProvider;
  /** The only service account that may assume the role. */
  serviceAccount: ServiceAccountRef;
  /** What the role may do: AWS managed policies or the access stack's component policies. */
  managedPolicyArns: string[];
}

export class IrsaRole extends Construct {
  readonly role: ClusterIamRole;
  readonly serviceAccount: ServiceAccountRef;

  constructor(scope: Construct, id: string, props: IrsaRoleProps) {
    super(scope, id);
    this.serviceAccount = props.serviceAccount;
    this.role = new ClusterIamRole(this, "role", {
      cluster: props.cluster,
      name: props.name,
      description: props.description,
      boundaryArn: props.boundaryArn,
      trust: irsaTrust(props.oidc.arn, props.oidc.issuerHost, props.serviceAccount),
      managedPolicyArns: props.managedPolicyArns,
    });
  }

  get arn(): string {
    return this.role.arn;
  }
}
