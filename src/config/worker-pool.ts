/**
 * A worker pool with its class preset and every default applied: what the constructs build from.
 * `resolveEnvironment` resolves each pool once; the pool rules (rules/worker-pool.ts) then check
 * the resolved pool against what was written.
 */
import { architectureOf, type Architecture } from "./instance-types";
import { parseTaint, type Taint } from "./kubernetes-labels";
import { POOL_PRESETS, type PoolClass } from "./pool-presets";
import { DEFAULT_HOOK_EXTRA_SECONDS, type SPOT_ALLOCATION_STRATEGIES, type WorkerPoolInput } from "./worker-pool-schema";

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

/** Applies the class preset and defaults. Taints that do not parse are dropped here: the pool rules report them. */
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
