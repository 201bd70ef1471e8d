/**
 * The events that mean "this node is going away", as EventBridge patterns, one rule each. The drain
 * queue's rules use them, and the admin role may only write rules that match these sources and
 * detail types, so a rule can never be rewritten to forward other events.
 */
export const DRAIN_RULE_KINDS = ["asg-lifecycle", "spot-interruption", "rebalance", "state-change", "scheduled-change"] as const;

export type DrainRuleKind = (typeof DRAIN_RULE_KINDS)[number];

export interface DrainEventPattern {
  source: string[];
  "detail-type": string[];
  detail?: Record<string, unknown>;
}

/** Patterns by rule kind. Pure, so tests read exactly what is deployed. */
export function drainEventPatterns(autoScalingGroupNames: string[]): Record<DrainRuleKind, DrainEventPattern> {
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
