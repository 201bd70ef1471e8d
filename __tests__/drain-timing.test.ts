/**
 * The drain timing over every pool setting the schema accepts, not only the reference
 * environments: the handler's ranges hold, a heartbeat may fail once, and the queue's redrive
 * count and retention stay inside what SQS accepts.
 */
import { describe, expect, it } from "vitest";
import { drainTiming, HANDLER_MAX_VISIBILITY_TIMEOUT_SECONDS } from "../src/config/drain-timing";
import { HOOK_MARGIN_SECONDS } from "../src/config/worker-pool-schema";

/** Drain timeouts the schema accepts (30-3600) and hooks from the shortest valid to its maximum (7200). */
const DRAINS = [30, 45, 120, 300, 600, 1800, 3600];
const hooksFor = (drain: number) => [drain + HOOK_MARGIN_SECONDS, drain + 120, Math.min(7200, drain * 2 + 60), 7200].filter((h) => h >= drain + HOOK_MARGIN_SECONDS);

describe("drain timing", () => {
  const combos = DRAINS.flatMap((a) => hooksFor(a).flatMap((ha) => DRAINS.flatMap((b) => hooksFor(b).map((hb) => [{ drainTimeoutSeconds: a, hookHeartbeatSeconds: ha }, { drainTimeoutSeconds: b, hookHeartbeatSeconds: hb }]))));

  it("keeps the handler's values in its documented ranges, and one failed heartbeat off the deadline", () => {
    expect(combos.length).toBeGreaterThan(100);
    for (const pools of combos) {
      const t = drainTiming(pools);
      const at = JSON.stringify(pools);
      expect(t.heartbeatInterval, at).toBeGreaterThanOrEqual(30);
      expect(t.heartbeatInterval, at).toBeLessThanOrEqual(3600);
      expect(t.heartbeatUntil, at).toBeGreaterThanOrEqual(60);
      expect(t.heartbeatUntil, at).toBeLessThanOrEqual(172_800);
      expect(t.visibilityTimeoutSeconds, at).toBeLessThanOrEqual(119);
      for (const p of pools) {
        expect(3 * t.heartbeatInterval, at).toBeLessThanOrEqual(p.hookHeartbeatSeconds);
        expect(p.hookHeartbeatSeconds - 2 * t.heartbeatInterval, at).toBeGreaterThanOrEqual(30);
      }
    }
  });

  it("gives a waiting node's message more receives than it can get, within what SQS accepts", () => {
    for (const pools of combos) {
      const t = drainTiming(pools);
      const at = JSON.stringify(pools);
      const longestHook = Math.max(...pools.map((p) => p.hookHeartbeatSeconds));
      const receives = Math.floor((t.heartbeatUntil + longestHook) / t.visibilityTimeoutSeconds) + 1;
      expect(t.maxReceiveCount, at).toBeGreaterThan(receives);
      expect(t.maxReceiveCount, at).toBeLessThanOrEqual(1000);
      expect(t.retentionSeconds, at).toBeGreaterThanOrEqual(t.maxReceiveCount * t.visibilityTimeoutSeconds + 20);
      expect(t.retentionSeconds, at).toBeLessThanOrEqual(1_209_600);
      expect(t.oldestMessageAlarmSeconds, at).toBeLessThan(t.retentionSeconds);
    }
  });

  it("for the defaults (300 s drains, hooks of 420 s): receives every 119 s, a count of 10, heartbeats every 140 s", () => {
    const t = drainTiming([{ drainTimeoutSeconds: 300, hookHeartbeatSeconds: 420 }]);
    expect(t).toMatchObject({ visibilityTimeoutSeconds: HANDLER_MAX_VISIBILITY_TIMEOUT_SECONDS, heartbeatInterval: 140, heartbeatUntil: 360, maxReceiveCount: 10, oldestMessageAlarmSeconds: 360 });
  });
});
