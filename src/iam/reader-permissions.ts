/**
 * What the cluster and add-ons stacks' AWS providers hold while planning (the reader role): the
 * refresh and data-source reads of everything those stacks manage, and nothing that writes, pulls
 * data out of a queue, decrypts, or reads a parameter that could hold a secret.
 *
 * Reads that AWS scopes by ARN are scoped to this cluster; Describe/List calls of EC2, Auto Scaling
 * and Elastic Load Balancing support no resource scoping and are allowed on `*`, as for the admin
 * role. Wildcards are used only on the `Describe*` / `List*` prefixes, which hold no write in any
 * of these services (the IAM test evaluates every write of the cluster stack as this role).
 */
import { clusterArns, type ClusterScope } from "../naming/arns";
import { policy, type PolicyDocument } from "./policy-document";

export function readerPermissions(scope: ClusterScope): PolicyDocument {
  const arn = clusterArns(scope);
  return policy(
    {
      Sid: "DescribeUnscoped",
      Effect: "Allow",
      Action: ["ec2:Describe*", "autoscaling:Describe*", "elasticloadbalancing:Describe*", "eks:DescribeAddonVersions", "eks:ListClusters", "logs:DescribeLogGroups"],
      Resource: "*",
    },
    {
      Sid: "ThisCluster",
      Effect: "Allow",
      Action: ["eks:Describe*", "eks:List*"],
      Resource: [arn.cluster, ...arn.clusterChildren],
    },
    {
      Sid: "DrainQueue",
      Effect: "Allow",
      Action: ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListQueueTags"],
      Resource: [arn.drainQueue, arn.drainDeadLetterQueue],
    },
    {
      Sid: "DrainRules",
      Effect: "Allow",
      Action: ["events:DescribeRule", "events:ListTargetsByRule", "events:ListTagsForResource"],
      Resource: arn.drainRules,
    },
    {
      Sid: "LogGroup",
      Effect: "Allow",
      Action: ["logs:ListTagsForResource", "logs:ListTagsLogGroup"],
      Resource: [arn.logGroup, `${arn.logGroup}:*`],
    },
    {
      Sid: "DrainAlarms",
      Effect: "Allow",
      Action: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"],
      Resource: arn.drainAlarms,
    },
    {
      Sid: "DrainAlarmTopic",
      Effect: "Allow",
      Action: ["sns:GetTopicAttributes", "sns:ListTagsForResource"],
      Resource: arn.drainAlarmTopic,
    },
    {
      Sid: "EksAmiParameters",
      Effect: "Allow",
      Action: ["ssm:GetParameter", "ssm:GetParameters"],
      Resource: arn.eksAmiParameters,
    },
  );
}
