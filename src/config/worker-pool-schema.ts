/**
 * One worker pool: a self-managed Auto Scaling Group with its own launch template and IAM role.
 * The input schema accepts what a person writes; `resolvePool` applies the class preset and the
 * defaults, and `checkPool` reports what is valid field by field but wrong as a whole.
 */
import * as f from "./formats";
import { architectureOf, type Architecture } from "./instance-types";
import {
  formatTaint,
  isKubeletRestrictedLabel,
  labelKeyProblem,
  labelValueProblem,
  parseTaint,
  type Taint,
} from "./kubernetes-labels";
import { POOL_PRESETS } from "./pool-presets";
import { boolean, list, number, object, oneOf, optional, record, rule, string, stringOrObject, type Infer } from "./schema-kit";

export const POOL_CLASSES = ["system", "edge", "general"] as const;
export type PoolClass = (typeof POOL_CLASSES)[number];

export const SPOT_ALLOCATION_STRATEGIES = [
  "price-capacity-optimized",
  "capacity-optimized",
  "capacity-optimized-prioritized",
  "lowest-price",
] as const;

/**
 * The kubelet's own hard eviction thresholds. Setting any one of them drops the defaults of all
 * the others (they become 0, disabled), so a pool that sets some gets these for the rest.
 */
export const KUBELET_EVICTION_DEFAULTS: Readonly<Record<string, string>> = {
  "memory.available": "100Mi",
  "nodefs.available": "10%",
  "nodefs.inodesFree": "5%",
  "imagefs.available": "15%",
};

/** Seconds a lifecycle hook must outlast the drain, for the drainer's own API calls. */
export const HOOK_MARGIN_SECONDS = 60;
/** The default hook heartbeat is the drain timeout plus this. */
export const DEFAULT_HOOK_EXTRA_SECONDS = 120;

const reserved = object({
  cpu: optional(f.quantity),
  memory: optional(f.quantity),
  "ephemeral-storage": optional(f.quantity),
  pid: optional(string({ pattern: /^\d+$/, message: "must be a whole number of process ids" })),
});

const evictionHard = object({
  "memory.available": optional(f.quantity),
  "nodefs.available": optional(f.quantity),
  "nodefs.inodesFree": optional(f.quantity),
  "imagefs.available": optional(f.quantity),
  "imagefs.inodesFree": optional(f.quantity),
  "pid.available": optional(f.quantity),
});

const instanceTypeEntry = stringOrObject(f.instanceType, object({ type: f.instanceType, weight: optional(f.intBetween(1, 999)) }));

const workerPoolFields = object({
  /** Pool name, unique in the environment; part of the ASG, launch template and role names. */
  name: f.dnsName(24),
  /** Preset the defaults come from. */
  class: oneOf(POOL_CLASSES),
  /** Default `al2023`. Amazon Linux 2 is end of life for EKS and not offered. */
  amiFamily: optional(oneOf(["al2023", "bottlerocket"])),
  /** Default: the architecture of the instance types (all must agree), else `x86_64`. */
  architecture: optional(oneOf(["x86_64", "arm64"])),
  /** Default: the EKS-recommended AMI from its public SSM parameter for the cluster version. */
  amiId: optional(f.amiId),
  /** Default: the class preset. Strings, or `{ type, weight }` for weighted capacity. */
  instanceTypes: optional(list(instanceTypeEntry, { min: 1, minMessage: "must list at least one instance type" })),
  minSize: optional(f.nonNegativeInt),
  maxSize: optional(number({ int: true, min: 0, max: 1000 })),
  /** Initial desired capacity; ignored after creation (the cluster autoscaler owns it). Default minSize. */
  desiredSize: optional(f.nonNegativeInt),
  /** Default: system and edge follow minSize; general 0. */
  onDemandBaseCapacity: optional(f.nonNegativeInt),
  /** Default: system and edge 100; general 0. */
  onDemandPercentageAboveBase: optional(f.percentage),
  /** Default `price-capacity-optimized`. */
  spotAllocationStrategy: optional(oneOf(SPOT_ALLOCATION_STRATEGIES)),
  /** Default true: replace spot nodes proactively on rebalance recommendations. */
  capacityRebalance: optional(boolean()),
  /** Default: the cluster's private subnets. */
  subnetIds: optional(list(f.subnetId, { min: 1, minMessage: "must list at least one subnet" })),
  /** Merged over the class labels. */
  labels: optional(record(string())),
  /** `key=value:Effect`. Replaces the class taints when given. */
  taints: optional(list(string())),
  kubelet: optional(
    object({
      /** Default: nodeadm / Bottlerocket compute it from the instance type. */
      maxPods: optional(f.intBetween(1, 737)),
      /** Merged over the class defaults. */
      kubeReserved: optional(reserved),
      systemReserved: optional(reserved),
      /** Default: the kubelet's own thresholds; signals not given keep their kubelet default. */
      evictionHard: optional(evictionHard),
    }),
  ),
  rootVolume: optional(
    object({
      /** Default: class preset (50 or 100 GiB). */
      sizeGiB: optional(f.intBetween(20, 16384)),
      /** Default gp3. */
      type: optional(oneOf(["gp3", "gp2", "io1", "io2"])),
      iops: optional(number({ int: true, min: 100, max: 256000 })),
      /** MiB/s, gp3 only. */
      throughput: optional(f.intBetween(125, 2000)),
      /** Default: the account's default EBS key. */
      kmsKeyArn: optional(f.kmsKeyArn),
    }),
  ),
  /** Added to the node security group. */
  securityGroupIds: optional(list(f.securityGroupId)),
  /** Attached to the node role besides the worker, CNI and ECR-pull policies. */
  iamPolicyArns: optional(list(f.iamPolicyArn)),
  /** Shell scripts run before the node joins (AL2023 only), in the order given. */
  extraShellScripts: optional(list(string({ min: 1 }))),
  /** Seconds the drainer gets to empty a node. Default 300. */
  drainTimeoutSeconds: optional(f.intBetween(30, 3600)),
  /** Lifecycle hook heartbeat. Default drainTimeoutSeconds + 120; at least drainTimeoutSeconds + 60. */
  hookHeartbeatSeconds: optional(f.intBetween(30, 7200)),
  /** IMDSv2 hop limit. Default 1: pods cannot reach the node's credentials. */
  metadataHopLimit: optional(f.intBetween(1, 64)),
  /** Rolling replacement when the launch template changes. */
  instanceRefresh: optional(
    object({
      /** Default 90. */
      minHealthyPercentage: optional(f.percentage),
      /** Default 180. */
      warmupSeconds: optional(f.nonNegativeInt),
    }),
  ),
});

export type WorkerPoolInput = Infer<typeof workerPoolFields>;

/** A pool as written, with the rules that need the whole pool (run when its fields are valid). */
export const workerPoolInputSchema = rule(workerPoolFields, (pool, add) => {
  for (const issue of checkPool(pool)) add(issue.path, issue.message);
});

export interface InstanceTypeWeight {
  type: string;
  /** Capacity units one instance counts for; undefined: unweighted. */
  weight?: number;
}

/** A pool with its class preset and every default applied. */
export interface WorkerPool {
  name: string;
  class: PoolClass;
  amiFamily: "al2023" | "bottlerocket";
  architecture: Architecture;
  amiId?: string;
  instanceTypes: InstanceTypeWeight[];
  minSize: number;
  maxSize: number;
  desiredSize: number;
  onDemandBaseCapacity: number;
  onDemandPercentageAboveBase: number;
  spotAllocationStrategy: (typeof SPOT_ALLOCATION_STRATEGIES)[number];
  capacityRebalance: boolean;
  /** Undefined: the cluster's private subnets. */
  subnetIds?: string[];
  labels: Record<string, string>;
  taints: Taint[];
  kubelet: {
    maxPods?: number;
    kubeReserved: Record<string, string>;
    systemReserved: Record<string, string>;
    evictionHard: Record<string, string>;
  };
  rootVolume: { sizeGiB: number; type: "gp3" | "gp2" | "io1" | "io2"; iops?: number; throughput?: number; kmsKeyArn?: string };
  securityGroupIds: string[];
  iamPolicyArns: string[];
  extraShellScripts: string[];
  drainTimeoutSeconds: number;
  hookHeartbeatSeconds: number;
  metadataHopLimit: number;
  instanceRefresh: { minHealthyPercentage: number; warmupSeconds: number };
}

function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Applies the class preset and defaults. Taints that do not parse are dropped here: checkPool reports them. */
export function resolvePool(input: WorkerPoolInput): WorkerPool {
  const preset = POOL_PRESETS[input.class];
  const instanceTypes = (input.instanceTypes ?? preset.instanceTypes).map((t) =>
    typeof t === "string" ? { type: t } : definedOnly(t) as InstanceTypeWeight,
  );
  const minSize = input.minSize ?? preset.minSize;
  const drainTimeoutSeconds = input.drainTimeoutSeconds ?? 300;
  const taints = (input.taints ?? preset.taints).map(parseTaint).filter((t): t is Taint => typeof t !== "string");
  return {
    name: input.name,
    class: input.class,
    amiFamily: input.amiFamily ?? "al2023",
    architecture: input.architecture ?? architectureOf(instanceTypes[0]?.type ?? "m7i.large"),
    ...(input.amiId ? { amiId: input.amiId } : {}),
    instanceTypes,
    minSize,
    maxSize: input.maxSize ?? Math.max(preset.maxSize, minSize),
    desiredSize: input.desiredSize ?? minSize,
    onDemandBaseCapacity: input.onDemandBaseCapacity ?? preset.onDemandBaseCapacity ?? minSize,
    onDemandPercentageAboveBase: input.onDemandPercentageAboveBase ?? preset.onDemandPercentageAboveBase,
    spotAllocationStrategy: input.spotAllocationStrategy ?? "price-capacity-optimized",
    capacityRebalance: input.capacityRebalance ?? true,
    ...(input.subnetIds ? { subnetIds: input.subnetIds } : {}),
    labels: { ...preset.labels, ...input.labels },
    taints,
    kubelet: {
      ...(input.kubelet?.maxPods !== undefined ? { maxPods: input.kubelet.maxPods } : {}),
      kubeReserved: { ...preset.kubeReserved, ...definedOnly(input.kubelet?.kubeReserved) },
      systemReserved: { ...preset.systemReserved, ...definedOnly(input.kubelet?.systemReserved) },
      evictionHard: input.kubelet?.evictionHard
        ? { ...KUBELET_EVICTION_DEFAULTS, ...(definedOnly(input.kubelet.evictionHard) as Record<string, string>) }
        : {},
    },
    rootVolume: {
      sizeGiB: input.rootVolume?.sizeGiB ?? preset.rootVolumeSizeGiB,
      type: input.rootVolume?.type ?? "gp3",
      ...definedOnly({
        iops: input.rootVolume?.iops,
        throughput: input.rootVolume?.throughput,
        kmsKeyArn: input.rootVolume?.kmsKeyArn,
      }),
    },
    securityGroupIds: input.securityGroupIds ?? [],
    iamPolicyArns: input.iamPolicyArns ?? [],
    extraShellScripts: input.extraShellScripts ?? [],
    drainTimeoutSeconds,
    hookHeartbeatSeconds: input.hookHeartbeatSeconds ?? drainTimeoutSeconds + DEFAULT_HOOK_EXTRA_SECONDS,
    metadataHopLimit: input.metadataHopLimit ?? 1,
    instanceRefresh: {
      minHealthyPercentage: input.instanceRefresh?.minHealthyPercentage ?? 90,
      warmupSeconds: input.instanceRefresh?.warmupSeconds ?? 180,
    },
  };
}

export interface PoolIssue {
  path: (string | number)[];
  message: string;
}

/** Checks that need the whole pool; paths are relative to the pool. */
export function checkPool(input: WorkerPoolInput): PoolIssue[] {
  const issues: PoolIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  const pool = resolvePool(input);

  // Defaults that follow minSize are only reported when they were set: the user fixes min/max.
  if (pool.minSize > pool.maxSize) add(["maxSize"], `must be >= minSize (${pool.minSize})`);
  else if (input.desiredSize !== undefined && (pool.desiredSize < pool.minSize || pool.desiredSize > pool.maxSize)) {
    add(["desiredSize"], `must be between minSize (${pool.minSize}) and maxSize (${pool.maxSize})`);
  }
  if (input.onDemandBaseCapacity !== undefined && pool.onDemandBaseCapacity > pool.maxSize) {
    add(["onDemandBaseCapacity"], `must be <= maxSize (${pool.maxSize})`);
  }

  const archs = new Set(pool.instanceTypes.map((t) => architectureOf(t.type)));
  if (archs.size > 1) {
    add(["instanceTypes"], `mixes architectures (${pool.instanceTypes.map((t) => `${t.type}: ${architectureOf(t.type)}`).join(", ")}); a pool runs one AMI, so use one architecture`);
  } else if (input.architecture && !archs.has(input.architecture)) {
    add(["architecture"], `is ${input.architecture} but the instance types are ${[...archs][0]}`);
  }
  const seen = new Set<string>();
  pool.instanceTypes.forEach((t, i) => {
    if (seen.has(t.type)) add(["instanceTypes", i], `${t.type} is listed twice`);
    seen.add(t.type);
  });
  const weighted = pool.instanceTypes.filter((t) => t.weight !== undefined).length;
  if (weighted > 0 && weighted < pool.instanceTypes.length) {
    add(["instanceTypes"], "give a weight to every instance type or to none");
  }
  // Diversification is what makes spot capacity dependable; an on-demand general pool needs none.
  const usesSpot = pool.onDemandPercentageAboveBase < 100 && pool.maxSize > pool.onDemandBaseCapacity;
  if (pool.class === "general" && usesSpot && pool.instanceTypes.length < 4 && input.instanceTypes) {
    add(["instanceTypes"], `a general (spot) pool needs at least 4 instance types to diversify over; got ${pool.instanceTypes.length}`);
  }

  for (const [key, value] of Object.entries(input.labels ?? {})) {
    const problem = labelKeyProblem(key) ?? labelValueProblem(value);
    if (problem) add(["labels", key], problem);
    else if (isKubeletRestrictedLabel(key)) {
      add(["labels", key], `the kubelet may not set labels in the kubernetes.io or k8s.io namespaces on itself (NodeRestriction), so the node would never register; use a label of your own such as workload-class=${pool.class}`);
    }
  }
  (input.taints ?? []).forEach((t, i) => {
    const parsed = parseTaint(t);
    if (typeof parsed === "string") add(["taints", i], parsed);
  });
  const taintKeys = new Set<string>();
  pool.taints.forEach((t) => {
    const id = `${t.key}:${t.effect}`;
    if (taintKeys.has(id)) add(["taints"], `${formatTaint(t)} repeats a key and effect`);
    taintKeys.add(id);
  });

  const vol = pool.rootVolume;
  if (vol.throughput !== undefined && vol.type !== "gp3") add(["rootVolume", "throughput"], `only applies to gp3 volumes, not ${vol.type}`);
  if (vol.iops !== undefined && vol.type === "gp2") add(["rootVolume", "iops"], "cannot be set on gp2 volumes");
  if (vol.type === "gp3" && vol.iops !== undefined && (vol.iops < 3000 || vol.iops > 16000)) add(["rootVolume", "iops"], "must be 3000-16000 for gp3");
  if (vol.type === "gp3" && vol.throughput !== undefined && vol.throughput > 1000) add(["rootVolume", "throughput"], "must be 125-1000 MiB/s for gp3");
  if ((vol.type === "io1" || vol.type === "io2") && vol.iops === undefined) add(["rootVolume", "iops"], `is required for ${vol.type} volumes`);

  if (pool.amiFamily === "bottlerocket") {
    for (const field of ["kubeReserved", "systemReserved"] as const) {
      const reserved: Partial<Record<string, string>> = pool.kubelet[field];
      if (reserved.pid !== undefined) add(["kubelet", field, "pid"], "Bottlerocket reserves cpu, memory and ephemeral-storage only");
    }
  }
  if (pool.amiFamily === "bottlerocket" && pool.extraShellScripts.length > 0) {
    add(["extraShellScripts"], "Bottlerocket has no shell user-data; use its settings or a bootstrap container instead");
  }
  if (pool.hookHeartbeatSeconds < pool.drainTimeoutSeconds + HOOK_MARGIN_SECONDS) {
    add(
      [input.hookHeartbeatSeconds !== undefined ? "hookHeartbeatSeconds" : "drainTimeoutSeconds"],
      `the lifecycle hook heartbeat (${pool.hookHeartbeatSeconds}s) must be at least the drain timeout (${pool.drainTimeoutSeconds}s) plus ${HOOK_MARGIN_SECONDS}s, or nodes are terminated mid-drain`,
    );
  }
  return issues;
}
