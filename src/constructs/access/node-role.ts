/**
 * A worker pool's identity, in the access stack: an IAM role EC2 can assume and its instance
 * profile. Nodes get only what a node needs (the worker policy and ECR pulls, plus the pool's own
 * list); the VPC CNI's network-interface permissions belong to its own Pod Identity role, so a
 * pod on the host network that reads the node's credentials cannot move interfaces around.
 */
import { Construct } from "constructs";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { clusterIamPath } from "../../naming/names";
import { awsManagedPolicies } from "../../iam/managed-policies";
import { policy } from "../../iam/policy-document";
import { servicePrincipal } from "../../naming/partitions";
import { AccessRole } from "./access-role";

export interface NodeRoleProps {
  region: string;
  cluster: string;
  /** Role and instance profile name. */
  name: string;
  /** The pool's own policies (ARNs), attached besides the worker and ECR-pull policies. Default none. */
  poolPolicyArns?: string[];
  /** The access stack's drainer policy, for drainer.identity "node" on system pools. Default none. */
  drainerPolicyArn?: string;
}

export class NodeRole extends Construct {
  readonly role: AccessRole;
  readonly instanceProfile: IamInstanceProfile;

  constructor(scope: Construct, id: string, props: NodeRoleProps) {
    super(scope, id);
    const managed = awsManagedPolicies(props.region);
    this.role = new AccessRole(this, "role", {
      name: props.name,
      path: clusterIamPath(props.cluster),
      description: `EKS ${props.cluster} worker nodes (${props.name})`,
      trust: policy({ Effect: "Allow", Principal: { Service: servicePrincipal("ec2", props.region) }, Action: "sts:AssumeRole" }),
      policies: {
        ...Object.fromEntries([managed.workerNode, managed.ecrPull, ...(props.poolPolicyArns ?? [])].map((arn) => [arn.split("/").pop()!, arn])),
        ...(props.drainerPolicyArn ? { "drainer-permissions": props.drainerPolicyArn } : {}),
      },
    });
    this.instanceProfile = new IamInstanceProfile(this, "instance-profile", {
      name: props.name,
      path: clusterIamPath(props.cluster),
      role: this.role.name,
    });
  }
}
