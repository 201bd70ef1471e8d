/**
 * Drain timing for one cluster, derived from its pools: what the node termination handler is
 * told, and what the drain queue and its alarms must tolerate so that the message of a node that
 * is still being drained never reaches the dead-letter queue.
 *
 * How the pinned handler (aws-node-termination-handler v1.25.x, chart 0.27.6) uses the queue,
 * from its source (github.com/aws/aws-node-termination-handler: pkg/monitor/sqsevent/
 * sqs-monitor.go, asg-lifecycle-event.go, pkg/interruptioneventstore/interruption-event-store.go,
 * pkg/node/node.go) and the chart's README and values.yaml (vendor/charts/aws-node-termination-handler/0.27.6):
 * - It receives with a fixed visibility timeout, `sqsMsgVisibilityTimeoutSec` (env
 *   SQS_MSG_VISIBILITY_TIMEOUT_SEC, added in aws/aws-node-termination-handler#1220; default 20,
 *   "Valid range: 1-119 seconds"), long-polling 20 s, and never extends it.
 * - It deletes a lifecycle message only after the drain: the event's PostDrainTask completes the
 *   lifecycle action, then deletes the message. The drain gives up after
 *   `nodeTerminationGracePeriod` (the kubectl drain helper's Timeout).
 * - So a drain longer than the visibility timeout makes the message visible again, and every
 *   receive counts toward the queue's maxReceiveCount. The replica that drains ignores the repeat
 *   (its event store keeps one event per id); the other replica starts the same drain of the same
 *   node. That is harmless: cordoning is idempotent, and evictions go through the API server's
 *   PodDisruptionBudget check whoever asks. The longest visibility timeout keeps repeats rare.
 * - Heartbeats: a ticker every `heartbeatInterval` from the start of the drain until
 *   `heartbeatUntil`; a failed heartbeat is logged and the ticker goes on.
 */
import type { WorkerPool } from "./worker-pool";
import { HOOK_MARGIN_SECONDS } from "./worker-pool-schema";

/** The longest visibility timeout the pinned handler accepts (chart 0.27.6: "Valid range: 1-119 seconds"). */
export const HANDLER_MAX_VISIBILITY_TIMEOUT_SECONDS = 119;
/** The handler's long-poll wait (WaitTimeSeconds 20 in its receive call). */
export const HANDLER_LONG_POLL_SECONDS = 20;
/** The handler's heartbeat interval range (chart 0.27.6: "Valid range: 30-3600 seconds"). */
export const HANDLER_HEARTBEAT_RANGE = { min: 30, max: 3600 } as const;
/** Receives beyond the ones a waiting node's message can get: a drainer restart, a retried error. */
export const SPARE_RECEIVES = 2;
/** Drain messages are kept at least this long (the queue's retention before this timing existed). */
export const MIN_DRAIN_RETENTION_SECONDS = 300;

export interface DrainTiming {
  longestDrainSeconds: number;
  shortestHookSeconds: number;
  longestHookSeconds: number;
  /** The handler's one drain timeout: the longest drain of any pool. */
  nodeTerminationGracePeriod: number;
  /**
   * A third of the shortest hook or less: a heartbeat that fails still leaves the next one a third
   * of the hook before the deadline (half would land the retry exactly on it).
   */
  heartbeatInterval: number;
  /** Heartbeats stop this long after the drain starts: the longest drain plus the hook margin. */
  heartbeatUntil: number;
  /** The handler's receive visibility timeout. */
  visibilityTimeoutSeconds: number;
  /**
   * The longest a node named by a message can still be waiting in Terminating:Wait: heartbeats
   * hold it until `heartbeatUntil`, then the last heartbeat's timeout (at most the longest hook)
   * runs out. After that the node is gone and the handler deletes its message on the next receive.
   */
  messageLifetimeSeconds: number;
  /** Receives before a message goes to the dead-letter queue: every receive in its lifetime, plus spares. */
  maxReceiveCount: number;
  /** Long enough for a message the handler fails on at every receive to reach the DLQ instead of expiring. */
  retentionSeconds: number;
  /** No message of a drain that completes is older than this (the drain gives up at the longest drain). */
  oldestMessageAlarmSeconds: number;
}

type PoolTiming = Pick<WorkerPool, "drainTimeoutSeconds" | "hookHeartbeatSeconds">;

export function drainTiming(pools: PoolTiming[]): DrainTiming {
  const longestDrainSeconds = Math.max(...pools.map((p) => p.drainTimeoutSeconds));
  const shortestHookSeconds = Math.min(...pools.map((p) => p.hookHeartbeatSeconds));
  const longestHookSeconds = Math.max(...pools.map((p) => p.hookHeartbeatSeconds));
  const heartbeatUntil = longestDrainSeconds + HOOK_MARGIN_SECONDS;
  const heartbeatInterval = Math.min(HANDLER_HEARTBEAT_RANGE.max, Math.max(HANDLER_HEARTBEAT_RANGE.min, Math.floor(shortestHookSeconds / 3)));
  const visibilityTimeoutSeconds = HANDLER_MAX_VISIBILITY_TIMEOUT_SECONDS;
  const messageLifetimeSeconds = heartbeatUntil + longestHookSeconds;
  // One receive at once, then at most one per visibility window.
  const maxReceiveCount = Math.ceil(messageLifetimeSeconds / visibilityTimeoutSeconds) + 1 + SPARE_RECEIVES;
  const retentionSeconds = Math.max(MIN_DRAIN_RETENTION_SECONDS, (maxReceiveCount + 1) * visibilityTimeoutSeconds + HANDLER_LONG_POLL_SECONDS);
  return {
    longestDrainSeconds,
    shortestHookSeconds,
    longestHookSeconds,
    nodeTerminationGracePeriod: longestDrainSeconds,
    heartbeatInterval,
    heartbeatUntil,
    visibilityTimeoutSeconds,
    messageLifetimeSeconds,
    maxReceiveCount,
    retentionSeconds,
    oldestMessageAlarmSeconds: heartbeatUntil,
  };
}
