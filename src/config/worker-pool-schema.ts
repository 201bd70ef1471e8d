/**
 * One worker pool: a self-managed Auto Scaling Group with its own launch template and IAM role.
 * The input schema accepts what a person writes; `resolvePool` applies the class preset and the
 * defaults, and `checkPool` reports what is valid field by field but wrong as a whole.
 */
import { z } from "zod";
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

export const POOL_CLASSES = ["system", "edge", "general"] as const;
export type PoolClass = (typeof POOL_CLASSES)[number];

export const SPOT_ALLOCATION_STRATEGIES = [
  "price-capacity-optimized",
  "capacity-optimized",
  "capacity-optimized-prioritized",
  "lowest-price",
] as const;

/** Seconds a lifecycle hook must outlast the drain, for the drainer's own API calls. */
export const HOOK_MARGIN_SECONDS = 60;
/** The default hook heartbeat is the drain timeout plus this. */
export const DEFAULT_HOOK_EXTRA_SECONDS = 120;

const reserved = z.strictObject({
  cpu: f.quantity.optional(),
  memory: f.quantity.optional(),
  "ephemeral-storage": f.quantity.optional(),
  pid: z.string().regex(/^\d+$/, "must be a whole number of process ids").optional(),
});

const evictionHard = z.strictObject({
  "memory.available": f.quantity.optional(),
  "nodefs.available": f.quantity.optional(),
  "nodefs.inodesFree": f.quantity.optional(),
  "imagefs.available": f.quantity.optional(),
  "imagefs.inodesFree": f.quantity.optional(),
  "pid.available": f.quantity.optional(),
});

const instanceTypeEntry = z.union([
  f.instanceType,
  z.strictObject({
    type: f.instanceType,
    weight: z.number().int("must be a whole number").min(1, "must be 1-999").max(999, "must be 1-999").optional(),
  }),
]);

export const workerPoolInputSchema = z.strictObject({
  /** Pool name, unique in the environment; part of the ASG, launch template and role names. */
  name: f.dnsName(24),
  /** Preset the defaults come from. */
  class: z.enum(POOL_CLASSES),
  /** Default `al2023`. Amazon Linux 2 is end of life for EKS and not offered. */
  amiFamily: z.enum(["al2023", "bottlerocket"]).optional(),
  /** Default: the architecture of the instance types (all must agree), else `x86_64`. */
  architecture: z.enum(["x86_64", "arm64"]).optional(),
  /** Default: the EKS-recommended AMI from its public SSM parameter for the cluster version. */
  amiId: f.amiId.optional(),
  /** Default: the class preset. Strings, or `{ type, weight }` for weighted capacity. */
  instanceTypes: z.array(instanceTypeEntry).min(1, "must list at least one instance type").optional(),
  minSize: f.nonNegativeInt.optional(),
  maxSize: f.nonNegativeInt.max(1000, "must be at most 1000").optional(),
  /** Initial desired capacity; ignored after creation (the cluster autoscaler owns it). Default minSize. */
  desiredSize: f.nonNegativeInt.optional(),
  /** Default: system and edge follow minSize; general 0. */
  onDemandBaseCapacity: f.nonNegativeInt.optional(),
  /** Default: system and edge 100; general 0. */
  onDemandPercentageAboveBase: f.percentage.optional(),
  /** Default `price-capacity-optimized`. */
  spotAllocationStrategy: z.enum(SPOT_ALLOCATION_STRATEGIES).optional(),
  /** Default true: replace spot nodes proactively on rebalance recommendations. */
  capacityRebalance: z.boolean().optional(),
  /** Default: the cluster's private subnets. */
  subnetIds: z.array(f.subnetId).min(1, "must list at least one subnet").optional(),
  /** Merged over the class labels. */
  labels: z.record(z.string(), z.string()).optional(),
  /** `key=value:Effect`. Replaces the class taints when given. */
  taints: z.array(z.string()).optional(),
  kubelet: z
    .strictObject({
      /** Default: nodeadm / Bottlerocket compute it from the instance type. */
      maxPods: z.number().int("must be a whole number").min(1, "must be 1-737").max(737, "must be 1-737").optional(),
      /** Merged over the class defaults. */
      kubeReserved: reserved.optional(),
      systemReserved: reserved.optional(),
      /** Default: the kubelet's own thresholds. */
      evictionHard: evictionHard.optional(),
    })
    .optional(),
  rootVolume: z
    .strictObject({
      /** Default: class preset (50 or 100 GiB). */
      sizeGiB: z.number().int("must be a whole number").min(20, "must be 20-16384").max(16384, "must be 20-16384").optional(),
      /** Default gp3. */
      type: z.enum(["gp3", "gp2", "io1", "io2"]).optional(),
      iops: z.number().int("must be a whole number").min(100, "must be >= 100").max(256000, "must be <= 256000").optional(),
      /** MiB/s, gp3 only. */
      throughput: z.number().int("must be a whole number").min(125, "must be 125-2000").max(2000, "must be 125-2000").optional(),
      /** Default: the account's default EBS key. */
      kmsKeyArn: f.kmsKeyArn.optional(),
    })
    .optional(),
  /** Added to the node security group. */
  securityGroupIds: z.array(f.securityGroupId).optional(),
  /** Attached to the node role besides the worker, CNI and ECR-pull policies. */
  iamPolicyArns: z.array(f.iamPolicyArn).optional(),
  /** Shell scripts run before the node joins (AL2023 only), in the order given. */
  extraShellScripts: z.array(z.string().min(1, "must not be empty")).optional(),
  /** Seconds the drainer gets to empty a node. Default 300. */
  drainTimeoutSeconds: z.number().int("must be a whole number").min(30, "must be 30-3600").max(3600, "must be 30-3600").optional(),
  /** Lifecycle hook heartbeat. Default drainTimeoutSeconds + 120; at least drainTimeoutSeconds + 60. */
  hookHeartbeatSeconds: z.number().int("must be a whole number").min(30, "must be 30-7200").max(7200, "must be 30-7200").optional(),
  /** IMDSv2 hop limit. Default 1: pods cannot reach the node's credentials. */
  metadataHopLimit: z.number().int("must be a whole number").min(1, "must be 1-64").max(64, "must be 1-64").optional(),
  /** Rolling replacement when the launch template changes. */
  instanceRefresh: z
    .strictObject({
      /** Default 90. */
      minHealthyPercentage: f.percentage.optional(),
      /** Default 180. */
      warmupSeconds: f.nonNegativeInt.optional(),
    })
    .optional(),
});

export type WorkerPoolInput = z.input<typeof workerPoolInputSchema>;

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
      evictionHard: { ...definedOnly(input.kubelet?.evictionHard) } as Record<string, string>,
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

  if (pool.minSize > pool.maxSize) add(["maxSize"], `must be >= minSize (${pool.minSize})`);
  if (pool.desiredSize < pool.minSize || pool.desiredSize > pool.maxSize) {
    add(["desiredSize"], `must be between minSize (${pool.minSize}) and maxSize (${pool.maxSize})`);
  }
  if (pool.onDemandBaseCapacity > pool.maxSize) add(["onDemandBaseCapacity"], `must be <= maxSize (${pool.maxSize})`);

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
  if (pool.class === "general" && pool.instanceTypes.length < 4 && input.instanceTypes) {
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
      if (pool.kubelet[field].pid !== undefined) add(["kubelet", field, "pid"], "Bottlerocket reserves cpu, memory and ephemeral-storage only");
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
