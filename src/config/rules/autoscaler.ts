/**
 * What cluster-autoscaler can work with: it counts instances (not weighted capacity) and models
 * a group on one of its instance types, so a pool it scales must be one size and family kind.
 */
import { instanceShape } from "../instance-types";
import type { Issue, PoolInEnvironmentRule } from "./rule";

export const autoscalerCanModelPool: PoolInEnvironmentRule = (pool, i, env) => {
  if (!env.addons.clusterAutoscaler.enabled) return [];
  const out: Issue[] = [];
  pool.instanceTypes.forEach((t, j) => {
    if (t.weight !== undefined) {
      out.push({ path: ["workerPools", i, "instanceTypes", j, "weight"], message: "cluster-autoscaler counts instances, not weighted capacity: drop the weights, or split the pool by size" });
    }
  });
  const shapes = [...new Set(pool.instanceTypes.map((t) => instanceShape(t.type)))];
  if (shapes.length > 1) {
    out.push({
      path: ["workerPools", i, "instanceTypes"],
      message: `mixes sizes or families (${shapes.join(", ")}); cluster-autoscaler models a group on one of its types, so give a pool one size and family kind (m, c, r, ...) or split it`,
    });
  }
  return out;
};
