/**
 * Worker pools, draining and the edge, asserted on the synthesized stacks: what each setting
 * becomes, beyond what the snapshot pins.
 */
import { describe, expect, it } from "vitest";
import { drainEventPatterns } from "../src/config/drain-events";
import { drainTiming, HANDLER_LONG_POLL_SECONDS } from "../src/config/drain-timing";
import { EDGE_HEALTH_CHECK } from "../src/config/edge-timing";
import { attachedPolicies, componentPolicyOf, documentOf, referenceEnvironments, resources, stackJson, type StackJson } from "./support/reference";
import { synthVariant } from "./support/synth-variant";
import { validInput } from "./support/fixtures";

const ENVS = ["example", "staging", "production"];
const envNamed = async (name: string) => (await referenceEnvironments()).find((e) => e.name === name)!;
const snake = (s: string) => s.replace(/-/g, "_");

interface Asg {
  name: string;
  min_size: number;
  max_size: number;
  desired_capacity: number;
  capacity_rebalance: boolean;
  vpc_zone_identifier: unknown;
  target_group_arns?: string[];
  mixed_instances_policy: {
    launch_template: { launch_template_specification: { launch_template_id: string; version: string }; override: { instance_type: string; weighted_capacity?: string }[] };
    instances_distribution: Record<string, unknown>;
  };
  instance_refresh: { strategy: string; preferences: Record<string, unknown> };
  tag: { key: string; value: string; propagate_at_launch: boolean }[];
  lifecycle: { ignore_changes: string[] };
  depends_on: string[];
}

describe.each(ENVS)("%s-cluster worker pools", (envName) => {
  const stack = () => stackJson(`${envName}-cluster`);

  it("gives every pool a launch template with IMDSv2, encrypted volumes, monitoring and no SSH key", async () => {
    const env = await envNamed(envName);
    for (const pool of env.workerPools) {
      const lt = resources<Record<string, unknown>>(stack(), "aws_launch_template")[`pool_${snake(pool.name)}_launch_template_template`];
      expect(lt.metadata_options).toEqual({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: pool.metadataHopLimit, instance_metadata_tags: "disabled" });
      expect(lt.monitoring).toEqual({ enabled: true });
      expect(lt.update_default_version).toBe(true);
      expect(lt.key_name).toBeUndefined();
      for (const m of lt.block_device_mappings as { ebs: { encrypted: string; volume_type: string } }[]) expect(m.ebs).toMatchObject({ encrypted: "true", volume_type: "gp3" });
      expect((lt.tag_specifications as { resource_type: string }[]).map((t) => t.resource_type)).toEqual(["instance", "volume", "network-interface"]);
      expect(lt.user_data).toBe(`\${base64encode(local.pool_${snake(pool.name)}_launch_template_user_data)}`);
    }
  });

  it("runs each pool as a mixed-instances group following the template's latest version", async () => {
    const env = await envNamed(envName);
    for (const pool of env.workerPools) {
      const asg = resources<Asg>(stack(), "aws_autoscaling_group")[`pool_${snake(pool.name)}_asg`];
      const id = `pool_${snake(pool.name)}_launch_template_template`;
      expect(asg).toMatchObject({ name: `${env.cluster.name}-${pool.name}`, min_size: pool.minSize, max_size: pool.maxSize, desired_capacity: pool.desiredSize, capacity_rebalance: pool.capacityRebalance });
      expect(asg.mixed_instances_policy.launch_template.launch_template_specification).toEqual({ launch_template_id: `\${aws_launch_template.${id}.id}`, version: `\${aws_launch_template.${id}.latest_version}` });
      expect(asg.mixed_instances_policy.launch_template.override.map((o) => o.instance_type)).toEqual(pool.instanceTypes.map((t) => t.type));
      expect(asg.mixed_instances_policy.instances_distribution).toMatchObject({
        on_demand_base_capacity: pool.onDemandBaseCapacity,
        on_demand_percentage_above_base_capacity: pool.onDemandPercentageAboveBase,
        spot_allocation_strategy: "price-capacity-optimized",
      });
      expect(asg.instance_refresh).toEqual({ strategy: "Rolling", preferences: { min_healthy_percentage: 90, instance_warmup: "180", skip_matching: true } });
      expect(asg.lifecycle.ignore_changes).toEqual(["desired_capacity"]);
      expect(asg.depends_on).toContain(`aws_eks_access_entry.pool_${snake(pool.name)}_node_access_entry`);
    }
  });

  it("propagates discovery, node-template, ownership and drain tags to instances", async () => {
    const env = await envNamed(envName);
    const c = env.cluster.name;
    for (const pool of env.workerPools) {
      const asg = resources<Asg>(stack(), "aws_autoscaling_group")[`pool_${snake(pool.name)}_asg`];
      const tags = Object.fromEntries(asg.tag.filter((t) => t.propagate_at_launch).map((t) => [t.key, t.value]));
      expect(tags).toMatchObject({
        Name: `${c}-${pool.name}`,
        [`kubernetes.io/cluster/${c}`]: "owned",
        "k8s.io/cluster-autoscaler/enabled": "true",
        [`k8s.io/cluster-autoscaler/${c}`]: "owned",
        [`aws-node-termination-handler/${c}`]: "true",
        "eks-terraform/cluster": c,
        Environment: envName,
      });
      for (const [k, v] of Object.entries(pool.labels)) expect(tags[`k8s.io/cluster-autoscaler/node-template/label/${k}`]).toBe(v);
      for (const t of pool.taints) expect(tags[`k8s.io/cluster-autoscaler/node-template/taint/${t.key}`]).toBe(`${t.value}:${t.effect}`);
      expect(asg.tag.every((t) => t.propagate_at_launch)).toBe(true);
    }
  });

  it("holds every terminating node in a lifecycle hook that outlasts its drain", async () => {
    const env = await envNamed(envName);
    for (const pool of env.workerPools) {
      const hook = resources<Record<string, unknown>>(stack(), "aws_autoscaling_lifecycle_hook")[`pool_${snake(pool.name)}_drain_hook`];
      expect(hook).toMatchObject({
        autoscaling_group_name: `\${aws_autoscaling_group.pool_${snake(pool.name)}_asg.name}`,
        lifecycle_transition: "autoscaling:EC2_INSTANCE_TERMINATING",
        default_result: "CONTINUE",
        heartbeat_timeout: pool.hookHeartbeatSeconds,
      });
      expect(pool.hookHeartbeatSeconds).toBeGreaterThanOrEqual(pool.drainTimeoutSeconds + 60);
      expect(hook.notification_target_arn).toBeUndefined();
      const asg = resources<Asg & { initial_lifecycle_hook?: unknown }>(stack(), "aws_autoscaling_group")[`pool_${snake(pool.name)}_asg`];
      expect(asg.initial_lifecycle_hook).toBeUndefined();
    }
  });

  it("lets nodes join as EC2_LINUX with their pool's role from the access stack", async () => {
    const env = await envNamed(envName);
    for (const pool of env.workerPools) {
      const entry = resources<{ type: string; principal_arn: string }>(stack(), "aws_eks_access_entry")[`pool_${snake(pool.name)}_node_access_entry`];
      const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(pool.name) ? `.${pool.name}` : `["${pool.name}"]`;
      expect(entry).toMatchObject({ type: "EC2_LINUX", principal_arn: `\${data.terraform_remote_state.access_stack.outputs.node_role_arns${key}}` });
    }
  });

  it("makes coredns wait for the worker pools", async () => {
    const env = await envNamed(envName);
    const coredns = resources<{ depends_on: string[] }>(stack(), "aws_eks_addon").coredns_addon;
    expect(coredns.depends_on.sort()).toEqual(env.workerPools.map((p) => `aws_autoscaling_group.pool_${snake(p.name)}_asg`).sort());
  });
});

describe.each(ENVS)("%s-cluster drain queue", (envName) => {
  const stack = () => stackJson(`${envName}-cluster`);

  it("encrypts both queues, with a redrive count and retention derived from the pools' drain timing", async () => {
    const env = await envNamed(envName);
    const timing = drainTiming(env.workerPools);
    const queues = resources<Record<string, unknown>>(stack(), "aws_sqs_queue");
    expect(queues.node_drain_queue).toMatchObject({ sqs_managed_sse_enabled: true, message_retention_seconds: timing.retentionSeconds });
    expect(queues.drain_dead_letter).toMatchObject({ sqs_managed_sse_enabled: true, message_retention_seconds: 1_209_600 });
    expect(JSON.parse(queues.node_drain_queue.redrive_policy as string)).toEqual({ deadLetterTargetArn: "${aws_sqs_queue.drain_dead_letter.arn}", maxReceiveCount: timing.maxReceiveCount });
    // The dead-letter queue keeps a message longer than the drain queue could (SQS keeps the enqueue time).
    expect(1_209_600).toBeGreaterThan(timing.retentionSeconds);
  });

  it("alarms when a drain event reaches the dead-letter queue or outlives any drain, notifying the configured topic", async () => {
    const env = await envNamed(envName);
    type Alarm = { namespace: string; metric_name: string; dimensions: Record<string, string>; comparison_operator: string; threshold: number; statistic: string; alarm_actions?: string[]; ok_actions?: string[] };
    const alarms = resources<Alarm>(stack(), "aws_cloudwatch_metric_alarm");
    expect(Object.keys(alarms).sort()).toEqual(["drain_alarms_dead_letter", "drain_alarms_oldest_message"]);
    expect(alarms.drain_alarms_dead_letter).toMatchObject({
      namespace: "AWS/SQS",
      metric_name: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "${aws_sqs_queue.drain_dead_letter.name}" },
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
    });
    const oldest = alarms.drain_alarms_oldest_message;
    expect(oldest).toMatchObject({ namespace: "AWS/SQS", metric_name: "ApproximateAgeOfOldestMessage", dimensions: { QueueName: "${aws_sqs_queue.node_drain_queue.name}" }, comparison_operator: "GreaterThanThreshold" });
    // Quiet for a drain that completes (the handler gives up at the longest drain, then deletes the
    // message), and able to fire before the queue would drop the message.
    const longestDrain = Math.max(...env.workerPools.map((p) => p.drainTimeoutSeconds));
    expect(oldest.threshold).toBeGreaterThan(longestDrain + HANDLER_LONG_POLL_SECONDS);
    const queue = resources<{ message_retention_seconds: number }>(stack(), "aws_sqs_queue").node_drain_queue;
    expect(oldest.threshold).toBeLessThan(queue.message_retention_seconds);

    const topic = env.drainer.alarmTopic;
    const expected = topic === "none" ? undefined : topic === "create" ? ["${aws_sns_topic.drain_alarms_topic.arn}"] : [topic.arn];
    for (const alarm of Object.values(alarms)) {
      expect(alarm.alarm_actions).toEqual(expected);
      expect(alarm.ok_actions).toEqual(expected);
    }
    expect(Object.keys(resources(stack(), "aws_sns_topic"))).toEqual(topic === "create" ? ["drain_alarms_topic"] : []);
    expect(stack().output!.drain_alarm_topic_arn?.value).toBe(topic === "create" ? "${aws_sns_topic.drain_alarms_topic.arn}" : undefined);
  });

  it("accepts messages only from this cluster's rules, lets only the drainer read them, and only over TLS", () => {
    const policies = resources<{ queue_url: string; policy: string }>(stack(), "aws_sqs_queue_policy");
    const doc = documentOf(stack(), policies.drain_policy.policy);
    const rules = ["asg_lifecycle", "spot_interruption", "rebalance", "state_change", "scheduled_change"].map((k) => `\${aws_cloudwatch_event_rule.drain_rule_${k}.arn}`);
    expect(doc.Statement[0]).toEqual({
      Sid: "OnlyThisClustersRules",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: "${aws_sqs_queue.node_drain_queue.arn}",
      Condition: { ArnEquals: { "aws:SourceArn": rules } },
    });
    // What the denies do is evaluated in __tests__/iam.test.ts (red team: forged and stolen drain events).
    expect(doc.Statement.map((st) => `${st.Effect} ${st.Sid}`)).toEqual(["Allow OnlyThisClustersRules", "Deny NoOneElseSends", "Deny OnlyTheDrainerReceives", "Deny DenyWithoutTls"]);
    for (const p of Object.values(policies)) {
      expect(documentOf(stack(), p.policy).Statement).toContainEqual(
        expect.objectContaining({ Effect: "Deny", Principal: "*", Action: "sqs:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      );
    }
  });

  it("routes the five kinds of node events, lifecycle actions only from this cluster's groups", async () => {
    const env = await envNamed(envName);
    const rules = resources<{ name: string; event_pattern: string }>(stack(), "aws_cloudwatch_event_rule");
    const patterns = Object.fromEntries(Object.values(rules).map((r) => [r.name.replace(`${env.cluster.name}-drain-`, ""), JSON.parse(r.event_pattern)]));
    expect(patterns).toEqual(drainEventPatterns(env.workerPools.map((p) => `${env.cluster.name}-${p.name}`)));
    expect(patterns["asg-lifecycle"]).toEqual({
      source: ["aws.autoscaling"],
      "detail-type": ["EC2 Instance-terminate Lifecycle Action"],
      detail: { AutoScalingGroupName: env.workerPools.map((p) => `${env.cluster.name}-${p.name}`).sort() },
    });
    expect(patterns["spot-interruption"]["detail-type"]).toEqual(["EC2 Spot Instance Interruption Warning"]);
    expect(patterns.rebalance["detail-type"]).toEqual(["EC2 Instance Rebalance Recommendation"]);
    expect(patterns["state-change"]["detail-type"]).toEqual(["EC2 Instance State-change Notification"]);
    expect(patterns["scheduled-change"]).toEqual({ source: ["aws.health"], "detail-type": ["AWS Health Event"], detail: { service: ["EC2"], eventTypeCategory: ["scheduledChange"] } });
    for (const t of Object.values(resources<{ arn: string }>(stack(), "aws_cloudwatch_event_target"))) expect(t.arn).toBe("${aws_sqs_queue.node_drain_queue.arn}");
  });

  it("gives the drainer a role only its service account of this cluster can assume, acting on this cluster only", async () => {
    const env = await envNamed(envName);
    const access = stackJson(`${envName}-access`);
    const role = resources<{ assume_role_policy: string }>(access, "aws_iam_role").workload_drainer_role_role;
    const trust = documentOf(access, role.assume_role_policy);
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0]).toEqual({
      Sid: "OneServiceAccountOfThisCluster",
      Effect: "Allow",
      Principal: { Service: "pods.eks.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: {
        StringEquals: {
          "aws:RequestTag/eks-cluster-arn": `arn:aws:eks:${env.region}:${env.account}:cluster/${env.cluster.name}`,
          "aws:RequestTag/kubernetes-namespace": "kube-system",
          "aws:RequestTag/kubernetes-service-account": "aws-node-termination-handler",
        },
      },
    });
    // Its permissions are the access stack's policy, naming the queue the cluster stack creates.
    const drainer = componentPolicyOf(access, env.account, "drainer");
    expect(attachedPolicies(access, "workload_drainer_role_role")).toEqual(["${aws_iam_policy.component_policies_drainer.arn}"]);
    const queueName = resources<{ name: string }>(stack(), "aws_sqs_queue").node_drain_queue.name;
    expect(drainer.document.Statement).toEqual([
      { Sid: "ThisClustersDrainQueue", Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage"], Resource: `arn:aws:sqs:${env.region}:${env.account}:${queueName}` },
      {
        Sid: "ThisClustersAutoScalingGroups",
        Effect: "Allow",
        Action: ["autoscaling:CompleteLifecycleAction", "autoscaling:RecordLifecycleActionHeartbeat"],
        Resource: `arn:aws:autoscaling:${env.region}:${env.account}:autoScalingGroup:*:autoScalingGroupName/*`,
        Condition: { StringEquals: { [`autoscaling:ResourceTag/aws-node-termination-handler/${env.cluster.name}`]: "true" } },
      },
      {
        Sid: "ResolveInstancesToNodes",
        Effect: "Allow",
        Action: ["ec2:DescribeInstances", "ec2:DescribeTags", "autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeTags", "autoscaling:DescribeLifecycleHooks"],
        Resource: "*",
      },
    ]);
  });
});

describe("edge", () => {
  it("registers edge nodes behind a network load balancer in the public subnets, admitting it on the target ports and the health check port only", async () => {
    for (const envName of ["staging", "production"]) {
      const env = await envNamed(envName);
      const stack = stackJson(`${envName}-cluster`);
      const lb = resources<Record<string, unknown>>(stack, "aws_lb").edge_nlb;
      expect(lb).toMatchObject({ name: `${env.cluster.name}-edge`, load_balancer_type: "network", internal: false, security_groups: ["${aws_security_group.edge_lb_security_group.id}"] });
      const groups = resources<{ port: number; protocol: string; health_check: Record<string, unknown> }>(stack, "aws_lb_target_group");
      expect(Object.values(groups).map((g) => g.port).sort()).toEqual(env.edge!.listeners.map((l) => l.targetPort).sort());
      // HTTP on Traefik's ping endpoint, which fails as soon as Traefik starts shutting down (a TCP
      // check on the traffic port would pass for as long as Traefik still accepts).
      for (const g of Object.values(groups)) {
        expect(g.health_check).toEqual({
          protocol: "HTTP",
          port: String(env.edge!.healthCheckPort),
          path: "/ping",
          matcher: "200",
          interval: EDGE_HEALTH_CHECK.intervalSeconds,
          timeout: EDGE_HEALTH_CHECK.timeoutSeconds,
          healthy_threshold: EDGE_HEALTH_CHECK.healthyThreshold,
          unhealthy_threshold: EDGE_HEALTH_CHECK.unhealthyThreshold,
        });
      }
      const listeners = resources<{ port: number; default_action: { target_group_arn: string }[] }>(stack, "aws_lb_listener");
      expect(Object.values(listeners).map((l) => l.port).sort()).toEqual(env.edge!.listeners.map((l) => l.port).sort());
      const edgeIngress = Object.values(resources<{ security_group_id: string; referenced_security_group_id?: string; cidr_ipv4?: string; from_port: number }>(stack, "aws_vpc_security_group_ingress_rule")).filter(
        (r) => r.security_group_id === "${aws_security_group.edge_node_security_group.id}",
      );
      const nodePorts = [...env.edge!.listeners.map((l) => l.targetPort), env.edge!.healthCheckPort].sort();
      expect(edgeIngress.map((r) => r.from_port).sort()).toEqual(nodePorts);
      for (const r of edgeIngress) expect(r).toMatchObject({ referenced_security_group_id: "${aws_security_group.edge_lb_security_group.id}", to_port: r.from_port });
      const lbEgress = Object.values(resources<{ security_group_id: string; referenced_security_group_id?: string; from_port: number; to_port: number }>(stack, "aws_vpc_security_group_egress_rule")).filter(
        (r) => r.security_group_id === "${aws_security_group.edge_lb_security_group.id}",
      );
      expect(lbEgress.map((r) => r.from_port).sort()).toEqual(nodePorts);
      for (const r of lbEgress) expect(r).toMatchObject({ referenced_security_group_id: "${aws_security_group.edge_node_security_group.id}", to_port: r.from_port });
      const edgeAsg = resources<Asg>(stack, "aws_autoscaling_group").pool_edge_asg;
      expect(edgeAsg.target_group_arns?.sort()).toEqual(Object.keys(groups).map((n) => `\${aws_lb_target_group.${n}.arn}`).sort());
      const edgeLt = resources<{ vpc_security_group_ids: string[] }>(stack, "aws_launch_template").pool_edge_launch_template_template;
      expect(edgeLt.vpc_security_group_ids).toEqual(["${aws_security_group.security_groups_node.id}", "${aws_security_group.edge_node_security_group.id}"]);
    }
  });

  it("has no load balancer where there is no edge pool", () => {
    expect(resources(stackJson("example-cluster"), "aws_lb")).toEqual({});
  });
});

describe("classes", () => {
  it("system: on-demand covering the minimum, tainted for cluster components, with a self-applicable label", async () => {
    const system = (await envNamed("production")).workerPools.find((p) => p.class === "system")!;
    expect(system.onDemandBaseCapacity).toBe(system.minSize);
    expect(system.onDemandPercentageAboveBase).toBe(100);
    expect(system.taints).toEqual([{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }]);
    expect(system.labels).toEqual({ "workload-class": "system" });
  });

  it("general: spot-heavy over at least four instance types", async () => {
    for (const env of await referenceEnvironments()) {
      const general = env.workerPools.find((p) => p.class === "general")!;
      expect(general.instanceTypes.length).toBeGreaterThanOrEqual(4);
      expect(general.onDemandPercentageAboveBase).toBeLessThanOrEqual(20);
    }
  });

  it("reference environments use every class, and one Bottlerocket pool in production", async () => {
    const classes = async (name: string) => (await envNamed(name)).workerPools.map((p) => p.class);
    expect(await classes("example")).toEqual(["system", "general"]);
    expect(await classes("staging")).toEqual(["system", "edge", "general"]);
    expect(await classes("production")).toEqual(["system", "edge", "general"]);
    expect((await envNamed("production")).workerPools.filter((p) => p.amiFamily === "bottlerocket").map((p) => p.name)).toEqual(["general"]);
  });
});

describe("changing a pool", () => {
  /** Everything that must never be replaced, as synthesized. */
  const stateful = (stacks: Record<string, StackJson>) => ({
    cluster: stacks.cluster.resource!.aws_eks_cluster,
    key: stacks.access.resource!.aws_kms_key,
    queue: stacks.cluster.resource!.aws_sqs_queue,
    roles: { cluster_role: stacks.access.resource!.aws_iam_role.cluster_role, eks_admin_role: stacks.access.resource!.aws_iam_role.eks_admin_role },
  });
  const base = synthVariant(validInput());

  it("names the stateful resources at their pinned addresses", () => {
    const s = stateful(base.stacks);
    expect(Object.keys(s.cluster)).toEqual(["cluster"]);
    expect(Object.keys(s.key)).toEqual(["secrets_key"]);
    expect(Object.keys(s.queue).sort()).toEqual(["drain_dead_letter", "node_drain_queue"]);
    expect(Object.values(s.roles).every(Boolean)).toBe(true);
  });

  const edits: [string, (i: ReturnType<typeof validInput>) => void][] = [
    ["instance types", (i) => (i.workerPools[2].instanceTypes = ["c7i.xlarge", "c6i.xlarge", "c7a.xlarge", "c6a.xlarge", "c5.xlarge"])],
    ["sizes", (i) => Object.assign(i.workerPools[2], { minSize: 5, maxSize: 50, desiredSize: 7 })],
    ["labels", (i) => (i.workerPools[0].labels = { "example.com/tier": "critical" })],
    ["AMI", (i) => (i.workerPools[1].amiId = "ami-0123456789abcdef0")],
    ["AMI family", (i) => (i.workerPools[2].amiFamily = "bottlerocket")],
  ];
  for (const [what, edit] of edits) {
    it(`${what}: leaves the cluster, KMS key, queue and admin role untouched`, () => {
      const input = validInput();
      edit(input);
      const changed = synthVariant(input);
      expect(JSON.stringify(changed.stacks.cluster)).not.toBe(JSON.stringify(base.stacks.cluster));
      expect(stateful(changed.stacks)).toEqual(stateful(base.stacks));
    });
  }

  it("a new launch template version, never a new template, for a new AMI", () => {
    const input = validInput();
    input.workerPools[1].amiId = "ami-0123456789abcdef0";
    const changed = synthVariant(input).stacks.cluster.resource!.aws_launch_template;
    const before = base.stacks.cluster.resource!.aws_launch_template;
    expect(Object.keys(changed)).toEqual(Object.keys(before));
    const { image_id: newImage, ...rest } = changed.pool_edge_launch_template_template;
    const { image_id: oldImage, ...restBefore } = before.pool_edge_launch_template_template;
    expect(newImage).toBe("ami-0123456789abcdef0");
    expect(oldImage).toMatch(/^\$\{data\.aws_ssm_parameter\./);
    expect(rest).toEqual(restBefore);
  });
});

describe("drainer identity", () => {
  it("node: no drainer role; the system nodes' roles get the same, equally scoped permissions, and only they may read the queue", () => {
    const input = validInput();
    (input as Record<string, unknown>).drainer = { identity: "node" };
    const { stacks, env } = synthVariant(input);
    expect(resources(stacks.access, "aws_iam_role").workload_drainer_role_role).toBeUndefined();
    expect(resources(stacks.cluster, "aws_eks_pod_identity_association").pod_identity_drainer).toBeUndefined();
    const drainer = componentPolicyOf(stacks.access, env.account, "drainer");
    const arn = "${aws_iam_policy.component_policies_drainer.arn}";
    expect(attachedPolicies(stacks.access, "pool_system_node_role_role")).toContain(arn);
    for (const pool of ["edge", "general"]) expect(attachedPolicies(stacks.access, `pool_${pool}_node_role_role`)).not.toContain(arn);
    expect(drainer.document.Statement[0].Resource).toBe(`arn:aws:sqs:${env.region}:${env.account}:${env.cluster.name}-node-drain`);
    expect(drainer.document.Statement[1].Condition).toEqual({ StringEquals: { [`autoscaling:ResourceTag/aws-node-termination-handler/${env.cluster.name}`]: "true" } });
    const queue = documentOf(stacks.cluster, resources<{ policy: string }>(stacks.cluster, "aws_sqs_queue_policy").drain_policy.policy);
    const readers = queue.Statement.find((st) => st.Sid === "OnlyTheDrainerReceives")!.Condition!.ArnNotEquals["aws:PrincipalArn"];
    expect(readers).toEqual([`arn:aws:iam::${env.account}:role/eks/${env.cluster.name}/${env.cluster.name}-node-system`]);
  });
});
