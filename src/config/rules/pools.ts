/**
 * Rules over the environment's worker pools together, and over a pool's fit in the cluster: a
 * system pool that runs the cluster's own components, a bounded number of pools, pod density
 * the network can give addresses to.
 */
import type { EnvironmentRule, PoolInEnvironmentRule } from "./rule";

/**
 * Pools per environment. Each pool is about 4 resources and 1 data source in the cluster stack
 * and 6 in the access stack, and Terraform refreshes every one on every plan: at 30 pools the
 * cluster stack is already about 170 resources. It is also the number of managed node groups EKS
 * allows per cluster, the scale EKS is designed for. More pools than this is better served by
 * splitting pools by size, or the cluster.
 */
export const MAX_WORKER_POOLS = 30;

export const maxPodsNeedsPrefixDelegation: PoolInEnvironmentRule = (pool, i, env) =>
  pool.kubelet.maxPods !== undefined && !env.cluster.vpcCniPrefixDelegation
    ? [
        {
          path: ["workerPools", i, "kubelet", "maxPods"],
          message: "without VPC CNI prefix delegation the node's network interfaces decide how many pods get an IP, and the AMI computes it; set cluster.managedAddons.vpcCni.prefixDelegation: true, or leave maxPods out",
        },
      ]
    : [];

export const hasSystemPool: EnvironmentRule = (env) =>
  env.workerPools.some((p) => p.class === "system") ? [] : [{ path: ["workerPools"], message: "needs a pool of class system: the drainer and the cluster autoscaler run there" }];

export const poolCount: EnvironmentRule = (env) =>
  env.workerPools.length <= MAX_WORKER_POOLS
    ? []
    : [
        {
          path: ["workerPools"],
          message: `has ${env.workerPools.length} pools; at most ${MAX_WORKER_POOLS} per environment (every pool adds about 10 resources that Terraform refreshes on every plan): split pools by size rather than one per instance type, or split the cluster`,
        },
      ];

/** Someone must run the cluster's own components: the system pools may not all scale to zero. */
export const systemPoolsRun: EnvironmentRule = (env) => {
  const system = env.workerPools.map((p, i) => ({ p, i })).filter(({ p }) => p.class === "system");
  if (system.length === 0 || !system.every(({ p }) => p.minSize === 0)) return [];
  return [
    {
      path: ["workerPools", system[0].i, "minSize"],
      message: "is 0 on every system pool: the drainer and the cluster autoscaler run there, so no node would ever be drained or started; give a system pool minSize 1 or more (2 keeps the drainer's replicas apart)",
    },
  ];
};
