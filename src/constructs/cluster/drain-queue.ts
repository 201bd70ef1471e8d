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
import { drainEventPatterns, type DrainRuleKind } from "../../config/drain-events";
import { names } from "../../naming/names";
import { DRAIN_RULE_KINDS } from "../../config/drain-events";
import { policy, type Statement } from "../../iam/policy-document";
import { servicePrincipal } from "../../naming/partitions";
import { policyLocal } from "../shared/policy-local";

export interface DrainQueueProps {
  region: string;
  cluster: string;
  /** Names of this cluster's Auto Scaling Groups: only their lifecycle actions are routed here. */
  autoScalingGroupNames: string[];
  /** Roles of the drainer (its Pod Identity role, or the system nodes' roles): the only readers. */
  consumerRoleArns: string[];
  /**
   * Seconds a message stays (src/config/drain-timing.ts): long enough for the message of a node
   * that may still be waiting on its hook, and for one the drainer keeps failing on to reach the
   * dead-letter queue rather than expire unseen.
   */
  retentionSeconds: number;
  /**
   * Receives before a message moves to the dead-letter queue: more than a message can get while
   * its node is still draining, since the drainer deletes it only after the drain.
   */
  maxReceiveCount: number;
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
      messageRetentionSeconds: props.retentionSeconds,
      // Long polling: the drainer's receive calls wait for messages instead of spinning.
      receiveWaitTimeSeconds: 20,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount: props.maxReceiveCount }),
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
    const ruleArns = DRAIN_RULE_KINDS.map((k) => rules[k].arn);
    new SqsQueuePolicy(this, "policy", {
      queueUrl: this.queue.url,
      policy: policyLocal(
        this,
        "policy-document",
        policy(
          {
            Sid: "OnlyThisClustersRules",
            Effect: "Allow",
            Principal: { Service: servicePrincipal("events", props.region) },
            Action: "sqs:SendMessage",
            Resource: this.queue.arn,
            Condition: { ArnEquals: { "aws:SourceArn": ruleArns } },
          },
          // An explicit deny, so no identity policy of the account (sqs:* on *) can forge a drain.
          {
            Sid: "NoOneElseSends",
            Effect: "Deny",
            Principal: "*",
            Action: "sqs:SendMessage",
            Resource: this.queue.arn,
            Condition: { ArnNotEquals: { "aws:SourceArn": ruleArns } },
          },
          // Nor swallow one: a message received elsewhere is a node drained by no one.
          {
            Sid: "OnlyTheDrainerReceives",
            Effect: "Deny",
            Principal: "*",
            Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:PurgeQueue"],
            Resource: this.queue.arn,
            ...(props.consumerRoleArns.length > 0 ? { Condition: { ArnNotEquals: { "aws:PrincipalArn": props.consumerRoleArns } } } : {}),
          },
          denyInsecure(this.queue.arn),
        ),
      ),
    });
    new SqsQueuePolicy(this, "dead-letter-policy", {
      queueUrl: this.deadLetterQueue.url,
      policy: policyLocal(this, "dead-letter-policy-document", policy(denyInsecure(this.deadLetterQueue.arn))),
    });
  }
}
