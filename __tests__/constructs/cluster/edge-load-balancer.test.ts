/**
 * The edge load balancer: a listener per port forwarding to a target group on its target port,
 * clients admitted on the listener ports only, and edge nodes reachable from the load balancer
 * only, on the target and health-check ports.
 */
import { describe, expect, it } from "vitest";
import { EdgeLoadBalancer, type EdgeLoadBalancerProps } from "../../../src/constructs/cluster/edge-load-balancer";
import { all, byId, only, refTo, synthConstruct } from "../synth-construct";

const props = (extra: Partial<EdgeLoadBalancerProps> = {}): EdgeLoadBalancerProps => ({
  cluster: "team-a",
  vpcId: "vpc-1",
  subnetIds: ["subnet-public-a", "subnet-public-b"],
  config: { scheme: "internet-facing", listeners: [{ port: 80, targetPort: 8000 }, { port: 443, targetPort: 8443 }], allowedCidrs: ["0.0.0.0/0", "10.0.0.0/8"], healthCheckPort: 8080 },
  ...extra,
});
const synth = (p = props()) => synthConstruct((scope) => new EdgeLoadBalancer(scope, "edge", p));

/** The two security groups, told apart by what they are for. */
function groups(stack: ReturnType<typeof synth>) {
  const sgs = all(stack, "aws_security_group");
  const ref = (sg: unknown) => refTo(stack, "aws_security_group", sg, "id");
  return { lb: ref(sgs.find((g) => g.name.endsWith("edge-nlb"))), nodes: ref(sgs.find((g) => !g.name.endsWith("edge-nlb"))) };
}

describe("EdgeLoadBalancer", () => {
  it("forwards each listener port to a TCP target group on its target port", () => {
    const stack = synth();
    const lb = only(stack, "aws_lb");
    const targets = byId(stack, "aws_lb_target_group");
    const forwards = all(stack, "aws_lb_listener").map((l) => {
      expect(l.load_balancer_arn).toBe(refTo(stack, "aws_lb", lb, "arn"));
      const [action] = l.default_action;
      const id = /^\$\{aws_lb_target_group\.(.+)\.arn\}$/.exec(action.target_group_arn)![1];
      return [l.port, targets[id].port, action.type, l.protocol, targets[id].protocol];
    });
    expect(forwards.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [80, 8000, "forward", "TCP", "TCP"],
      [443, 8443, "forward", "TCP", "TCP"],
    ]);
  });

  it("health-checks every target over HTTP on the health-check port, and replaces a group only after its successor exists", () => {
    for (const g of all(synth(), "aws_lb_target_group")) {
      expect(g.health_check).toMatchObject({ protocol: "HTTP", port: "8080", path: "/ping" });
      expect(g.lifecycle).toEqual({ create_before_destroy: true });
      expect(g.deregistration_delay).toBe("60");
    }
    for (const g of all(synth(props({ deregistrationDelaySeconds: 15 })), "aws_lb_target_group")) expect(g.deregistration_delay).toBe("15");
  });

  it("admits clients from the allowed CIDRs on the listener ports only", () => {
    const stack = synth();
    const { lb } = groups(stack);
    const ingress = all(stack, "aws_vpc_security_group_ingress_rule").filter((r) => r.security_group_id === lb);
    expect(ingress.map((r) => `${r.cidr_ipv4} ${r.from_port}-${r.to_port}`).sort()).toEqual(["0.0.0.0/0 443-443", "0.0.0.0/0 80-80", "10.0.0.0/8 443-443", "10.0.0.0/8 80-80"]);
  });

  it("lets the edge nodes be reached from the load balancer only, on the target and health-check ports", () => {
    const stack = synth();
    const { lb, nodes } = groups(stack);
    const toNodes = all(stack, "aws_vpc_security_group_ingress_rule").filter((r) => r.security_group_id === nodes);
    expect(toNodes.every((r) => r.referenced_security_group_id === lb && r.cidr_ipv4 === undefined)).toBe(true);
    expect(toNodes.map((r) => r.from_port).sort()).toEqual([8000, 8080, 8443]);
    const out = all(stack, "aws_vpc_security_group_egress_rule");
    expect(out.every((r) => r.security_group_id === lb && r.referenced_security_group_id === nodes)).toBe(true);
    expect(out.map((r) => r.to_port).sort()).toEqual([8000, 8080, 8443]);
  });

  it("is internal only when the scheme says so, and uses its own security group", () => {
    const stack = synth();
    expect(only(stack, "aws_lb")).toMatchObject({ load_balancer_type: "network", internal: false, subnets: props().subnetIds, security_groups: [groups(stack).lb] });
    expect(only(synth(props({ config: { ...props().config, scheme: "internal" } })), "aws_lb").internal).toBe(true);
  });
});
