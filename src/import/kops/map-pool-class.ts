/**
 * A pool's class, from what its InstanceGroup did in the kops cluster: a CriticalAddonsOnly taint
 * or a `system` label: system; behind external load balancers: edge; otherwise general.
 */
import { POOL_PRESETS } from "../../config/pool-presets";
import type { PoolClass } from "../../config/worker-pool-schema";
import type { FieldReader } from "./ledger";
import type { PoolMapping } from "./pool-mapping";

/** What the class is inferred from; the taints and labels are also carried (map-pool-labels.ts). */
export interface ClassSignals {
  taints: string[];
  labels: Record<string, string>;
  loadBalancers: unknown[];
}

export function readClassSignals(r: FieldReader): ClassSignals {
  const taints = r.strings(["spec", "taints"]) ?? [];
  const labels = r.stringMap(["spec", "nodeLabels"]) ?? {};
  const loadBalancers = r.list(["spec", "externalLoadBalancers"]) ?? [];
  return { taints, labels, loadBalancers };
}

/** The class and why, in words for the report. */
export function inferPoolClass({ taints, labels, loadBalancers }: ClassSignals, spot: boolean): { cls: PoolClass; why: string } {
  if (taints.some((t) => t.startsWith("CriticalAddonsOnly"))) return { cls: "system", why: "tainted CriticalAddonsOnly" };
  if (Object.entries(labels).some(([k, v]) => v === "system" || k.endsWith("/system"))) return { cls: "system", why: "labelled system" };
  if (loadBalancers.length > 0) {
    const names = loadBalancers.map((lb) => (lb as Record<string, unknown> | null)?.loadBalancerName ?? (lb as Record<string, unknown> | null)?.targetGroupArn).filter(Boolean);
    return { cls: "edge", why: `behind the external load balancer${names.length === 1 ? "" : "s"} ${names.join(", ")}` };
  }
  if (spot) return { cls: "general", why: "runs on spot" };
  return { cls: "general", why: "neither tainted for cluster add-ons nor behind a load balancer" };
}

/** Sets the pool's class and records the decision. */
export function mapPoolClass(m: PoolMapping, signals: ClassSignals, spot: boolean): PoolClass {
  const { r, name, group, pool } = m;
  const { cls, why } = inferPoolClass(signals, spot);
  pool.class = cls;
  r.ledger.decisions.push(`Pool ${name}: class ${cls} (${why}).`);
  if (cls === "edge") {
    r.ledger.decisions.push(
      `Pool ${name}: edge nodes carry the ${POOL_PRESETS.edge.taints.join(", ")} taint unless kops gave them taints, so only the ingress controller (Traefik) runs there; workloads that ran on ${group} need a general pool.`,
    );
  }
  return cls;
}
