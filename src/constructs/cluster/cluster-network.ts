/**
 * The cluster's network (NetworkRef) with its private subnets looked up, so Terraform refuses to
 * plan a cluster whose subnets are in one availability zone or outside the VPC, with a message
 * instead of a failed EKS create.
 */
import type { Construct } from "constructs";
import { Fn, Op, TerraformIterator, Token, type IResolvable } from "cdktf";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import type { Network } from "../../config/environment";
import { NetworkRef } from "../shared/network-ref";

export class ClusterNetwork extends NetworkRef {
  /** The private subnets as looked up, keyed by id. */
  readonly privateSubnets: DataAwsSubnet;

  constructor(scope: Construct, id: string, network: Network) {
    super(scope, id, network);
    const each = TerraformIterator.fromList(this.privateSubnetIds);
    this.privateSubnets = new DataAwsSubnet(this, "private-subnet", { forEach: each, id: Token.asString(each.value) });
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
