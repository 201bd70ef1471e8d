/**
 * What the node drainer (aws-node-termination-handler in queue-processor mode) may do: read this
 * cluster's drain queue, and complete lifecycle actions only on Auto Scaling Groups that carry
 * this cluster's drain tag, so one cluster can never complete another cluster's actions.
 */
import { policy, type PolicyDocument } from "./policy-document";

export interface DrainerScope {
  queueArn: string;
  /** Auto Scaling Group ARN pattern of the account and region. */
  autoScalingGroupsArn: string;
  drainTagKey: string;
  drainTagValue: string;
}

export function drainerPermissions(s: DrainerScope): PolicyDocument {
  return policy(
    { Sid: "ThisClustersDrainQueue", Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage"], Resource: s.queueArn },
    {
      Sid: "ThisClustersAutoScalingGroups",
      Effect: "Allow",
      Action: ["autoscaling:CompleteLifecycleAction", "autoscaling:RecordLifecycleActionHeartbeat"],
      Resource: s.autoScalingGroupsArn,
      Condition: { StringEquals: { [`autoscaling:ResourceTag/${s.drainTagKey}`]: s.drainTagValue } },
    },
    {
      Sid: "ResolveInstancesToNodes",
      Effect: "Allow",
      // DescribeLifecycleHooks: the handler reads the hook's timeout before it starts heartbeating.
      Action: ["ec2:DescribeInstances", "ec2:DescribeTags", "autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeTags", "autoscaling:DescribeLifecycleHooks"],
      Resource: "*",
    },
  );
}
