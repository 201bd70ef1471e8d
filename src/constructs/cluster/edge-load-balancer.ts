/**
 * The edge entry point: a network load balancer (in the public subnets when internet-facing)
 * forwarding TCP to the edge nodes, where the ingress controller listens on host ports. The load
 * balancer has a security group of its own, and the edge nodes' group admits only that group,
 * only on the target ports and the health check port: nothing else reaches the edge nodes from
 * outside. Targets are health-checked over HTTP on the ingress controller's ping endpoint, which
 * fails as soon as a terminating controller starts its shutdown (src/config/edge-timing.ts).
 */
import { Construct } from "constructs";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { EdgeLoadBalancer as EdgeConfig } from "../../config/environment";
import { EDGE_HEALTH_CHECK } from "../../config/edge-timing";
import { names } from "../../naming/names";

export interface EdgeLoadBalancerProps {
  cluster: string;
  vpcId: string;
  /** Public subnets for internet-facing, private for internal. */
  subnetIds: string[];
  config: EdgeConfig;
  /**
   * Seconds a leaving node keeps its connections before the target group lets go. Default 60:
   * the node is out of the load balancer before its lifecycle hook hands it to the drainer.
   */
  deregistrationDelaySeconds?: number;
}

export class EdgeLoadBalancer extends Construct {
  readonly loadBalancer: Lb;
  /** For the edge pool's nodes: admits the load balancer on the target ports. */
  readonly nodeSecurityGroup: SecurityGroup;
  readonly targetGroups: LbTargetGroup[];

  constructor(scope: Construct, id: string, props: EdgeLoadBalancerProps) {
    super(scope, id);
    const { cluster, config } = props;
    const lbGroup = new SecurityGroup(this, "lb-security-group", {
      name: names.securityGroup(cluster, "edge-nlb"),
      description: `EKS ${cluster} edge load balancer`,
      vpcId: props.vpcId,
      tags: { Name: names.securityGroup(cluster, "edge-nlb") },
    });
    this.nodeSecurityGroup = new SecurityGroup(this, "node-security-group", {
      name: names.securityGroup(cluster, "edge"),
      description: `EKS ${cluster} edge nodes: traffic from the edge load balancer`,
      vpcId: props.vpcId,
      tags: { Name: names.securityGroup(cluster, "edge") },
    });

    const nodePorts = [...config.listeners.map((l) => ({ port: l.targetPort, what: "traffic" })), { port: config.healthCheckPort, what: "health checks" }];
    for (const { port } of config.listeners) {
      config.allowedCidrs.forEach((cidr) => {
        new VpcSecurityGroupIngressRule(this, `lb-in-${port}-${cidr.replace(/[./]/g, "-")}`, {
          securityGroupId: lbGroup.id, cidrIpv4: cidr, ipProtocol: "tcp", fromPort: port, toPort: port,
          description: `Clients on ${port}`,
        });
      });
    }
    for (const { port, what } of nodePorts) {
      new VpcSecurityGroupEgressRule(this, `lb-out-${port}`, {
        securityGroupId: lbGroup.id, referencedSecurityGroupId: this.nodeSecurityGroup.id, ipProtocol: "tcp", fromPort: port, toPort: port,
        description: `To edge nodes on ${port} (${what})`,
      });
      new VpcSecurityGroupIngressRule(this, `node-in-${port}`, {
        securityGroupId: this.nodeSecurityGroup.id, referencedSecurityGroupId: lbGroup.id, ipProtocol: "tcp", fromPort: port, toPort: port,
        description: `From the edge load balancer on ${port}${what === "traffic" ? "" : ` (${what})`}`,
      });
    }

    this.loadBalancer = new Lb(this, "nlb", {
      name: names.edgeLoadBalancer(cluster),
      loadBalancerType: "network",
      internal: config.scheme === "internal",
      subnets: props.subnetIds,
      securityGroups: [lbGroup.id],
      enableCrossZoneLoadBalancing: true,
    });

    this.targetGroups = config.listeners.map(({ port, targetPort }) => {
      const group = new LbTargetGroup(this, `target-${targetPort}`, {
        // Named by cluster and port: the admin role may register its groups only behind these, and
        // a changed port gets a new name, so the new group exists before the old one goes.
        name: names.edgeTargetGroup(cluster, targetPort),
        port: targetPort,
        protocol: "TCP",
        targetType: "instance",
        vpcId: props.vpcId,
        deregistrationDelay: String(props.deregistrationDelaySeconds ?? 60),
        // HTTP on the ping endpoint, not TCP on the traffic port: a terminating Traefik still
        // accepts traffic for a while, but its ping port closes at once.
        healthCheck: {
          protocol: "HTTP",
          port: String(config.healthCheckPort),
          path: EDGE_HEALTH_CHECK.path,
          matcher: EDGE_HEALTH_CHECK.matcher,
          interval: EDGE_HEALTH_CHECK.intervalSeconds,
          timeout: EDGE_HEALTH_CHECK.timeoutSeconds,
          healthyThreshold: EDGE_HEALTH_CHECK.healthyThreshold,
          unhealthyThreshold: EDGE_HEALTH_CHECK.unhealthyThreshold,
        },
        lifecycle: { createBeforeDestroy: true },
      });
      new LbListener(this, `listener-${port}`, {
        loadBalancerArn: this.loadBalancer.arn,
        port,
        protocol: "TCP",
        defaultAction: [{ type: "forward", targetGroupArn: group.arn }],
      });
      return group;
    });
  }
}
