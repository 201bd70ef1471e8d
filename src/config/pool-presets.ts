/**
 * Worker pool classes and the defaults each brings. A class is only a set of defaults: every field
 * can be overridden per pool in the environment file. The classes are defined here, with their
 * presets, so the schema and the resolution both depend on this file and it on neither.
 */

export const POOL_CLASSES = ["system", "edge", "general"] as const;
export type PoolClass = (typeof POOL_CLASSES)[number];

export interface PoolPreset {
  instanceTypes: string[];
  minSize: number;
  maxSize: number;
  /** null: follow minSize, so the on-demand base always covers the pool's floor. */
  onDemandBaseCapacity: number | null;
  onDemandPercentageAboveBase: number;
  labels: Record<string, string>;
  taints: string[];
  rootVolumeSizeGiB: number;
  kubeReserved: Record<string, string>;
  systemReserved: Record<string, string>;
}

/** The label every pool carries so workloads can select a class; kubelets may self-apply it. */
export const WORKLOAD_CLASS_LABEL = "workload-class";

export const POOL_PRESETS: Record<PoolClass, PoolPreset> = {
  // Cluster components (drainer, autoscaler, DNS, certificates): on-demand only, tainted so
  // nothing else lands there, with room reserved for the kubelet and the OS.
  system: {
    instanceTypes: ["m7i.large", "m6i.large", "m7a.large", "m6a.large"],
    minSize: 2,
    maxSize: 4,
    onDemandBaseCapacity: null,
    onDemandPercentageAboveBase: 100,
    labels: { [WORKLOAD_CLASS_LABEL]: "system" },
    taints: ["CriticalAddonsOnly=true:NoSchedule"],
    rootVolumeSizeGiB: 50,
    kubeReserved: { cpu: "100m", memory: "512Mi", "ephemeral-storage": "1Gi" },
    systemReserved: { cpu: "100m", memory: "256Mi", "ephemeral-storage": "1Gi" },
  },
  // Ingress: behind the edge NLB, on-demand so a spot reclaim never drops live connections.
  edge: {
    instanceTypes: ["c7i.large", "c6i.large", "c7a.large", "c6a.large"],
    minSize: 2,
    maxSize: 6,
    onDemandBaseCapacity: null,
    onDemandPercentageAboveBase: 100,
    labels: { [WORKLOAD_CLASS_LABEL]: "edge" },
    taints: [`${WORKLOAD_CLASS_LABEL}=edge:NoSchedule`],
    rootVolumeSizeGiB: 50,
    kubeReserved: { cpu: "100m", memory: "512Mi", "ephemeral-storage": "1Gi" },
    systemReserved: { cpu: "200m", memory: "512Mi", "ephemeral-storage": "1Gi" },
  },
  // Applications: spot only (the system pool is the on-demand safety net), diversified over
  // six interchangeable types so price-capacity-optimized has pools to choose from.
  general: {
    instanceTypes: ["m7i.xlarge", "m6i.xlarge", "m7a.xlarge", "m6a.xlarge", "m5.xlarge", "m5a.xlarge"],
    minSize: 1,
    maxSize: 10,
    onDemandBaseCapacity: 0,
    onDemandPercentageAboveBase: 0,
    labels: { [WORKLOAD_CLASS_LABEL]: "general" },
    taints: [],
    rootVolumeSizeGiB: 100,
    kubeReserved: { cpu: "100m", memory: "1Gi", "ephemeral-storage": "1Gi" },
    systemReserved: { cpu: "100m", memory: "256Mi", "ephemeral-storage": "1Gi" },
  },
};
