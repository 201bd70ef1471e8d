/**
 * The cluster's node drain queue: every event that means "this node is going away" reaches one
 * SQS queue through EventBridge, and the node termination handler (queue-processor mode) drains
 * the node before it goes.
 *
 * Events: Auto Scaling termination lifecycle actions of this cluster's groups, spot interruption
 * warnings, rebalance recommendations, instance state changes, and AWS Health scheduled changes
 * for EC2. EC2 events cannot be filtered by cluster; the drainer ignores instances that do not
 * carry this cluster's drain tag.
 */
import { Construct } from "constructs";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { DRAIN_RULE_KINDS, names } from "../config/names";
import { policy, policyJson, servicePrincipal, type Statement } from "../iam/policy-document";

export type DrainRuleKind = (typeof DRAIN_RULE_KINDS)[number];

export interface DrainQueueProps {
  region: string;
  cluster: string;
  /** Names of this cluster's Auto Scaling Groups: only their lifecycle actions are routed here. */
  autoScalingGroupNames: string[];
  /**
   * Seconds a message stays. Default 300: an event older than that describes a node that is
   * already gone, and replaying it after a drainer outage would only drain healthy nodes.
   */
  retentionSeconds?: number;
}

/** EventBridge patterns, one per rule. Pure, so tests read exactly what is deployed. */
export function drainEventPatterns(autoScalingGroupNames: string[]): Record<DrainRuleKind, object> {
  return {
    "asg-lifecycle": {
      source: ["aws.autoscaling"],
      "detail-type": ["EC2 Instance-terminate Lifecycle Action"],
      detail: { AutoScalingGroupName: [...autoScalingGroupNames].sort() },
    },
    "spot-interruption": { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
    rebalance: { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] },
    "state-change": {
      source: ["aws.ec2"],
      "detail-type": ["EC2 Instance State-change Notification"],
      detail: { state: ["stopping", "stopped", "shutting-down", "terminated"] },
    },
    "scheduled-change": {
      source: ["aws.health"],
      "detail-type": ["AWS Health Event"],
      detail: { service: ["EC2"], eventTypeCategory: ["scheduledChange"] },
    },
  };
}

export class DrainQueue extends Construct {
  readonly queue: SqsQueue;
  readonly deadLetterQueue: SqsQueue;
  readonly rules: Record<DrainRuleKind, CloudwatchEventRule>;

  constructor(scope: Construct, id: string, props: DrainQueueProps) {
    super(scope, id);
    const { cluster } = props;
    this.deadLetterQueue = new SqsQueue(this, "dead-letter", {
      name: names.drainDeadLetterQueue(cluster),
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: 1_209_600,
    });
    this.queue = new SqsQueue(this, "queue", {
      name: names.drainQueue(cluster),
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: props.retentionSeconds ?? 300,
      // Long polling: the drainer's receive calls wait for messages instead of spinning.
      receiveWaitTimeSeconds: 20,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount: 5 }),
    });
    // Pinned address: the drainer's configuration and IAM point at this queue.
    this.queue.overrideLogicalId("node_drain_queue");

    const patterns = drainEventPatterns(props.autoScalingGroupNames);
    const rules = {} as Record<DrainRuleKind, CloudwatchEventRule>;
    for (const kind of DRAIN_RULE_KINDS) {
      rules[kind] = new CloudwatchEventRule(this, `rule-${kind}`, {
        name: names.drainRule(cluster, kind),
        description: `Node drain events for EKS ${cluster}: ${kind}`,
        eventPattern: JSON.stringify(patterns[kind]),
      });
      new CloudwatchEventTarget(this, `target-${kind}`, { rule: rules[kind].name, arn: this.queue.arn, targetId: "node-drain-queue" });
    }
    this.rules = rules;

    const denyInsecure = (arn: string): Statement => ({
      Sid: "DenyWithoutTls",
      Effect: "Deny",
      Principal: "*",
      Action: "sqs:*",
      Resource: arn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    new SqsQueuePolicy(this, "policy", {
      queueUrl: this.queue.url,
      policy: policyJson(
        policy(
          {
            Sid: "OnlyThisClustersRules",
            Effect: "Allow",
            Principal: { Service: servicePrincipal("events", props.region) },
            Action: "sqs:SendMessage",
            Resource: this.queue.arn,
            Condition: { ArnEquals: { "aws:SourceArn": DRAIN_RULE_KINDS.map((k) => rules[k].arn) } },
          },
          denyInsecure(this.queue.arn),
        ),
      ),
    });
    new SqsQueuePolicy(this, "dead-letter-policy", {
      queueUrl: this.deadLetterQueue.url,
      policy: policyJson(policy(denyInsecure(this.deadLetterQueue.arn))),
    });
  }
}
