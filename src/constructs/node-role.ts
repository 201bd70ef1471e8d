/**
 * A worker pool's identity: an IAM role EC2 can assume, its instance profile, and the EKS access
 * entry of type EC2_LINUX that lets nodes with the role join a cluster in API authentication mode.
 */
import { Construct } from "constructs";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { clusterIamPath } from "../config/names";
import { awsManagedPolicies } from "../iam/managed-policies";
import { policy, servicePrincipal } from "../iam/policy-document";
import { ClusterIamRole } from "./cluster-iam-role";

export interface NodeRoleProps {
  region: string;
  /** Cluster name as a literal, for IAM names and paths. */
  cluster: string;
  /** Cluster name as a reference to the cluster resource, so the access entry waits for it. */
  clusterNameRef: string;
  /** Role and instance profile name. */
  name: string;
  boundaryArn: string;
  /** Attached besides the worker, CNI and ECR-pull policies. Default none. */
  extraPolicyArns?: string[];
}

export class NodeRole extends Construct {
  readonly role: ClusterIamRole;
  readonly instanceProfile: IamInstanceProfile;
  readonly accessEntry: EksAccessEntry;

  constructor(scope: Construct, id: string, props: NodeRoleProps) {
    super(scope, id);
    const managed = awsManagedPolicies(props.region);
    this.role = new ClusterIamRole(this, "role", {
      cluster: props.cluster,
      name: props.name,
      description: `EKS ${props.cluster} worker nodes (${props.name})`,
      boundaryArn: props.boundaryArn,
      trust: policy({ Effect: "Allow", Principal: { Service: servicePrincipal("ec2", props.region) }, Action: "sts:AssumeRole" }),
      managedPolicyArns: [managed.workerNode, managed.cni, managed.ecrPull, ...(props.extraPolicyArns ?? [])],
    });
    this.instanceProfile = new IamInstanceProfile(this, "instance-profile", {
      name: props.name,
      path: clusterIamPath(props.cluster),
      role: this.role.name,
    });
    this.accessEntry = new EksAccessEntry(this, "access-entry", {
      clusterName: props.clusterNameRef,
      principalArn: this.role.arn,
      type: "EC2_LINUX",
    });
  }
}
