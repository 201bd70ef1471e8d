/**
 * One kops InstanceGroup of role Node becomes one worker pool: machine types and the
 * mixed-instances policy, sizes, labels, taints, root volume, subnets, kubelet settings and shell
 * user-data. The pool's class is inferred (CriticalAddonsOnly taint or a `system` label: system;
 * behind external load balancers: edge; otherwise general). Control-plane, API server and bastion
 * groups, and Karpenter-managed ones, are not carried.
 */
import * as f from "../../config/formats";
import { isKubeletRestrictedLabel, labelKeyProblem, labelValueProblem, parseTaint } from "../../config/kubernetes-labels";
import { POOL_PRESETS } from "../../config/pool-presets";
import { SPOT_ALLOCATION_STRATEGIES, type PoolClass, type WorkerPoolInput } from "../../config/worker-pool-schema";
import type { FieldReader } from "./ledger";
import type { MappedNetwork } from "./map-network";
import { MIN_SPOT_TYPES, narrowToOneShape, spotSiblings } from "./spot-diversity";

const ok = (schema: { check(v: unknown, p: [], i: []): boolean }, v: unknown) => schema.check(v, [], []);

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

/** `memory.available<100Mi,nodefs.available<10%` -> a map of the signals this project knows. */
function mapEvictionHard(r: FieldReader, path: (string | number)[], into: Record<string, string>, to: string): void {
  const text = r.string(path);
  if (text === undefined) return;
  const known = ["memory.available", "nodefs.available", "nodefs.inodesFree", "imagefs.available", "imagefs.inodesFree", "pid.available"];
  const dropped: string[] = [];
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-zA-Z.]+)<(.+)$/.exec(part);
    if (!m || !known.includes(m[1]) || !ok(f.quantity, m[2])) dropped.push(part);
    else into[m[1]] = m[2];
  }
  if (dropped.length > 0 && dropped.length === text.split(",").filter((p) => p.trim()).length) {
    r.drop(path, "no threshold in it is one this project sets (memory.available, nodefs/imagefs available and inodesFree, pid.available as signal<quantity)");
  } else {
    r.carry(path, to, dropped.length > 0 ? `comma-separated string -> map; not carried: ${dropped.join(", ")}` : "comma-separated string -> map");
  }
}

function mapReserved(r: FieldReader, path: (string | number)[], to: string): Record<string, string> | undefined {
  const reserved = r.stringMap(path);
  if (!reserved) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(reserved)) {
    const at = [...path, k];
    if (!["cpu", "memory", "ephemeral-storage", "pid"].includes(k)) r.drop(at, "only cpu, memory, ephemeral-storage and pid can be reserved");
    else if (k === "pid" ? !/^\d+$/.test(v) : !ok(f.quantity, v)) r.drop(at, "not a quantity the kubelet accepts");
    else {
      out[k] = v;
      r.carry(at, `${to}.${k}`);
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
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

  // Capacity: on-demand unless kops asked for spot (maxPrice, or a mixed policy below 100% on-demand).
  const mixed = r.map(["spec", "mixedInstancesPolicy"]);
  const machineType = r.string(["spec", "machineType"]);
  const policyTypes = r.strings(["spec", "mixedInstancesPolicy", "instances"]);
  const kopsTypes = policyTypes && policyTypes.length > 0 ? policyTypes : machineType ? [machineType] : [];
  if (kopsTypes.length === 0) {
    r.problem(["spec", "machineType"], "is required (or mixedInstancesPolicy.instances)");
    return undefined;
  }
  const badType = kopsTypes.find((t) => !ok(f.instanceType, t));
  if (badType) {
    r.problem(policyTypes ? ["spec", "mixedInstancesPolicy", "instances"] : ["spec", "machineType"], `${JSON.stringify(badType)} is not an EC2 instance type`);
    return undefined;
  }
  const maxPrice = r.has(["spec", "maxPrice"]);
  const onDemandBase = r.int(["spec", "mixedInstancesPolicy", "onDemandBase"]) ?? 0;
  const onDemandAbove = r.int(["spec", "mixedInstancesPolicy", "onDemandAboveBase"]) ?? (maxPrice ? 0 : 100);
  if (onDemandAbove > 100) r.problem(["spec", "mixedInstancesPolicy", "onDemandAboveBase"], "must be 0-100");
  const minSize = r.int(["spec", "minSize"]);
  const maxSize = r.int(["spec", "maxSize"]);

  // Class: what the group did in the kops cluster.
  const taints = r.strings(["spec", "taints"]) ?? [];
  const labels = r.stringMap(["spec", "nodeLabels"]) ?? {};
  const lbs = r.list(["spec", "externalLoadBalancers"]) ?? [];
  const spot = onDemandAbove < 100;
  let cls: PoolClass;
  let why: string;
  if (taints.some((t) => t.startsWith("CriticalAddonsOnly"))) [cls, why] = ["system", "tainted CriticalAddonsOnly"];
  else if (Object.entries(labels).some(([k, v]) => v === "system" || k.endsWith("/system"))) [cls, why] = ["system", "labelled system"];
  else if (lbs.length > 0) {
    const names = lbs.map((lb) => (lb as Record<string, unknown> | null)?.loadBalancerName ?? (lb as Record<string, unknown> | null)?.targetGroupArn).filter(Boolean);
    [cls, why] = ["edge", `behind the external load balancer${names.length === 1 ? "" : "s"} ${names.join(", ")}`];
  } else if (spot) [cls, why] = ["general", "runs on spot"];
  else [cls, why] = ["general", "neither tainted for cluster add-ons nor behind a load balancer"];
  pool.class = cls;
  r.ledger.decisions.push(`Pool ${name}: class ${cls} (${why}).`);
  if (cls === "edge") {
    r.ledger.decisions.push(
      `Pool ${name}: edge nodes carry the ${POOL_PRESETS.edge.taints.join(", ")} taint unless kops gave them taints, so only the ingress controller (Traefik) runs there; workloads that ran on ${group} need a general pool.`,
    );
  }

  // Instance types: one shape for cluster-autoscaler, at least four for spot.
  const { kept, dropped } = narrowToOneShape(kopsTypes);
  let instanceTypes = kept;
  const typesPath = policyTypes ? ["spec", "mixedInstancesPolicy", "instances"] : ["spec", "machineType"];
  let typesNote = dropped.length > 0 ? `${dropped.join(", ")} not carried: cluster-autoscaler models a pool on one size and family kind; add pools for them if you need them` : undefined;
  let percentage = onDemandAbove;
  if (spot && (maxSize ?? POOL_PRESETS[cls].maxSize) > onDemandBase && instanceTypes.length < MIN_SPOT_TYPES) {
    const siblings = spotSiblings(instanceTypes);
    if (instanceTypes.length + siblings.length >= MIN_SPOT_TYPES) {
      instanceTypes = [...instanceTypes, ...siblings];
      typesNote = [typesNote, `added ${siblings.join(", ")} (same size and family kind) so spot has ${MIN_SPOT_TYPES} types to diversify over`].filter(Boolean).join("; ");
    } else {
      percentage = 100;
      r.ledger.actions.push(
        `Pool ${name} ran on spot with ${instanceTypes.join(", ")}, too few interchangeable types for a diversified spot pool: it is on-demand here. List at least ${MIN_SPOT_TYPES} types of one size and family kind and lower onDemandPercentageAboveBase to use spot again.`,
      );
    }
  }
  pool.instanceTypes = instanceTypes;
  r.carry(typesPath, to("instanceTypes"), typesNote);
  if (policyTypes && machineType !== undefined) {
    if (instanceTypes.includes(machineType)) r.carry(["spec", "machineType"], to("instanceTypes"));
    else r.drop(["spec", "machineType"], "mixedInstancesPolicy.instances decide the pool's types");
  }
  pool.onDemandBaseCapacity = onDemandBase;
  pool.onDemandPercentageAboveBase = percentage;
  if (mixed) {
    if (r.has(["spec", "mixedInstancesPolicy", "onDemandBase"])) r.carry(["spec", "mixedInstancesPolicy", "onDemandBase"], to("onDemandBaseCapacity"));
    if (r.has(["spec", "mixedInstancesPolicy", "onDemandAboveBase"])) {
      r.carry(["spec", "mixedInstancesPolicy", "onDemandAboveBase"], to("onDemandPercentageAboveBase"), percentage !== onDemandAbove ? `${onDemandAbove} -> ${percentage} (see the actions)` : undefined);
    }
    const strategy = r.string(["spec", "mixedInstancesPolicy", "spotAllocationStrategy"]);
    if (strategy !== undefined) {
      if ((SPOT_ALLOCATION_STRATEGIES as readonly string[]).includes(strategy)) {
        pool.spotAllocationStrategy = strategy as WorkerPoolInput["spotAllocationStrategy"];
        r.carry(["spec", "mixedInstancesPolicy", "spotAllocationStrategy"], to("spotAllocationStrategy"));
      } else r.drop(["spec", "mixedInstancesPolicy", "spotAllocationStrategy"], `not one of ${SPOT_ALLOCATION_STRATEGIES.join(", ")}; price-capacity-optimized applies`);
    } else if (spot) {
      r.ledger.decisions.push(`Pool ${name}: spot capacity uses price-capacity-optimized (kops left AWS's default, lowest-price).`);
    }
  }
  const rebalance = r.boolean(["spec", "capacityRebalance"]);
  if (rebalance !== undefined) {
    pool.capacityRebalance = rebalance;
    r.carry(["spec", "capacityRebalance"], to("capacityRebalance"));
  }

  // Sizes.
  if (minSize !== undefined) {
    pool.minSize = minSize;
    r.carry(["spec", "minSize"], to("minSize"));
  }
  if (maxSize !== undefined) {
    if (minSize !== undefined && maxSize < minSize) r.problem(["spec", "maxSize"], `must be >= minSize (${minSize})`);
    pool.maxSize = maxSize;
    r.carry(["spec", "maxSize"], to("maxSize"));
  }
  if (minSize === undefined || maxSize === undefined) r.ledger.decisions.push(`Pool ${name}: kops gave no ${minSize === undefined ? "minSize" : "maxSize"}; the ${cls} class default applies.`);

  // Labels the kubelet may set on itself; taints as kops writes them (key=value:Effect).
  const carriedLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) {
    const at = ["spec", "nodeLabels", k];
    const problem = labelKeyProblem(k) ?? labelValueProblem(v);
    if (problem) r.drop(at, problem);
    else if (isKubeletRestrictedLabel(k)) r.drop(at, "the kubelet may not set labels in the kubernetes.io or k8s.io namespaces on itself (NodeRestriction); the node would never register");
    else {
      carriedLabels[k] = v;
      r.carry(at, `${to("labels")}[${JSON.stringify(k)}]`);
    }
  }
  if (Object.keys(carriedLabels).length > 0) pool.labels = carriedLabels;
  const carriedTaints: string[] = [];
  taints.forEach((t, i) => {
    const parsed = parseTaint(t);
    if (typeof parsed === "string") r.drop(["spec", "taints", i], parsed);
    else {
      carriedTaints.push(t);
      r.carry(["spec", "taints", i], to("taints"));
    }
  });
  if (carriedTaints.length > 0) pool.taints = carriedTaints;
  else if (POOL_PRESETS[cls].taints.length > 0 && cls !== "edge") {
    r.ledger.decisions.push(`Pool ${name}: kops gave no taints, so the ${cls} class taint ${POOL_PRESETS[cls].taints.join(", ")} applies.`);
  }

  // Root volume (always encrypted here).
  const rootVolume: NonNullable<WorkerPoolInput["rootVolume"]> = {};
  const size = r.int(["spec", "rootVolumeSize"]);
  if (size !== undefined) {
    rootVolume.sizeGiB = Math.max(size, 20);
    r.carry(["spec", "rootVolumeSize"], to("rootVolume.sizeGiB"), size < 20 ? `${size} -> 20 GiB (the smallest root volume this project makes)` : undefined);
  }
  const volumeType = r.string(["spec", "rootVolumeType"]);
  const type = volumeType && ["gp3", "gp2", "io1", "io2"].includes(volumeType) ? (volumeType as "gp3" | "gp2" | "io1" | "io2") : undefined;
  if (volumeType !== undefined) {
    if (type) {
      rootVolume.type = type;
      r.carry(["spec", "rootVolumeType"], to("rootVolume.type"));
    } else r.drop(["spec", "rootVolumeType"], "root volumes are gp3, gp2, io1 or io2 here; gp3 applies");
  }
  const effectiveType = type ?? "gp3";
  const iops = r.int(["spec", "rootVolumeIops"]);
  if (iops !== undefined) {
    const fits = effectiveType === "gp3" ? iops >= 3000 && iops <= 16000 : effectiveType !== "gp2" && iops >= 100 && iops <= 256000;
    if (fits) {
      rootVolume.iops = iops;
      r.carry(["spec", "rootVolumeIops"], to("rootVolume.iops"));
    } else r.drop(["spec", "rootVolumeIops"], `outside what a ${effectiveType} volume takes (gp3: 3000-16000; gp2: none)`);
  }
  const throughput = r.int(["spec", "rootVolumeThroughput"]);
  if (throughput !== undefined) {
    if (effectiveType === "gp3" && throughput >= 125 && throughput <= 1000) {
      rootVolume.throughput = throughput;
      r.carry(["spec", "rootVolumeThroughput"], to("rootVolume.throughput"));
    } else r.drop(["spec", "rootVolumeThroughput"], "only gp3 volumes take a throughput, 125-1000 MiB/s");
  }
  const key = r.string(["spec", "rootVolumeEncryptionKey"]);
  if (key !== undefined) {
    if (ok(f.kmsKeyArn, key)) {
      rootVolume.kmsKeyArn = key;
      r.carry(["spec", "rootVolumeEncryptionKey"], to("rootVolume.kmsKeyArn"));
    } else r.drop(["spec", "rootVolumeEncryptionKey"], "not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>); the account's default EBS key applies");
  }
  if (r.boolean(["spec", "rootVolumeEncryption"]) === true) r.carry(["spec", "rootVolumeEncryption"], to("rootVolume"), "always encrypted here");
  if (Object.keys(rootVolume).length > 0) pool.rootVolume = rootVolume;

  // Subnets by kops name; the cluster's own subnets are the default.
  const subnetNames = r.strings(["spec", "subnets"]);
  if (subnetNames) {
    const ids: string[] = [];
    subnetNames.forEach((s, i) => {
      const subnet = ctx.network.byName.get(s);
      if (!subnet) r.problem(["spec", "subnets", i], `${JSON.stringify(s)} is not a subnet of the Cluster (its subnets: ${[...ctx.network.byName.keys()].filter((n) => !n.startsWith("--")).join(", ")})`);
      else ids.push(subnet.id);
    });
    const publicOnes = subnetNames.map((s) => ctx.network.byName.get(s)).filter((s) => s?.type === "Public" && !ctx.network.publicTopology);
    if (publicOnes.length > 0) {
      r.ledger.actions.push(
        `Pool ${name} runs in public subnet${publicOnes.length === 1 ? "" : "s"} ${publicOnes.map((s) => s!.name).join(", ")} as in kops, where its nodes had public addresses; they get none here: leave its subnetIds out (the cluster's private subnets) unless those subnets route through a NAT gateway.`,
      );
    }
    const clusterIds = ctx.network.nodeSubnets.map((s) => s.id);
    const same = ids.length === clusterIds.length && ids.every((id) => clusterIds.includes(id));
    if (same) r.carry(["spec", "subnets"], `${to("subnetIds")} (the cluster's subnets, the default)`);
    else {
      pool.subnetIds = ids;
      r.carry(["spec", "subnets"], to("subnetIds"), "subnet names -> ids");
    }
  }

  // Kubelet: each setting from the group, or else from the Cluster (kops's own precedence).
  const kubelet: NonNullable<WorkerPoolInput["kubelet"]> = {};
  let needsPrefixDelegation = false;
  const base = ["spec", "kubelet"];
  const source = (field: string) => (r.has([...base, field]) ? r : ctx.cluster);
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

  // Shell user-data parts, in order.
  const scripts: string[] = [];
  (r.list(["spec", "additionalUserData"]) ?? []).forEach((_, i) => {
    const at = ["spec", "additionalUserData", i];
    const type = r.string([...at, "type"]);
    const content = r.string([...at, "content"]);
    if (content === undefined) return r.problem([...at, "content"], "is required");
    if (type === "text/x-shellscript" || (type === undefined && content.startsWith("#!"))) {
      scripts.push(content);
      r.carry([...at, "content"], to("extraShellScripts"));
    } else r.drop(at, `${type ?? "this part"}: only shell scripts are carried (cloud-config and boothooks are not); rewrite it as a shell script`);
  });
  if (scripts.length > 0) pool.extraShellScripts = scripts;

  // Extra security groups by id; IMDS hop limit; detailed monitoring (always on here).
  const groups = r.strings(["spec", "additionalSecurityGroups"]) ?? [];
  const sgIds: string[] = [];
  groups.forEach((g, i) => {
    if (ok(f.securityGroupId, g)) {
      sgIds.push(g);
      r.carry(["spec", "additionalSecurityGroups", i], to("securityGroupIds"));
    } else r.drop(["spec", "additionalSecurityGroups", i], "not a security group id (sg-0a1b2c3d4e5f67890)");
  });
  if (sgIds.length > 0) pool.securityGroupIds = sgIds;
  const hops = r.int(["spec", "instanceMetadata", "httpPutResponseHopLimit"]);
  if (hops !== undefined) {
    if (hops >= 1 && hops <= 64) {
      pool.metadataHopLimit = hops;
      r.carry(["spec", "instanceMetadata", "httpPutResponseHopLimit"], to("metadataHopLimit"));
    } else r.drop(["spec", "instanceMetadata", "httpPutResponseHopLimit"], "must be 1-64");
  }
  if (r.boolean(["spec", "detailedInstanceMonitoring"]) === true) r.carry(["spec", "detailedInstanceMonitoring"], to("(launch template)"), "always on here");
  r.read(["spec", "role"]);

  return { pool: pool as WorkerPoolInput, needsPrefixDelegation };
}
