/**
 * aws-node-termination-handler in queue-processor mode: reads the cluster's drain queue, cordons
 * and drains the node an event names, then completes its lifecycle action. It only touches
 * instances carrying this cluster's drain tag, and runs twice (with a disruption budget) on the
 * system nodes so a node it drains is never its own last copy.
 */
import { HOOK_MARGIN_SECONDS } from "../config/worker-pool-schema";
import { names } from "../config/names";
import { SERVICE_ACCOUNTS } from "../config/service-accounts";
import type { Environment } from "../config/environment";
import { DRAINER, drainerPolicy } from "../iam/component-permissions";
import type { HelmAddon } from "./addon";
import { placementOwned, serviceAccountOwned } from "./owned-values";
import { placementOn } from "./placement";

/**
 * Drain timing for the whole cluster, from the pools. The handler has one grace period, the
 * longest drain of any pool; while it drains it renews the node's lifecycle hook every
 * `heartbeatInterval` (shorter than every hook's heartbeat) until `heartbeatUntil` (the longest
 * drain plus the margin), so no hook expires mid-drain even on a pool with a shorter timeout.
 */
export function drainTiming(env: Environment) {
  const longestDrain = Math.max(...env.workerPools.map((p) => p.drainTimeoutSeconds));
  const shortestHook = Math.min(...env.workerPools.map((p) => p.hookHeartbeatSeconds));
  return {
    nodeTerminationGracePeriod: longestDrain,
    heartbeatInterval: Math.min(3600, Math.max(30, Math.floor(shortestHook / 2))),
    heartbeatUntil: longestDrain + HOOK_MARGIN_SECONDS,
  };
}

export const nodeTerminationHandler: HelmAddon = {
  key: "nodeTerminationHandler",
  release: "aws-node-termination-handler",
  namespace: SERVICE_ACCOUNTS.drainer.namespace,
  chart: { repository: "oci://public.ecr.aws/aws-ec2/helm", chart: "aws-node-termination-handler", version: "0.27.6" },
  owned: () => [
    { path: ["enableSqsTerminationDraining"], reason: "queue-processor mode is how nodes leaving through the lifecycle hooks get drained" },
    { path: ["queueURL"], reason: "the handler reads this cluster's drain queue, from the cluster stack's state" },
    { path: ["awsRegion"], reason: "it is the environment's region" },
    { path: ["checkTagBeforeDraining"], reason: "the handler must skip instances of other clusters (EC2 events are account-wide)" },
    { path: ["managedTag"], reason: "it is the drain tag every pool's instances carry, and the only one the handler's role may act on" },
    ...["nodeTerminationGracePeriod", "heartbeatInterval", "heartbeatUntil"].map((key) => ({
      path: [key],
      reason: "drain timing follows the pools' drainTimeoutSeconds and hookHeartbeatSeconds, so no node is terminated mid-drain; set those instead",
    })),
    ...serviceAccountOwned(["serviceAccount"]),
    ...placementOwned(),
  ],
  // With drainer.identity "node" the same permissions go on the system nodes' roles instead.
  iam: (env) =>
    env.addons.nodeTerminationHandler.enabled && env.drainer.identity === "pod-identity"
      ? { component: DRAINER, serviceAccount: SERVICE_ACCOUNTS.drainer, permissions: (e) => drainerPolicy(e).document }
      : undefined,
  values: (env, refs) => {
    const { nodeSelector, tolerations } = placementOn(env, "system");
    return {
      enableSqsTerminationDraining: true,
      queueURL: refs.drainQueueUrl,
      awsRegion: env.region,
      checkTagBeforeDraining: true,
      managedTag: names.drainTag(env.cluster.name),
      // Other clusters' instances (EC2 events are account-wide) and nodes already gone.
      deleteSqsMsgIfNodeNotFound: true,
      ...drainTiming(env),
      podTerminationGracePeriod: -1,
      emitKubernetesEvents: true,
      jsonLogging: true,
      replicas: 2,
      podDisruptionBudget: { maxUnavailable: 1 },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: "kubernetes.io/hostname",
          whenUnsatisfiable: "ScheduleAnyway",
          labelSelector: { matchLabels: { "app.kubernetes.io/name": "aws-node-termination-handler" } },
        },
      ],
      nodeSelector,
      tolerations,
      resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
      serviceAccount: { create: true, name: SERVICE_ACCOUNTS.drainer.name },
    };
  },
};
