/**
 * aws-node-termination-handler in queue-processor mode: reads the cluster's drain queue, cordons
 * and drains the node an event names, then completes its lifecycle action. It only touches
 * instances carrying this cluster's drain tag, and runs twice (with a disruption budget) on the
 * system nodes so a node it drains is never its own last copy. Its timing (one drain timeout,
 * heartbeats, the receive visibility timeout) comes from src/config/drain-timing.ts, which the
 * drain queue's redrive count and alarms are derived from too.
 */
import { drainTiming } from "../config/drain-timing";
import { names } from "../naming/names";
import { SERVICE_ACCOUNTS } from "../config/service-accounts";
import { DRAINER, drainerPolicy } from "../iam/component-permissions";
import type { HelmAddon } from "./addon";
import { placementOwned, serviceAccountOwned } from "./owned-values";
import { placementOn } from "./placement";

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
      ...handlerTiming(env.workerPools),
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
  // The drain queue's redrive count and the hooks were built for these numbers.
  invariants: (values, env) => {
    const t = drainTiming(env.workerPools);
    const problems: { path: string; message: string }[] = [];
    if (values.sqsMsgVisibilityTimeoutSec !== t.visibilityTimeoutSeconds) {
      problems.push({ path: "sqsMsgVisibilityTimeoutSec", message: `must stay ${t.visibilityTimeoutSeconds}: the drain queue's maxReceiveCount (${t.maxReceiveCount}) is derived from it` });
    }
    const interval = values.heartbeatInterval;
    if (typeof interval !== "number" || interval * 3 > t.shortestHookSeconds) {
      problems.push({ path: "heartbeatInterval", message: `must be at most a third of the shortest lifecycle hook (${Math.floor(t.shortestHookSeconds / 3)}s), so one failed heartbeat does not end the hook` });
    }
    return problems;
  },
};

/** The handler's timing values, from the pools (src/config/drain-timing.ts). */
export function handlerTiming(pools: Parameters<typeof drainTiming>[0]) {
  const t = drainTiming(pools);
  return {
    nodeTerminationGracePeriod: t.nodeTerminationGracePeriod,
    heartbeatInterval: t.heartbeatInterval,
    heartbeatUntil: t.heartbeatUntil,
    // The longest the handler accepts; the queue's redrive count is derived from it.
    sqsMsgVisibilityTimeoutSec: t.visibilityTimeoutSeconds,
  };
}
