/**
 * A worker pool: its mixed-instances group (types, weights, the on-demand/spot split), the
 * termination hook that holds a leaving node for the drainer, and what the group waits for.
 */
import { describe, expect, it } from "vitest";
import { WorkerPool, type WorkerPoolProps } from "../../../src/constructs/cluster/worker-pool";
import { resolvePool } from "../../../src/config/worker-pool";
import type { WorkerPoolInput } from "../../../src/config/worker-pool-schema";
import { all, byId, only, refTo, synthConstruct } from "../synth-construct";

const pool = (input: Partial<WorkerPoolInput> = {}) =>
  resolvePool({
    name: "general",
    class: "general",
    minSize: 2,
    maxSize: 12,
    instanceTypes: [{ type: "m7i.xlarge" }, { type: "m7i.2xlarge", weight: 2 }],
    onDemandBaseCapacity: 1,
    onDemandPercentageAboveBase: 25,
    ...input,
  } as WorkerPoolInput);

const props = (p = pool(), extra: Partial<WorkerPoolProps> = {}): WorkerPoolProps => ({
  cluster: "team-a",
  clusterNameRef: "team-a",
  endpoint: "https://example.eks.amazonaws.com",
  certificateAuthority: "Q0E=",
  kubernetesVersion: "1.34",
  serviceCidr: "172.20.0.0/16",
  pool: p,
  defaultSubnetIds: ["subnet-a", "subnet-b"],
  securityGroupIds: ["sg-nodes"],
  nodeRoleArn: "arn:aws:iam::123456789012:role/team-a-general-node",
  instanceProfileArn: "arn:aws:iam::123456789012:instance-profile/team-a-general-node",
  baseTags: { team: "a" },
  ...extra,
});

const synth = (p: WorkerPoolProps) => synthConstruct((scope) => new WorkerPool(scope, "pool", p));

describe("WorkerPool", () => {
  it("offers every instance type, with its weight where one is given, from the launch template's latest version", () => {
    const stack = synth(props());
    const asg = only(stack, "aws_autoscaling_group");
    const lt = asg.mixed_instances_policy.launch_template;
    expect(lt.override).toEqual([{ instance_type: "m7i.xlarge" }, { instance_type: "m7i.2xlarge", weighted_capacity: "2" }]);
    const template = only(stack, "aws_launch_template");
    expect(lt.launch_template_specification).toEqual({
      launch_template_id: refTo(stack, "aws_launch_template", template, "id"),
      version: refTo(stack, "aws_launch_template", template, "latest_version"),
    });
  });

  it("splits on-demand and spot as the pool asks", () => {
    const d = only(synth(props()), "aws_autoscaling_group").mixed_instances_policy.instances_distribution;
    expect(d).toMatchObject({ on_demand_base_capacity: 1, on_demand_percentage_above_base_capacity: 25 });
    const allSpot = only(synth(props(pool({ onDemandBaseCapacity: 0, onDemandPercentageAboveBase: 0 }))), "aws_autoscaling_group").mixed_instances_policy.instances_distribution;
    expect(allSpot).toMatchObject({ on_demand_base_capacity: 0, on_demand_percentage_above_base_capacity: 0 });
  });

  it("holds each leaving node for the pool's heartbeat, then lets it go (CONTINUE), on this group", () => {
    const p = pool();
    const stack = synth(props(p));
    const hook = only(stack, "aws_autoscaling_lifecycle_hook");
    expect(hook).toMatchObject({ lifecycle_transition: "autoscaling:EC2_INSTANCE_TERMINATING", default_result: "CONTINUE", heartbeat_timeout: p.hookHeartbeatSeconds });
    expect(hook.autoscaling_group_name).toBe(refTo(stack, "aws_autoscaling_group", only(stack, "aws_autoscaling_group"), "name"));
    // The hook must outlast the drain it waits for.
    expect(p.hookHeartbeatSeconds).toBeGreaterThan(p.drainTimeoutSeconds);
  });

  it("leaves the size between min and max to the autoscaler, and launches nodes only once they may join", () => {
    const stack = synth(props(pool(), { dependsOn: undefined }));
    const asg = only(stack, "aws_autoscaling_group");
    expect(asg).toMatchObject({ min_size: 2, max_size: 12 });
    expect(asg.lifecycle.ignore_changes).toEqual(["desired_capacity"]);
    const [entryId] = Object.keys(byId(stack, "aws_eks_access_entry"));
    expect(asg.depends_on).toEqual([`aws_eks_access_entry.${entryId}`]);
    expect(only(stack, "aws_eks_access_entry")).toMatchObject({ type: "EC2_LINUX", principal_arn: props().nodeRoleArn });
  });

  it("runs in the pool's own subnets when it has them, else the cluster's; joins target groups only when given", () => {
    expect(only(synth(props()), "aws_autoscaling_group").vpc_zone_identifier).toEqual(["subnet-a", "subnet-b"]);
    const own = only(synth(props(pool({ subnetIds: ["subnet-own"] }))), "aws_autoscaling_group");
    expect(own.vpc_zone_identifier).toEqual(["subnet-own"]);
    expect(own.target_group_arns).toBeUndefined();
    const edge = only(synth(props(pool(), { targetGroupArns: ["arn:tg"] })), "aws_autoscaling_group");
    expect(edge.target_group_arns).toEqual(["arn:tg"]);
  });

  it("tags the group's instances at launch with the cluster's ownership and the pool's labels", () => {
    const asg = only(synth(props()), "aws_autoscaling_group");
    const tags = Object.fromEntries(asg.tag.map((t: { key: string; value: string; propagate_at_launch: boolean }) => [t.key, t.value]));
    expect(asg.tag.every((t: { propagate_at_launch: boolean }) => t.propagate_at_launch)).toBe(true);
    expect(tags).toMatchObject({ team: "a", "kubernetes.io/cluster/team-a": "owned", "k8s.io/cluster-autoscaler/node-template/label/workload-class": "general" });
    expect(all(synth(props()), "aws_launch_template")).toHaveLength(1);
  });
});
