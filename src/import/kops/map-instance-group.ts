/**
 * One kops InstanceGroup of role Node becomes one worker pool: machine types and the
 * mixed-instances policy, sizes, labels, taints, root volume, subnets, kubelet settings and shell
 * user-data. The pool's class is inferred (CriticalAddonsOnly taint or a `system` label: system;
 * behind external load balancers: edge; otherwise general). Control-plane, API server and bastion
 * groups, and Karpenter-managed ones, are not carried.
 */
import type { WorkerPoolInput } from "../../config/worker-pool-schema";
import type { FieldReader } from "./ledger";
import type { MappedNetwork } from "./map-network";
import { mapInstanceTypes, mapSizes, readCapacity } from "./map-pool-capacity";
import { mapPoolClass, readClassSignals } from "./map-pool-class";
import { mapKubelet } from "./map-pool-kubelet";
import { mapLabelsAndTaints } from "./map-pool-labels";
import { mapLaunchOptions, mapUserData } from "./map-pool-launch";
import { mapRootVolume } from "./map-pool-root-volume";
import { mapSubnets } from "./map-pool-subnets";
import type { PoolMapping } from "./pool-mapping";

export interface MappedPool {
  pool: WorkerPoolInput;
  /** Kubelet maxPods was carried: the cluster needs VPC CNI prefix delegation. */
  needsPrefixDelegation: boolean;
}

const NOT_NODES: Record<string, string> = {
  Master: "control-plane nodes: EKS runs the control plane",
  ControlPlane: "control-plane nodes: EKS runs the control plane",
  APIServer: "API server nodes: EKS runs the control plane",
  Bastion: "bastion hosts: use kubectl debug node/<name>, or SSM Session Manager through a pool's iamPolicyArns",
};

/** A pool name from the group's name: lower-case DNS style, at most 24 characters. */
export function poolName(groupName: string): string {
  const cleaned = groupName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, 24)
    .replace(/-+$/, "");
  return cleaned || "pool";
}

export interface InstanceGroupContext {
  network: MappedNetwork;
  /** The Cluster document, for cluster-wide kubelet settings every pool inherits. */
  cluster: FieldReader;
  /** Pool names taken so far. */
  taken: Set<string>;
}

export function mapInstanceGroup(r: FieldReader, ctx: InstanceGroupContext): MappedPool | undefined {
  const group = r.doc.name;
  const role = r.string(["spec", "role"]);
  if (role !== undefined && NOT_NODES[role]) {
    r.drop(["spec"], `role ${role}: ${NOT_NODES[role]}`);
    return undefined;
  }
  if (role !== "Node") {
    r.problem(["spec", "role"], `must be Node, Master, ControlPlane, APIServer or Bastion; got ${JSON.stringify(role)}`);
    return undefined;
  }
  const manager = r.string(["spec", "manager"]);
  if (manager === "Karpenter") {
    r.drop(["spec"], "managed by Karpenter, which this project does not support yet: add a worker pool, or keep this capacity on the kops cluster until Karpenter support lands");
    return undefined;
  }

  let name = poolName(group);
  for (let n = 2; ctx.taken.has(name); n++) name = `${poolName(group).slice(0, 21)}-${n}`;
  ctx.taken.add(name);
  const to = (field: string) => `workerPools(${name}).${field}`;
  const pool: Partial<WorkerPoolInput> & { name: string } = { name };
  if (name !== group) r.ledger.decisions.push(`InstanceGroup ${group} is pool ${name} (pool names are lower-case DNS labels of at most 24 characters).`);
  const m: PoolMapping = { r, group, name, to, pool };

  // In this order: the report lists decisions and actions as they were made.
  const capacity = readCapacity(r);
  if (!capacity) return undefined;
  const signals = readClassSignals(r);
  const cls = mapPoolClass(m, signals, capacity.spot);
  mapInstanceTypes(m, capacity, cls);
  mapSizes(m, capacity, cls);
  mapLabelsAndTaints(m, signals, cls);
  mapRootVolume(m);
  mapSubnets(m, ctx.network);
  const needsPrefixDelegation = mapKubelet(m, ctx.cluster);
  mapUserData(m);
  mapLaunchOptions(m);
  r.read(["spec", "role"]);

  return { pool: pool as WorkerPoolInput, needsPrefixDelegation };
}
