/**
 * The admin role's cluster part: the EKS cluster itself, its drain queues and rules, its log
 * group, and EKS's use of the cluster key.
 */
import { DRAIN_RULE_KINDS, drainEventPatterns } from "../../config/drain-events";
import { kmsGrantConditions } from "../kms-grants";
import type { Statement } from "../policy-document";
import type { AdminScope } from "./scope";

/**
 * @param secretsKeyArn the cluster's key: the environment's own, or a reference to the key the
 *   access stack creates.
 */
export function adminClusterStatements(scope: AdminScope, secretsKeyArn: string): Statement[] {
  const { region, arn, ownedAtCreation } = scope;
  const patterns = drainEventPatterns([]);
  return [
    { Sid: "CreateOwnedCluster", Effect: "Allow", Action: "eks:CreateCluster", Resource: "*", Condition: ownedAtCreation },
    { Sid: "ThisClusterOnly", Effect: "Allow", Action: "eks:*", Resource: [arn.cluster, ...arn.clusterChildren] },
    {
      Sid: "EksReadOnly",
      Effect: "Allow",
      Action: ["eks:DescribeAddonVersions", "eks:DescribeAddonConfiguration", "eks:DescribeClusterVersions", "eks:ListAccessPolicies", "eks:ListClusters"],
      Resource: "*",
    },
    {
      Sid: "DrainQueues",
      Effect: "Allow",
      Action: [
        "sqs:CreateQueue", "sqs:DeleteQueue", "sqs:GetQueueAttributes", "sqs:SetQueueAttributes", "sqs:GetQueueUrl",
        "sqs:TagQueue", "sqs:UntagQueue", "sqs:ListQueueTags", "sqs:ListDeadLetterSourceQueues",
      ],
      Resource: [arn.drainQueue, arn.drainDeadLetterQueue],
    },
    // Each rule may only match its own events: a rule cannot be rewritten to forward anything else.
    ...DRAIN_RULE_KINDS.map(
      (kind): Statement => ({
        Sid: `DrainRule${kind.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`,
        Effect: "Allow",
        Action: "events:PutRule",
        Resource: arn.drainRule(kind),
        Condition: {
          "ForAllValues:StringEquals": { "events:source": patterns[kind].source, "events:detail-type": patterns[kind]["detail-type"] },
          Null: { "events:source": "false", "events:detail-type": "false" },
        },
      }),
    ),
    {
      Sid: "DrainRulesTargetTheQueue",
      Effect: "Allow",
      Action: "events:PutTargets",
      Resource: arn.drainRules,
      Condition: { "ForAllValues:ArnEquals": { "events:TargetArn": arn.drainQueue }, Null: { "events:TargetArn": "false" } },
    },
    {
      Sid: "ManageDrainRules",
      Effect: "Allow",
      Action: [
        "events:DeleteRule", "events:DescribeRule", "events:EnableRule", "events:DisableRule", "events:RemoveTargets",
        "events:ListTargetsByRule", "events:TagResource", "events:UntagResource", "events:ListTagsForResource",
      ],
      Resource: arn.drainRules,
    },
    {
      Sid: "ClusterLogGroup",
      Effect: "Allow",
      Action: [
        "logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy",
        "logs:AssociateKmsKey", "logs:DisassociateKmsKey", "logs:TagResource", "logs:UntagResource",
        "logs:ListTagsForResource", "logs:TagLogGroup", "logs:ListTagsLogGroup",
      ],
      Resource: [arn.logGroup, `${arn.logGroup}:*`],
    },
    { Sid: "ListLogGroups", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
    // The key is the access stack's (or the environment's own): the admin role only lets EKS use
    // it, through EKS, for the operations cluster encryption needs.
    {
      Sid: "LetEksUseClusterKey",
      Effect: "Allow",
      Action: ["kms:DescribeKey", "kms:CreateGrant", "kms:ListGrants"],
      Resource: secretsKeyArn,
      Condition: kmsGrantConditions(region),
    },
    { Sid: "EksAmiParameters", Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters"], Resource: arn.eksAmiParameters },
  ];
}
