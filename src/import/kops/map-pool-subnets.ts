/**
 * A pool's subnets, by kops name; the cluster's own subnets are the default. Nodes get no public
 * addresses here, so a pool in public subnets is an action for the reviewer.
 */
import type { MappedNetwork } from "./map-network";
import type { PoolMapping } from "./pool-mapping";

export function mapSubnets(m: PoolMapping, network: MappedNetwork): void {
  const { r, name, to, pool } = m;
  const subnetNames = r.strings(["spec", "subnets"]);
  if (subnetNames) {
    const ids: string[] = [];
    subnetNames.forEach((s, i) => {
      const subnet = network.byName.get(s);
      if (!subnet) r.problem(["spec", "subnets", i], `${JSON.stringify(s)} is not a subnet of the Cluster (its subnets: ${[...network.byName.keys()].filter((n) => !n.startsWith("--")).join(", ")})`);
      else ids.push(subnet.id);
    });
    const publicOnes = subnetNames.map((s) => network.byName.get(s)).filter((s) => s?.type === "Public" && !network.publicTopology);
    if (publicOnes.length > 0) {
      r.ledger.actions.push(
        `Pool ${name} runs in public subnet${publicOnes.length === 1 ? "" : "s"} ${publicOnes.map((s) => s!.name).join(", ")} as in kops, where its nodes had public addresses; they get none here: leave its subnetIds out (the cluster's private subnets) unless those subnets route through a NAT gateway.`,
      );
    }
    const clusterIds = network.nodeSubnets.map((s) => s.id);
    const same = ids.length === clusterIds.length && ids.every((id) => clusterIds.includes(id));
    if (same) r.carry(["spec", "subnets"], `${to("subnetIds")} (the cluster's subnets, the default)`);
    else {
      pool.subnetIds = ids;
      r.carry(["spec", "subnets"], to("subnetIds"), "subnet names -> ids");
    }
  }
}
