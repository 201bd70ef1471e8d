/**
 * The VPC and subnets a cluster runs in: given as ids, or read from the state of the Terraform
 * stack that already manages the network (teams keep the state they have). The access stack needs
 * them to scope the admin role's permissions; the cluster stack builds in them (ClusterNetwork).
 */
import { Construct } from "constructs";
import { DataTerraformRemoteState, DataTerraformRemoteStateS3, Fn, Token, type TerraformRemoteState } from "cdktf";
import type { Network } from "../../config/environment";
import type { WorkerPool } from "../../config/worker-pool";

export class NetworkRef extends Construct {
  readonly vpcId: string;
  readonly privateSubnetIds: string[];
  /** Undefined when the network has no public subnets. */
  readonly publicSubnetIds?: string[];

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
  }

  /** Every subnet a node may run in: the private subnets and each pool's own. */
  nodeSubnetIds(pools: WorkerPool[]): string[] {
    const own = [...new Set(pools.flatMap((p) => p.subnetIds ?? []))];
    if (Token.isUnresolved(this.privateSubnetIds)) return own.length > 0 ? Token.asList(Fn.concat([this.privateSubnetIds, own])) : this.privateSubnetIds;
    return [...new Set([...this.privateSubnetIds, ...own])];
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
}
