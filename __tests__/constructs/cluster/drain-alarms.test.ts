/** The drain alarms: which queue each watches, at what threshold, and whom they notify. */
import { describe, expect, it } from "vitest";
import { DrainAlarms, type DrainAlarmsProps } from "../../../src/constructs/cluster/drain-alarms";
import { all, only, refTo, synthConstruct } from "../synth-construct";

const props = (extra: Partial<DrainAlarmsProps> = {}): DrainAlarmsProps => ({
  cluster: "team-a",
  queueName: "team-a-node-drain",
  deadLetterQueueName: "team-a-node-drain-dlq",
  oldestMessageSeconds: 900,
  ...extra,
});
const synth = (p: DrainAlarmsProps) => synthConstruct((scope) => new DrainAlarms(scope, "alarms", p));
const byMetric = (stack: ReturnType<typeof synth>): Record<string, Record<string, any>> => Object.fromEntries(all(stack, "aws_cloudwatch_metric_alarm").map((a) => [a.metric_name, a]));

describe("DrainAlarms", () => {
  it("alarms on any message in the dead-letter queue, and on the drain queue's oldest message passing the threshold", () => {
    const a = byMetric(synth(props()));
    expect(a.ApproximateNumberOfMessagesVisible).toMatchObject({ namespace: "AWS/SQS", dimensions: { QueueName: "team-a-node-drain-dlq" }, threshold: 0, comparison_operator: "GreaterThanThreshold" });
    expect(a.ApproximateAgeOfOldestMessage).toMatchObject({ namespace: "AWS/SQS", dimensions: { QueueName: "team-a-node-drain" }, threshold: 900, comparison_operator: "GreaterThanThreshold" });
    // A quiet queue publishes nothing: that is not an alarm.
    for (const alarm of Object.values(a)) expect(alarm.treat_missing_data).toBe("notBreaching");
  });

  it("notifies no one by default", () => {
    const stack = synth(props());
    expect(all(stack, "aws_sns_topic")).toEqual([]);
    for (const alarm of all(stack, "aws_cloudwatch_metric_alarm")) expect([alarm.alarm_actions, alarm.ok_actions]).toEqual([undefined, undefined]);
  });

  it("notifies a topic it creates (unencrypted, so CloudWatch can publish), or the topic given", () => {
    const created = synth(props({ topic: "create" }));
    const topic = only(created, "aws_sns_topic");
    expect(topic.kms_master_key_id).toBeUndefined();
    const arn = refTo(created, "aws_sns_topic", topic, "arn");
    for (const alarm of all(created, "aws_cloudwatch_metric_alarm")) expect([alarm.alarm_actions, alarm.ok_actions]).toEqual([[arn], [arn]]);
    const given = synth(props({ topic: { arn: "arn:aws:sns:eu-west-1:123456789012:oncall" } }));
    expect(all(given, "aws_sns_topic")).toEqual([]);
    for (const alarm of all(given, "aws_cloudwatch_metric_alarm")) expect(alarm.alarm_actions).toEqual(["arn:aws:sns:eu-west-1:123456789012:oncall"]);
  });
});
