/**
 * Where pods may run, judged against the pools the cluster stack built: each Auto Scaling Group's
 * node-template label and taint tags (what the nodes register with), the kubelet's own OS label,
 * and the pool's class from the environment.
 */
import type { Environment } from "../../src/config/environment";
import { names } from "../../src/naming/names";
import type { PoolClass } from "../../src/config/worker-pool-schema";
import { resources, stackJson } from "../support/reference";
import { podSelectsNode, tolerationMatches, type Taint, type Toleration, type Workload } from "./objects";

export interface PoolNode {
  pool: string;
  cls: PoolClass;
  labels: Record<string, string>;
  taints: Taint[];
}

const TEMPLATE_LABEL = "k8s.io/cluster-autoscaler/node-template/label/";
const TEMPLATE_TAINT = "k8s.io/cluster-autoscaler/node-template/taint/";

/** The nodes each pool registers, as the cluster stack built them (its groups' node-template tags), plus the kubelet's own OS label. */
export function poolNodes(env: Environment): PoolNode[] {
  const asgs = Object.values(resources<{ name: string; tag: { key: string; value: string }[] }>(stackJson(`${env.name}-cluster`), "aws_autoscaling_group"));
  return asgs.map((asg) => {
    const pool = env.workerPools.find((p) => names.autoScalingGroup(env.cluster.name, p.name) === asg.name);
    if (!pool) throw new Error(`${env.name}-cluster: no pool for group ${asg.name}`);
    const labels: Record<string, string> = { "kubernetes.io/os": "linux" };
    const taints: Taint[] = [];
    for (const t of asg.tag) {
      if (t.key.startsWith(TEMPLATE_LABEL)) labels[t.key.slice(TEMPLATE_LABEL.length)] = t.value;
      if (t.key.startsWith(TEMPLATE_TAINT)) {
        const [value, effect] = t.value.split(":");
        taints.push({ key: t.key.slice(TEMPLATE_TAINT.length), value, effect });
      }
    }
    return { pool: pool.name, cls: pool.class, labels, taints };
  });
}

/** What keeps a workload's pods on exactly the pools of one class; empty when it does. */
export function placementProblems(w: Workload, nodes: PoolNode[], cls: PoolClass): string[] {
  const problems: string[] = [];
  const tolerations = (w.pod.tolerations ?? []) as Toleration[];
  const target = nodes.filter((n) => n.cls === cls);
  if (target.length === 0) return [`the environment has no ${cls} pool`];
  for (const n of nodes) {
    const selected = podSelectsNode(w.pod, n.labels);
    if (n.cls === cls && !selected) problems.push(`does not select ${cls} pool ${n.pool} (labels ${JSON.stringify(n.labels)})`);
    if (n.cls !== cls && selected && n.taints.every((t) => tolerations.some((tol) => tolerationMatches(tol, t)))) problems.push(`may also run on ${n.cls} pool ${n.pool}`);
  }
  for (const n of target) for (const t of n.taints) if (!tolerations.some((tol) => tolerationMatches(tol, t))) problems.push(`does not tolerate ${t.key}=${t.value}:${t.effect} of pool ${n.pool}`);
  const targetTaints = target.flatMap((n) => n.taints);
  for (const tol of tolerations) if (!targetTaints.some((t) => tolerationMatches(tol, t))) problems.push(`tolerates ${JSON.stringify(tol)}, which no ${cls} pool's taint needs`);
  return problems;
}
