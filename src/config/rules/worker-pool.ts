/**
 * Rules over one worker pool as a whole: each field passed the schema, but together they are
 * wrong. They see the resolved pool (class preset and defaults applied) and what was written, so
 * a default that follows another field is only blamed when it was set.
 */
import { architectureOf } from "../instance-types";
import { formatTaint, isKubeletRestrictedLabel, labelKeyProblem, labelValueProblem, parseTaint } from "../kubernetes-labels";
import { HOOK_MARGIN_SECONDS } from "../worker-pool-schema";
import type { WorkerPool } from "../worker-pool";
import type { WorkerPoolInput } from "../worker-pool-schema";
import type { Issue, PoolRule } from "./rule";

/** Defaults that follow minSize are only reported when they were set: the user fixes min/max. */
export const poolSizes: PoolRule = (input, pool) => {
  const out: Issue[] = [];
  if (pool.minSize > pool.maxSize) out.push({ path: ["maxSize"], message: `must be >= minSize (${pool.minSize})` });
  else if (input.desiredSize !== undefined && (pool.desiredSize < pool.minSize || pool.desiredSize > pool.maxSize)) {
    out.push({ path: ["desiredSize"], message: `must be between minSize (${pool.minSize}) and maxSize (${pool.maxSize})` });
  }
  if (input.onDemandBaseCapacity !== undefined && pool.onDemandBaseCapacity > pool.maxSize) {
    out.push({ path: ["onDemandBaseCapacity"], message: `must be <= maxSize (${pool.maxSize})` });
  }
  return out;
};

export const poolInstanceTypes: PoolRule = (input, pool) => {
  const out: Issue[] = [];
  const types = pool.instanceTypes;
  const archs = new Set(types.map((t) => architectureOf(t.type)));
  if (archs.size > 1) {
    out.push({ path: ["instanceTypes"], message: `mixes architectures (${types.map((t) => `${t.type}: ${architectureOf(t.type)}`).join(", ")}); a pool runs one AMI, so use one architecture` });
  } else if (input.architecture && !archs.has(input.architecture)) {
    out.push({ path: ["architecture"], message: `is ${input.architecture} but the instance types are ${[...archs][0]}` });
  }
  const seen = new Set<string>();
  types.forEach((t, i) => {
    if (seen.has(t.type)) out.push({ path: ["instanceTypes", i], message: `${t.type} is listed twice` });
    seen.add(t.type);
  });
  const weighted = types.filter((t) => t.weight !== undefined).length;
  if (weighted > 0 && weighted < types.length) out.push({ path: ["instanceTypes"], message: "give a weight to every instance type or to none" });
  // Diversification is what makes spot capacity dependable; an on-demand general pool needs none.
  const usesSpot = pool.onDemandPercentageAboveBase < 100 && pool.maxSize > pool.onDemandBaseCapacity;
  if (pool.class === "general" && usesSpot && types.length < 4 && input.instanceTypes) {
    out.push({ path: ["instanceTypes"], message: `a general (spot) pool needs at least 4 instance types to diversify over; got ${types.length}` });
  }
  return out;
};

export const poolLabelsAndTaints: PoolRule = (input, pool) => {
  const out: Issue[] = [];
  for (const [key, value] of Object.entries(input.labels ?? {})) {
    const problem = labelKeyProblem(key) ?? labelValueProblem(value);
    if (problem) out.push({ path: ["labels", key], message: problem });
    else if (isKubeletRestrictedLabel(key)) {
      out.push({
        path: ["labels", key],
        message: `the kubelet may not set labels in the kubernetes.io or k8s.io namespaces on itself (NodeRestriction), so the node would never register; use a label of your own such as workload-class=${pool.class}`,
      });
    }
  }
  // The resolved pool holds only the taints that parse: the others are reported from the input.
  (input.taints ?? []).forEach((t, i) => {
    const parsed = parseTaint(t);
    if (typeof parsed === "string") out.push({ path: ["taints", i], message: parsed });
  });
  const taintKeys = new Set<string>();
  for (const t of pool.taints) {
    const id = `${t.key}:${t.effect}`;
    if (taintKeys.has(id)) out.push({ path: ["taints"], message: `${formatTaint(t)} repeats a key and effect` });
    taintKeys.add(id);
  }
  return out;
};

export const poolRootVolume: PoolRule = (_input, pool) => {
  const out: Issue[] = [];
  const vol = pool.rootVolume;
  const add = (field: string, message: string) => out.push({ path: ["rootVolume", field], message });
  if (vol.throughput !== undefined && vol.type !== "gp3") add("throughput", `only applies to gp3 volumes, not ${vol.type}`);
  if (vol.iops !== undefined && vol.type === "gp2") add("iops", "cannot be set on gp2 volumes");
  if (vol.type === "gp3" && vol.iops !== undefined && (vol.iops < 3000 || vol.iops > 16000)) add("iops", "must be 3000-16000 for gp3");
  if (vol.type === "gp3" && vol.throughput !== undefined && vol.throughput > 1000) add("throughput", "must be 125-1000 MiB/s for gp3");
  if ((vol.type === "io1" || vol.type === "io2") && vol.iops === undefined) add("iops", `is required for ${vol.type} volumes`);
  return out;
};

export const poolBottlerocketSettings: PoolRule = (_input, pool) => {
  if (pool.amiFamily !== "bottlerocket") return [];
  const out: Issue[] = [];
  for (const field of ["kubeReserved", "systemReserved"] as const) {
    const reserved: Partial<Record<string, string>> = pool.kubelet[field];
    if (reserved.pid !== undefined) out.push({ path: ["kubelet", field, "pid"], message: "Bottlerocket reserves cpu, memory and ephemeral-storage only" });
  }
  if (pool.extraShellScripts.length > 0) {
    out.push({ path: ["extraShellScripts"], message: "Bottlerocket has no shell user-data; use its settings or a bootstrap container instead" });
  }
  return out;
};

export const poolLifecycleHook: PoolRule = (input, pool) => {
  if (pool.hookHeartbeatSeconds >= pool.drainTimeoutSeconds + HOOK_MARGIN_SECONDS) return [];
  return [
    {
      path: [input.hookHeartbeatSeconds !== undefined ? "hookHeartbeatSeconds" : "drainTimeoutSeconds"],
      message: `the lifecycle hook heartbeat (${pool.hookHeartbeatSeconds}s) must be at least the drain timeout (${pool.drainTimeoutSeconds}s) plus ${HOOK_MARGIN_SECONDS}s, or nodes are terminated mid-drain`,
    },
  ];
};

export const POOL_RULES: readonly PoolRule[] = [poolSizes, poolInstanceTypes, poolLabelsAndTaints, poolRootVolume, poolBottlerocketSettings, poolLifecycleHook];

/** Every pool rule over one pool, in order; paths relative to the pool. */
export function poolProblems(input: WorkerPoolInput, pool: WorkerPool): Issue[] {
  return POOL_RULES.flatMap((rule) => rule(input, pool));
}
