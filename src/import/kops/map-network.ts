/**
 * The kops cluster's VPC and subnets, reused as they are: the VPC from `networkID`, subnets by
 * id. kops-created networks have no ids in the spec; the user supplies them (in the file, or with
 * --vpc-id / --subnet-id), and subnets the kops cluster lacks (EKS needs two zones) with
 * --add-subnet. Private subnets carry the cluster and nodes; utility (or, in a public topology,
 * public) subnets carry the edge load balancer, one per zone.
 */
import * as f from "../../config/formats";
import type { FieldReader } from "./ledger";

export const SUBNET_TYPES = ["Private", "Public", "Utility", "DualStack"] as const;
export type SubnetType = (typeof SUBNET_TYPES)[number];

export interface Subnet {
  /** kops subnet name (or `--add-subnet <zone>` for added ones). */
  name: string;
  id: string;
  zone: string;
  type: SubnetType;
}

export interface AddedSubnet {
  type: "Private" | "Public" | "Utility";
  zone: string;
  id: string;
}

export interface NetworkOptions {
  vpcId?: string;
  /** Ids for kops subnets that have none in the spec, by subnet name. */
  subnetIds?: Record<string, string>;
  addSubnets?: AddedSubnet[];
  region?: string;
}

export interface MappedNetwork {
  region: string;
  vpcId: string;
  /** Where the cluster and the nodes run. */
  nodeSubnets: Subnet[];
  /** Public subnets for the edge load balancer, one per zone; fewer than two zones: none usable. */
  loadBalancerSubnets: Subnet[];
  /** Every subnet by kops name, for instance groups' `subnets`. */
  byName: Map<string, Subnet>;
  /** true: nodes run in public subnets because the kops cluster had no private ones. */
  publicTopology: boolean;
}

const ZONE = /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)[a-z]$/;
const isVpcId = (s: string) => f.vpcId.check(s, [], []);
const isSubnetId = (s: string) => f.subnetId.check(s, [], []);
const zones = (subnets: Subnet[]) => [...new Set(subnets.map((s) => s.zone))];

export function mapNetwork(r: FieldReader, clusterName: string, options: NetworkOptions): MappedNetwork | undefined {
  const lookup = `aws ec2 describe-subnets --filters Name=tag:KubernetesCluster,Values=${clusterName}`;
  let vpcId = r.string(["spec", "networkID"]);
  if (vpcId !== undefined) {
    if (!isVpcId(vpcId)) r.problem(["spec", "networkID"], `${JSON.stringify(vpcId)} is not a VPC id such as vpc-0a1b2c3d4e5f67890`);
    else if (options.vpcId && options.vpcId !== vpcId) r.problem(["spec", "networkID"], `is ${vpcId} but --vpc-id says ${options.vpcId}`);
    else r.carry(["spec", "networkID"], "network.vpcId");
  } else if (options.vpcId) {
    vpcId = options.vpcId;
    if (!isVpcId(vpcId)) r.problem(["spec", "networkID"], `--vpc-id ${vpcId} is not a VPC id such as vpc-0a1b2c3d4e5f67890`);
    r.ledger.actions.push(
      `kops created this VPC and owns it: kops delete cluster ${clusterName} would delete the network the new cluster runs in. Make kops treat it as shared before decommissioning (docs/kops-migration.md, "Decommissioning"), and bring it under Terraform of its own.`,
    );
  } else {
    r.problem(
      ["spec", "networkID"],
      `is not set: kops created this VPC. Find its id (aws ec2 describe-vpcs --filters Name=tag:KubernetesCluster,Values=${clusterName}) and add networkID: <vpc-id> to the Cluster spec, or pass --vpc-id <vpc-id>`,
    );
  }

  const list = r.list(["spec", "subnets"]);
  if (!list || list.length === 0) {
    r.problem(["spec", "subnets"], "must list the cluster's subnets");
    return undefined;
  }
  const subnets: Subnet[] = [];
  const known = new Set<string>();
  list.forEach((_, i) => {
    const at = (field: string) => ["spec", "subnets", i, field];
    const name = r.string(at("name"));
    const type = r.string(at("type"));
    const zone = r.string(at("zone"));
    if (name === undefined) return r.problem(at("name"), "is required");
    known.add(name);
    r.read(at("name"));
    if (!type || !(SUBNET_TYPES as readonly string[]).includes(type)) {
      return r.problem(at("type"), `must be one of ${SUBNET_TYPES.join(", ")}; got ${JSON.stringify(type)}`);
    }
    r.read(at("type"));
    if (!zone || !ZONE.test(zone)) return r.problem(at("zone"), `must be an availability zone such as eu-west-1a; got ${JSON.stringify(zone)}`);
    r.read(at("zone"));
    let id = r.string(at("id"));
    const given = options.subnetIds?.[name];
    if (id !== undefined) {
      if (!isSubnetId(id)) return r.problem(at("id"), `${JSON.stringify(id)} is not a subnet id such as subnet-0a1b2c3d4e5f67890`);
      if (given && given !== id) return r.problem(at("id"), `is ${id} but --subnet-id ${name}=${given} says otherwise`);
      r.read(at("id"));
    } else if (given) {
      if (!isSubnetId(given)) return r.problem(["spec", "subnets", i], `subnet ${name}: --subnet-id ${name}=${given} is not a subnet id such as subnet-0a1b2c3d4e5f67890`);
      id = given;
    } else {
      return r.problem(
        ["spec", "subnets", i],
        `subnet ${name} has no id: kops created it. EKS reuses subnets by id: find it (${lookup}) and add id: <subnet-id> to this subnet in the file, or pass --subnet-id ${name}=<subnet-id>`,
      );
    }
    subnets.push({ name, id, zone, type: type as SubnetType });
  });
  for (const name of Object.keys(options.subnetIds ?? {})) {
    if (!known.has(name)) r.problem(["spec", "subnets"], `--subnet-id ${name}=...: the Cluster has no subnet named ${name} (its subnets: ${[...known].join(", ")})`);
  }
  for (const added of options.addSubnets ?? []) {
    if (!ZONE.test(added.zone)) r.problem(["spec", "subnets"], `--add-subnet ${added.type}:${added.zone}: ${added.zone} is not an availability zone`);
    else if (!isSubnetId(added.id)) r.problem(["spec", "subnets"], `--add-subnet ${added.type}:${added.zone}=${added.id}: not a subnet id`);
    else subnets.push({ name: `--add-subnet ${added.type}:${added.zone}`, ...added });
  }
  const ids = subnets.map((s) => s.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) r.problem(["spec", "subnets"], `subnet ${dup} is given twice`);

  const regions = [...new Set(subnets.map((s) => ZONE.exec(s.zone)![1]))];
  if (regions.length > 1) r.problem(["spec", "subnets"], `span several regions (${regions.join(", ")}); an EKS cluster lives in one`);
  const region = options.region ?? regions[0];
  if (options.region && regions.length === 1 && regions[0] !== options.region) {
    r.problem(["spec", "subnets"], `are in ${regions[0]}, not in --region ${options.region}: the cluster reuses them, so it lives in their region`);
  }
  if (!vpcId || !region || r.ledger.problems.length > 0) return undefined;

  const privateSubnets = subnets.filter((s) => s.type === "Private" || s.type === "DualStack");
  const publicTopology = privateSubnets.length === 0;
  const nodeSubnets = publicTopology ? subnets.filter((s) => s.type === "Public") : privateSubnets;
  if (zones(nodeSubnets).length < 2) {
    const kind = publicTopology ? "Public" : "Private";
    r.problem(
      ["spec", "subnets"],
      `EKS needs the cluster's subnets in at least two availability zones; the kops cluster's ${kind.toLowerCase()} subnets are all in ${zones(nodeSubnets).join(", ") || "no zone"}. Create a ${kind.toLowerCase()} subnet in another zone of ${region} and pass it with --add-subnet ${kind}:<zone>=<subnet-id>`,
    );
    return undefined;
  }
  // One load balancer subnet per zone: utility subnets first, public ones where a zone has none.
  const loadBalancerSubnets: Subnet[] = [];
  for (const s of [...subnets.filter((x) => x.type === "Utility"), ...subnets.filter((x) => x.type === "Public")]) {
    if (!loadBalancerSubnets.some((x) => x.zone === s.zone)) loadBalancerSubnets.push(s);
  }
  // Where each kops subnet went, and where its id came from.
  list.forEach((_, i) => {
    const s = subnets.find((x) => x.name === r.value(["spec", "subnets", i, "name"]));
    if (!s) return;
    const uses = [nodeSubnets.includes(s) ? "network.privateSubnetIds" : "", zones(loadBalancerSubnets).length >= 2 && loadBalancerSubnets.includes(s) ? "network.publicSubnetIds" : ""].filter(Boolean);
    const from = r.has(["spec", "subnets", i, "id"]) ? "" : " (id from --subnet-id)";
    r.carry(["spec", "subnets", i, "name"], uses.join(", ") || "only where an instance group names it", `${s.type} ${s.zone}: ${s.id}${from}`);
  });
  for (const s of subnets.filter((x) => x.name.startsWith("--add-subnet"))) {
    r.ledger.decisions.push(`Subnet ${s.id} (${s.type}, ${s.zone}) added with --add-subnet: the kops cluster had no such subnet there.`);
  }
  return { region, vpcId, nodeSubnets, loadBalancerSubnets, byName: new Map(subnets.map((s) => [s.name, s])), publicTopology };
}
