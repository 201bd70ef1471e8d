/**
 * The VPC and subnets the cluster runs in: given as ids, or read from the state of the Terraform
 * stack that already manages the network (teams keep the state they have). Either way the
 * subnets are looked up, so Terraform refuses to plan a cluster whose subnets are in one
 * availability zone or outside the VPC, with a message instead of a failed EKS create.
 */
import { Construct } from "constructs";
import {
  DataTerraformRemoteState,
  DataTerraformRemoteStateS3,
  Fn,
  Op,
  TerraformIterator,
  Token,
  type IResolvable,
  type TerraformRemoteState,
} from "cdktf";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import type { Network } from "../config/environment";

export class ClusterNetwork extends Construct {
  readonly vpcId: string;
  readonly privateSubnetIds: string[];
  /** Undefined when the network has no public subnets. */
  readonly publicSubnetIds?: string[];
  /** The private subnets as looked up, keyed by id. */
  readonly privateSubnets: DataAwsSubnet;

  constructor(scope: Construct, id: string, network: Network) {
    super(scope, id);
    if (network.kind === "ids") {
      this.vpcId = network.vpcId;
      this.privateSubnetIds = network.privateSubnetIds;
      this.publicSubnetIds = network.publicSubnetIds;
    } else {
      const state = this.remoteState(network.source);
      this.vpcId = state.getString(network.outputs.vpcId);
      this.privateSubnetIds = state.getList(network.outputs.privateSubnetIds);
      if (network.outputs.publicSubnetIds) this.publicSubnetIds = state.getList(network.outputs.publicSubnetIds);
    }
    const each = TerraformIterator.fromList(this.privateSubnetIds);
    this.privateSubnets = new DataAwsSubnet(this, "private-subnet", { forEach: each, id: each.value });
  }

  private remoteState(source: Extract<Network, { kind: "remote-state" }>["source"]): TerraformRemoteState {
    if (source.backend === "s3") {
      return new DataTerraformRemoteStateS3(this, "state", { bucket: source.bucket, key: source.key, region: source.region });
    }
    return new DataTerraformRemoteState(this, "state", {
      organization: source.organization,
      workspaces: { name: source.workspace },
      ...(source.hostname ? { hostname: source.hostname } : {}),
    });
  }

  /** Lifecycle preconditions for whatever runs in the private subnets. */
  subnetPreconditions(): { condition: IResolvable; errorMessage: string }[] {
    const subnets = TerraformIterator.fromDataSources(this.privateSubnets);
    const zones = Token.asList(subnets.pluckProperty("availability_zone"));
    const vpcs = Token.asList(subnets.pluckProperty("vpc_id"));
    return [
      {
        condition: Op.gte(Fn.lengthOf(Fn.distinct(zones)), 2),
        errorMessage: "The cluster's private subnets must span at least two availability zones.",
      },
      {
        condition: Op.and(Op.eq(Fn.lengthOf(Fn.distinct(vpcs)), 1), Fn.contains(vpcs, this.vpcId)),
        errorMessage: "Every private subnet of the cluster must belong to the cluster's VPC.",
      },
    ];
  }
}
