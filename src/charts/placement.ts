/**
 * Where an add-on runs: on the nodes of one pool class, selected by the labels all pools of that
 * class share and tolerating every taint they carry. Derived from the pools, so changing a
 * pool's labels or taints moves its add-ons with it.
 */
import type { Environment } from "../config/environment";
import type { PoolClass } from "../config/pool-presets";

export interface Toleration {
  key: string;
  operator: "Equal" | "Exists";
  value?: string;
  effect: string;
}

export interface Placement {
  nodeSelector: Record<string, string>;
  tolerations: Toleration[];
}

export function placementOn(env: Environment, cls: PoolClass): Placement {
  const pools = env.workerPools.filter((p) => p.class === cls);
  const nodeSelector = Object.fromEntries(
    Object.entries(pools[0]?.labels ?? {}).filter(([k, v]) => pools.every((p) => p.labels[k] === v)),
  );
  const seen = new Set<string>();
  const tolerations: Toleration[] = [];
  for (const t of pools.flatMap((p) => p.taints)) {
    const id = `${t.key}=${t.value}:${t.effect}`;
    if (seen.has(id)) continue;
    seen.add(id);
    tolerations.push(t.value === "" ? { key: t.key, operator: "Exists", effect: t.effect } : { key: t.key, operator: "Equal", value: t.value, effect: t.effect });
  }
  return { nodeSelector, tolerations };
}
