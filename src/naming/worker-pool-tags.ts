/**
 * Tags on a pool's Auto Scaling Group, all propagated to its instances: cluster ownership, the
 * cluster-autoscaler's discovery tags, node-template tags (so it can scale a pool up from zero
 * knowing the labels and taints its nodes will have), and the drain tag the node termination
 * handler requires before it touches an instance.
 */
import { names } from "./names";
import type { WorkerPool } from "../config/worker-pool";

export const DRAIN_TAG_VALUE = "true";

export function workerPoolTags(cluster: string, pool: WorkerPool, base: Record<string, string>): Record<string, string> {
  const tags: Record<string, string> = {
    ...base,
    Name: names.autoScalingGroup(cluster, pool.name),
    [names.clusterOwnershipTag(cluster)]: "owned",
    "k8s.io/cluster-autoscaler/enabled": "true",
    [names.autoscalerClusterTag(cluster)]: "owned",
    [names.drainTag(cluster)]: DRAIN_TAG_VALUE,
  };
  for (const [key, value] of Object.entries(pool.labels)) tags[`k8s.io/cluster-autoscaler/node-template/label/${key}`] = value;
  for (const t of pool.taints) tags[`k8s.io/cluster-autoscaler/node-template/taint/${t.key}`] = `${t.value}:${t.effect}`;
  return tags;
}
