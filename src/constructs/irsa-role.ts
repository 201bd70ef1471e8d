/** An IAM role for one Kubernetes service account (IRSA), owned by the cluster. */
import { Construct } from "constructs";
import type { ServiceAccountRef } from "../iam/irsa-trust";
import { irsaTrust } from "../iam/irsa-trust";
import type { PolicyDocument } from "../iam/policy-document";
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
  /** Inline permissions. Default none. */
  permissions?: PolicyDocument;
  /** Managed policies. Default none. */
  managedPolicyArns?: string[];
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
      ...(props.permissions ? { inlinePolicy: props.permissions } : {}),
      ...(props.managedPolicyArns ? { managedPolicyArns: props.managedPolicyArns } : {}),
    });
  }

  get arn(): string {
    return this.role.arn;
  }
}
