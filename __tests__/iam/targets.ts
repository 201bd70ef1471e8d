/** The concrete names a must-allow row or a red-team case talks about, for one environment. */
import type { StackJson } from "../support/reference";
import { drainEventPatterns } from "../../src/config/drain-events";
import { names } from "../../src/naming/names";
import type { IamWorld } from "./iam-world";
import type { Targets } from "./must-allow";

export function targetsOf(world: IamWorld, cluster: StackJson): Targets {
  const env = world.env;
  const tags = (cluster.provider!.aws[0].default_tags as { tags: Record<string, string> }[])[0].tags;
  const pool = env.workerPools.find((p) => p.class === "general") ?? env.workerPools[0];
  const workload = Object.values(world.workloads)[0];
  const kind = "spot-interruption" as const;
  const pattern = drainEventPatterns([])[kind];
  const topic = env.drainer.alarmTopic;
  const topicArn = typeof topic === "object" ? topic.arn : `arn:aws:sns:${env.region}:${env.account}:${names.drainAlarmTopic(env.cluster.name)}`;
  return {
    account: env.account,
    region: env.region,
    cluster: env.cluster.name,
    vpcId: world.vpcId,
    subnetId: world.privateSubnetIds[0],
    tags,
    poolName: pool.name,
    nodeRoleArn: world.nodes[pool.name].arn,
    controlPlaneRoleArn: world.controlPlane.arn,
    workloadRoleArn: workload.arn,
    secretsKeyArn: world.secretsKeyArn,
    drainRuleName: `${env.cluster.name}-drain-${kind}`,
    drainRuleSource: pattern.source,
    drainRuleDetailType: pattern["detail-type"],
    edgeTargetPort: env.edge?.listeners[0].targetPort ?? 8000,
    drainAlarmArn: `arn:aws:cloudwatch:${env.region}:${env.account}:alarm:${names.drainAlarm(env.cluster.name, "dead-letter")}`,
    drainAlarmTopicArn: topicArn,
    alarmActions: topic === "none" ? [] : [topicArn],
  };
}
