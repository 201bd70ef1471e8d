/** The node drainer's settings: where its alarms notify, and which identity it runs as. */
import { AWS_REGIONS } from "../regions";
import type { EnvironmentRule } from "./rule";

/**
 * CloudWatch alarms notify SNS topics of their own region (and so partition). The partition comes
 * from config's region table, the one src/naming/partitions.ts reads too.
 */
export const alarmTopicRegion: EnvironmentRule = (env) => {
  const topic = env.drainer.alarmTopic;
  if (typeof topic !== "object") return [];
  const [, partition, , region] = topic.arn.split(":");
  if (region === env.region && partition === AWS_REGIONS[env.region]) return [];
  return [{ path: ["drainer", "alarmTopic"], message: `is in ${region}; CloudWatch alarms notify SNS topics of their own region (${env.region})` }];
};

export const drainerIdentityHasEffect: EnvironmentRule = (env) =>
  !env.addons.nodeTerminationHandler.enabled && env.drainer.identity === "node"
    ? [{ path: ["drainer", "identity"], message: "has no effect with addons.nodeTerminationHandler disabled" }]
    : [];
