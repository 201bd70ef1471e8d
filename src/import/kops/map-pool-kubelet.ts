/**
 * A pool's kubelet settings: each from the group, or else from the Cluster (kops's own
 * precedence): maxPods (which needs VPC CNI prefix delegation), reserved resources, and hard
 * eviction thresholds.
 */
import * as f from "../../config/formats";
import type { WorkerPoolInput } from "../../config/worker-pool-schema";
import type { FieldReader } from "./ledger";
import { isValid, type PoolMapping } from "./pool-mapping";

/** `memory.available<100Mi,nodefs.available<10%` -> a map of the signals this project knows. */
function mapEvictionHard(r: FieldReader, path: (string | number)[], into: Record<string, string>, to: string): void {
  const text = r.string(path);
  if (text === undefined) return;
  const known = ["memory.available", "nodefs.available", "nodefs.inodesFree", "imagefs.available", "imagefs.inodesFree", "pid.available"];
  const dropped: string[] = [];
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-zA-Z.]+)<(.+)$/.exec(part);
    if (!m || !known.includes(m[1]) || !isValid(f.quantity, m[2])) dropped.push(part);
    else into[m[1]] = m[2];
  }
  if (dropped.length > 0 && dropped.length === text.split(",").filter((p) => p.trim()).length) {
    r.drop(path, "no threshold in it is one this project sets (memory.available, nodefs/imagefs available and inodesFree, pid.available as signal<quantity)");
  } else {
    r.carry(path, to, dropped.length > 0 ? `comma-separated string -> map; not carried: ${dropped.join(", ")}` : "comma-separated string -> map");
  }
}

/** kubeReserved or systemReserved: the resources the kubelet can reserve, as quantities. */
function mapReserved(r: FieldReader, path: (string | number)[], to: string): Record<string, string> | undefined {
  const reserved = r.stringMap(path);
  if (!reserved) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(reserved)) {
    const at = [...path, k];
    if (!["cpu", "memory", "ephemeral-storage", "pid"].includes(k)) r.drop(at, "only cpu, memory, ephemeral-storage and pid can be reserved");
    else if (k === "pid" ? !/^\d+$/.test(v) : !isValid(f.quantity, v)) r.drop(at, "not a quantity the kubelet accepts");
    else {
      out[k] = v;
      r.carry(at, `${to}.${k}`);
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * @param cluster the Cluster document, for cluster-wide settings every pool inherits.
 * @returns true when maxPods was carried: the cluster needs VPC CNI prefix delegation.
 */
export function mapKubelet(m: PoolMapping, cluster: FieldReader): boolean {
  const { r, to, pool } = m;
  const kubelet: NonNullable<WorkerPoolInput["kubelet"]> = {};
  let needsPrefixDelegation = false;
  const base = ["spec", "kubelet"];
  const source = (field: string) => (r.has([...base, field]) ? r : cluster);
  const maxPodsFrom = source("maxPods");
  const maxPods = maxPodsFrom.int([...base, "maxPods"]);
  if (maxPods !== undefined) {
    if (maxPods >= 1 && maxPods <= 737) {
      kubelet.maxPods = maxPods;
      needsPrefixDelegation = true;
      maxPodsFrom.carry([...base, "maxPods"], to("kubelet.maxPods"), "with VPC CNI prefix delegation on (cluster.managedAddons.vpcCni.prefixDelegation)");
    } else maxPodsFrom.drop([...base, "maxPods"], "must be 1-737");
  }
  for (const which of ["kubeReserved", "systemReserved"] as const) {
    const reserved = mapReserved(source(which), [...base, which], to(`kubelet.${which}`));
    if (reserved) kubelet[which] = reserved;
  }
  const eviction: Record<string, string> = {};
  mapEvictionHard(source("evictionHard"), [...base, "evictionHard"], eviction, to("kubelet.evictionHard"));
  if (Object.keys(eviction).length > 0) kubelet.evictionHard = eviction;
  if (Object.keys(kubelet).length > 0) pool.kubelet = kubelet;
  return needsPrefixDelegation;
}
