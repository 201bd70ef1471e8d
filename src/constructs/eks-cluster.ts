/**
 * The EKS control plane: its IAM role, its log group, and the cluster itself, private by default,
 * with secrets envelope-encrypted and authentication through access entries only.
 */
import { Construct } from "constructs";
import type { IResolvable } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksCluster as EksClusterResource } from "@cdktf/provider-aws/lib/eks-cluster";
import { names } from "../config/names";
import { awsManagedPolicies } from "../iam/managed-policies";
import { policy, servicePrincipal } from "../iam/policy-document";
import { ClusterIamRole } from "./cluster-iam-role";

export interface EksClusterProps {
  region: string;
  name: string;
  version: string;
  /** STANDARD or EXTENDED support after the version's standard support ends. */
  supportType: "STANDARD" | "EXTENDED";
  subnetIds: string[];
  /** Extra security group on the control plane's network interfaces. */
  securityGroupId: string;
  /** Default false; when true, publicAccessCidrs must be given (validated in config). */
  publicAccess: boolean;
  publicAccessCidrs: string[];
  serviceCidr: string;
  logTypes: string[];
  logRetentionDays: number;
  /** Key for secrets and the log group. */
  kmsKeyArn: string;
  /** Permissions boundary of the cluster role. */
  boundaryArn: string;
  /** The access stack's policy letting the cluster role use the key. */
  keyPolicyArn: string;
  /** Checked before the cluster is created or changed (subnets in two zones and in the VPC). */
  preconditions?: { condition: IResolvable; errorMessage: string }[];
}

export class EksCluster extends Construct {
  readonly cluster: EksClusterResource;
  readonly role: ClusterIamRole;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    this.role = new ClusterIamRole(this, "role", {
      cluster: props.name,
      name: names.clusterRole(props.name),
      description: `EKS control plane of ${props.name}`,
      boundaryArn: props.boundaryArn,
      trust: policy({
        Effect: "Allow",
        Principal: { Service: servicePrincipal("eks", props.region) },
        Action: ["sts:AssumeRole", "sts:TagSession"],
      }),
      managedPolicyArns: [awsManagedPolicies(props.region).clusterPolicy, props.keyPolicyArn],
    });

    // Created before the cluster, so EKS writes into a group with our retention and key instead
    // of creating one that never expires.
    const logGroup = new CloudwatchLogGroup(this, "logs", {
      name: names.logGroup(props.name),
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });

    this.cluster = new EksClusterResource(this, "cluster", {
      name: props.name,
      version: props.version,
      roleArn: this.role.arn,
      vpcConfig: {
        subnetIds: props.subnetIds,
        securityGroupIds: [props.securityGroupId],
        endpointPrivateAccess: true,
        endpointPublicAccess: props.publicAccess,
        ...(props.publicAccess ? { publicAccessCidrs: props.publicAccessCidrs } : {}),
      },
      kubernetesNetworkConfig: { serviceIpv4Cidr: props.serviceCidr, ipFamily: "ipv4" },
      enabledClusterLogTypes: props.logTypes,
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: props.kmsKeyArn } },
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      // vpc-cni, kube-proxy and coredns come as EKS managed add-ons, versioned in config.
      bootstrapSelfManagedAddons: false,
      upgradePolicy: { supportType: props.supportType },
      dependsOn: [logGroup, ...this.role.policyAttachments],
      ...(props.preconditions ? { lifecycle: { precondition: props.preconditions } } : {}),
    });
    // Pinned address: nothing a refactor does may plan a cluster replacement.
    this.cluster.overrideLogicalId("cluster");
  }

  get name(): string {
    return this.cluster.name;
  }
  get endpoint(): string {
    return this.cluster.endpoint;
  }
  get certificateAuthority(): string {
    return this.cluster.certificateAuthority.get(0).data;
  }
  get oidcIssuer(): string {
    return this.cluster.identity.get(0).oidc.get(0).issuer;
  }
}
