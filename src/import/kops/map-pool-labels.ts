/**
 * A pool's labels and taints: labels the kubelet may set on itself; taints as kops writes them
 * (key=value:Effect). Without taints of its own, a pool gets its class's.
 */
import { isKubeletRestrictedLabel, labelKeyProblem, labelValueProblem, parseTaint } from "../../config/kubernetes-labels";
import { POOL_PRESETS } from "../../config/pool-presets";
import type { PoolClass } from "../../config/worker-pool-schema";
import type { ClassSignals } from "./map-pool-class";
import type { PoolMapping } from "./pool-mapping";

export function mapLabelsAndTaints(m: PoolMapping, signals: ClassSignals, cls: PoolClass): void {
  const { r, name, to, pool } = m;
  const { taints, labels } = signals;
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
}
