/** The drain queue: dead-letter redrive, who may send and receive, and the rules that feed it. */
import { describe, expect, it } from "vitest";
import { DrainQueue, type DrainQueueProps } from "../../../src/constructs/cluster/drain-queue";
import type { PolicyDocument, Statement } from "../../../src/iam/policy-document";
import { documentOf } from "../../support/reference";
import { all, byId, refTo, synthConstruct } from "../synth-construct";

const props: DrainQueueProps = {
  region: "eu-west-1",
  cluster: "team-a",
  autoScalingGroupNames: ["team-a-system", "team-a-general"],
  consumerRoleArns: ["arn:aws:iam::123456789012:role/team-a-drainer"],
  retentionSeconds: 7200,
  maxReceiveCount: 400,
};

const synth = (p: DrainQueueProps = props) => synthConstruct((scope) => new DrainQueue(scope, "drain-queue", p));

function queues(p?: DrainQueueProps) {
  const stack = synth(p);
  const q = byId(stack, "aws_sqs_queue");
  const queue = q.node_drain_queue;
  const [dlq] = Object.entries(q).filter(([id]) => id !== "node_drain_queue").map(([, r]) => r);
  return { stack, queue, dlq };
}

const policyOf = (stack: ReturnType<typeof synth>, queue: Record<string, any>): PolicyDocument => {
  const p = all(stack, "aws_sqs_queue_policy").find((x) => x.queue_url === refTo(stack, "aws_sqs_queue", queue, "url"))!;
  return documentOf(stack, p.policy);
};
const statement = (doc: PolicyDocument, sid: string) => doc.Statement.find((s: Statement) => s.Sid === sid)!;

describe("DrainQueue", () => {
  it("keeps the drain queue at its pinned address and redrives to its own dead-letter queue after maxReceiveCount", () => {
    const { stack, queue, dlq } = queues();
    expect(queue).toBeDefined();
    expect(JSON.parse(queue.redrive_policy)).toEqual({ deadLetterTargetArn: refTo(stack, "aws_sqs_queue", dlq, "arn"), maxReceiveCount: 400 });
    expect(queue.message_retention_seconds).toBe(7200);
  });

  it("keeps dead letters as long as SQS allows, longer than the queue keeps its messages", () => {
    const { queue, dlq } = queues();
    expect(dlq.message_retention_seconds).toBe(1_209_600);
    expect(dlq.message_retention_seconds).toBeGreaterThan(queue.message_retention_seconds);
  });

  it("encrypts both queues and long-polls the drain queue", () => {
    const { queue, dlq } = queues();
    expect([queue.sqs_managed_sse_enabled, dlq.sqs_managed_sse_enabled]).toEqual([true, true]);
    expect(queue.receive_wait_time_seconds).toBe(20);
  });

  it("routes every rule to the queue, and only this cluster's groups' lifecycle actions", () => {
    const { stack, queue } = queues();
    const rules = byId(stack, "aws_cloudwatch_event_rule");
    const targets = all(stack, "aws_cloudwatch_event_target");
    expect(targets).toHaveLength(Object.keys(rules).length);
    for (const id of Object.keys(rules)) {
      expect(targets.filter((t) => t.rule === `\${aws_cloudwatch_event_rule.${id}.name}`).map((t) => t.arn), id).toEqual([refTo(stack, "aws_sqs_queue", queue, "arn")]);
    }
    const lifecycle = Object.values(rules).map((r) => JSON.parse(r.event_pattern)).find((p) => p["detail-type"]?.includes("EC2 Instance-terminate Lifecycle Action"));
    expect([...lifecycle.detail.AutoScalingGroupName].sort()).toEqual([...props.autoScalingGroupNames].sort());
  });

  it("lets only this cluster's rules send, and no one else; only the drainer receives; TLS only", () => {
    const { stack, queue, dlq } = queues();
    const doc = policyOf(stack, queue);
    const ruleArns = Object.keys(byId(stack, "aws_cloudwatch_event_rule")).map((id) => `\${aws_cloudwatch_event_rule.${id}.arn}`).sort();
    const allow = statement(doc, "OnlyThisClustersRules");
    expect(allow).toMatchObject({ Effect: "Allow", Action: "sqs:SendMessage", Principal: { Service: "events.amazonaws.com" } });
    expect([...(allow.Condition!.ArnEquals["aws:SourceArn"] as string[])].sort()).toEqual(ruleArns);
    const deny = statement(doc, "NoOneElseSends");
    expect(deny).toMatchObject({ Effect: "Deny", Principal: "*", Action: "sqs:SendMessage" });
    expect([...(deny.Condition!.ArnNotEquals["aws:SourceArn"] as string[])].sort()).toEqual(ruleArns);
    expect(statement(doc, "OnlyTheDrainerReceives")).toMatchObject({ Effect: "Deny", Condition: { ArnNotEquals: { "aws:PrincipalArn": props.consumerRoleArns } } });
    expect(statement(doc, "DenyWithoutTls")).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expect(statement(policyOf(stack, dlq), "DenyWithoutTls")).toMatchObject({ Effect: "Deny" });
  });

  it("with no drainer role, no one receives (the deny has no exception)", () => {
    const { stack, queue } = queues({ ...props, consumerRoleArns: [] });
    const deny = statement(policyOf(stack, queue), "OnlyTheDrainerReceives");
    expect(deny.Effect).toBe("Deny");
    expect(deny.Condition).toBeUndefined();
  });
});
