/**
 * The EKS control plane: its log group and the cluster itself, private by default, with secrets
 * envelope-encrypted and authentication through access entries only. Its IAM role comes from the
 * access stack (src/constructs/access/control-plane-role.ts).
 */
import { Construct } from "constructs";
import type { IResolvable } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksCluster as EksClusterResource } from "@cdktf/provider-aws/lib/eks-cluster";
import { names } from "../../naming/names";

export interface ControlPlaneProps {
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
  /** Key for Kubernetes secrets. */
  kmsKeyArn: string;
  /** Key for the log group: its key policy must admit CloudWatch Logs of the region. */
  logsKeyArn: string;
  /** The control plane's IAM role (access stack), with its policies attached there. */
  roleArn: string;
  /** Checked before the cluster is created or changed (subnets in two zones and in the VPC). */
  preconditions?: { condition: IResolvable; errorMessage: string }[];
}

export class ControlPlane extends Construct {
  readonly cluster: EksClusterResource;

  constructor(scope: Construct, id: string, props: ControlPlaneProps) {
    super(scope, id);
    // Created before the cluster, so EKS writes into a group with our retention and key instead
    // of creating one that never expires.
    const logGroup = new CloudwatchLogGroup(this, "logs", {
      name: names.logGroup(props.name),
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKeyArn,
    });

    this.cluster = new EksClusterResource(this, "cluster", {
      name: props.name,
      version: props.version,
      roleArn: props.roleArn,
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
      dependsOn: [logGroup],
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
