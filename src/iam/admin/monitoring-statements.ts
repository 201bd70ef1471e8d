/**
 * The admin role's monitoring part: the drain queue's alarms, and the topic they notify when the
 * stack creates it. An alarm action can do more than notify (stop or terminate instances, run
 * scaling policies): the alarms may only name the configured topic, or nothing.
 */
import type { Statement } from "../policy-document";
import type { AdminScope } from "./scope";

export function adminMonitoringStatements(scope: AdminScope): Statement[] {
  const { env, arn } = scope;
  const topic = env.drainer.alarmTopic;
  const topicArn = topic === "create" ? arn.drainAlarmTopic : topic === "none" ? undefined : topic.arn;
  return [
    {
      Sid: "DrainAlarmsNotifyOnlyTheirTopic",
      Effect: "Allow",
      Action: "cloudwatch:PutMetricAlarm",
      Resource: arn.drainAlarms,
      Condition: topicArn ? { "ForAllValues:StringEquals": { "cloudwatch:AlarmActions": [topicArn] } } : { Null: { "cloudwatch:AlarmActions": "true" } },
    },
    {
      Sid: "ManageDrainAlarms",
      Effect: "Allow",
      Action: ["cloudwatch:DeleteAlarms", "cloudwatch:TagResource", "cloudwatch:UntagResource", "cloudwatch:ListTagsForResource"],
      Resource: arn.drainAlarms,
    },
    { Sid: "ReadAlarms", Effect: "Allow", Action: "cloudwatch:DescribeAlarms", Resource: "*" },
    ...(topic === "create"
      ? [
          {
            Sid: "DrainAlarmTopic",
            Effect: "Allow" as const,
            Action: ["sns:CreateTopic", "sns:DeleteTopic", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:TagResource", "sns:UntagResource", "sns:ListTagsForResource"],
            Resource: arn.drainAlarmTopic,
          },
        ]
      : []),
  ];
}
