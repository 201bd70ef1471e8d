/**
 * CloudWatch alarms on the drain queues, and optionally the SNS topic they notify:
 * - a message in the dead-letter queue: an event the drainer received again and again without
 *   finishing (it deletes a message only after the drain), so a node may have gone undrained;
 * - the drain queue's oldest message older than the longest drain plus the hook margin: no drain
 *   that completes keeps its message that long, so the drainer is not reading, not finishing, or
 *   behind.
 * SQS publishes both metrics every minute while a queue is active (it holds messages or is
 * called); missing data is therefore a quiet queue, not breaching.
 */
import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import type { AlarmTopic } from "../../config/environment";
import { names } from "../../naming/names";

export interface DrainAlarmsProps {
  cluster: string;
  queueName: string;
  deadLetterQueueName: string;
  /** Threshold of the oldest-message alarm (src/config/drain-timing.ts). */
  oldestMessageSeconds: number;
  /** Default "none": the alarms only change state; "create" makes a topic (no subscriptions: add yours). */
  topic?: AlarmTopic;
}

export class DrainAlarms extends Construct {
  /** The topic the alarms notify, when there is one. */
  readonly topicArn?: string;
  readonly topic?: SnsTopic;

  constructor(scope: Construct, id: string, props: DrainAlarmsProps) {
    super(scope, id);
    const { cluster } = props;
    const choice = props.topic ?? "none";
    if (choice === "create") {
      // No server-side encryption: CloudWatch cannot publish to a topic encrypted with the AWS
      // managed SNS key, and a notification carries only the alarm's name, state and metric.
      this.topic = new SnsTopic(this, "topic", { name: names.drainAlarmTopic(cluster) });
      this.topicArn = this.topic.arn;
    } else if (choice !== "none") {
      this.topicArn = choice.arn;
    }
    const actions = this.topicArn ? { alarmActions: [this.topicArn], okActions: [this.topicArn] } : {};
    const common = { namespace: "AWS/SQS", statistic: "Maximum", period: 60, evaluationPeriods: 1, comparisonOperator: "GreaterThanThreshold", treatMissingData: "notBreaching", ...actions };

    new CloudwatchMetricAlarm(this, "dead-letter", {
      alarmName: names.drainAlarm(cluster, "dead-letter"),
      alarmDescription: `EKS ${cluster}: a node drain event reached the dead-letter queue ${props.deadLetterQueueName}; a node may have been terminated without a completed drain`,
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: props.deadLetterQueueName },
      threshold: 0,
      ...common,
    });
    new CloudwatchMetricAlarm(this, "oldest-message", {
      alarmName: names.drainAlarm(cluster, "oldest-message"),
      alarmDescription: `EKS ${cluster}: a node drain event has waited more than ${props.oldestMessageSeconds}s in ${props.queueName}; the drainer is not reading or not finishing drains`,
      metricName: "ApproximateAgeOfOldestMessage",
      dimensions: { QueueName: props.queueName },
      threshold: props.oldestMessageSeconds,
      ...common,
    });
  }
}
