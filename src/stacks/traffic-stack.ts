/**
 * `<env>-traffic`: the weighted Route 53 records that move DNS names from an old cluster to this
 * one, in a state of their own so a DNS change never shares a plan with the cluster. It runs with
 * the caller's own credentials, or a role it assumes (traffic.assumeRoleArn), in the account of the
 * hosted zones: the admin role has no Route 53 permissions. It reads the edge load balancer's DNS
 * name and zone from the cluster stack's state.
 */
import type { Construct } from "constructs";
import type { Environment } from "../config/environment";
import { WeightedCutover } from "../constructs/traffic/weighted-cutover";
import { awsProvider } from "./aws-provider";
import type { ClusterStack } from "./cluster-stack";
import { EnvironmentStack } from "./environment-stack";
import { CLUSTER_OUTPUTS } from "./stack-outputs";

/** `shop.example.com` -> `dns-shop.example.com`; the construct path becomes `dns_shop_example_com_old`. */
export const cutoverId = (name: string) => `dns-${name.replace(/^\*\./, "wildcard.")}`;

export class TrafficStack extends EnvironmentStack {
  readonly cutovers: WeightedCutover[];

  constructor(scope: Construct, env: Environment, cluster: ClusterStack) {
    super(scope, env, "traffic");
    if (!env.traffic) throw new Error(`${env.name} has no traffic section`);
    awsProvider(this, { account: env.traffic.account, assumeRoleArn: env.traffic.assumeRoleArn });
    const fromCluster = this.outputsOf(cluster);
    const edge = { dnsName: fromCluster.getString(CLUSTER_OUTPUTS.edgeHostname), zoneId: fromCluster.getString(CLUSTER_OUTPUTS.edgeZoneId) };
    this.cutovers = env.traffic.records.map((record) => new WeightedCutover(this, cutoverId(record.name), { record, edge }));
  }
}
