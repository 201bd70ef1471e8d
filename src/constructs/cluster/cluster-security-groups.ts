/**
 * Security groups between the control plane and self-managed nodes, with only the ports EKS
 * needs: nodes call the API on 443; the API server calls kubelets (10250) and admission webhooks
 * and aggregated APIs (443 and unprivileged ports) on the nodes; nodes talk to each other freely
 * (pod-to-pod traffic with the VPC CNI uses node addresses).
 */
import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { names } from "../../naming/names";

export interface ClusterSecurityGroupsProps {
  cluster: string;
  vpcId: string;
  /** Networks admitted to the private API endpoint on 443 (VPN, CI agents). Default none. */
  privateAccessCidrs?: string[];
}

export class ClusterSecurityGroups extends Construct {
  /** Attached to the control plane's network interfaces. */
  readonly clusterGroup: SecurityGroup;
  /** Attached to every node. */
  readonly nodeGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: ClusterSecurityGroupsProps) {
    super(scope, id);
    const { cluster, vpcId } = props;
    this.clusterGroup = new SecurityGroup(this, "cluster", {
      name: names.securityGroup(cluster, "cluster"),
      description: `EKS ${cluster} control plane`,
      vpcId,
      tags: { Name: names.securityGroup(cluster, "cluster") },
    });
    this.nodeGroup = new SecurityGroup(this, "node", {
      name: names.securityGroup(cluster, "node"),
      description: `EKS ${cluster} nodes`,
      vpcId,
      tags: { Name: names.securityGroup(cluster, "node"), [names.clusterOwnershipTag(cluster)]: "owned" },
    });
    const cp = this.clusterGroup.id;
    const nodes = this.nodeGroup.id;

    new VpcSecurityGroupIngressRule(this, "api-from-nodes", {
      securityGroupId: cp, referencedSecurityGroupId: nodes, ipProtocol: "tcp", fromPort: 443, toPort: 443,
      description: "Nodes to the Kubernetes API",
    });
    (props.privateAccessCidrs ?? []).forEach((cidr) => {
      new VpcSecurityGroupIngressRule(this, `api-from-${cidr.replace(/[./]/g, "-")}`, {
        securityGroupId: cp, cidrIpv4: cidr, ipProtocol: "tcp", fromPort: 443, toPort: 443,
        description: `Private API access from ${cidr}`,
      });
    });
    // The API server reaches the nodes on these ports: egress from its group, ingress on the nodes'.
    const apiServerToNodes = [
      { name: "https", fromPort: 443, toPort: 443, description: "API server to webhooks on 443" },
      { name: "ports", fromPort: 1025, toPort: 65535, description: "API server to kubelets (10250), webhooks and aggregated APIs" },
    ];
    for (const { name, ...ports } of apiServerToNodes) {
      new VpcSecurityGroupEgressRule(this, `control-plane-to-node-${name}`, { securityGroupId: cp, referencedSecurityGroupId: nodes, ipProtocol: "tcp", ...ports });
    }
    for (const { name, ...ports } of apiServerToNodes) {
      new VpcSecurityGroupIngressRule(this, `node-from-control-plane-${name}`, { securityGroupId: nodes, referencedSecurityGroupId: cp, ipProtocol: "tcp", ...ports });
    }
    new VpcSecurityGroupIngressRule(this, "node-to-node", {
      securityGroupId: nodes, referencedSecurityGroupId: nodes, ipProtocol: "-1",
      description: "Node to node and pod to pod",
    });
    new VpcSecurityGroupEgressRule(this, "node-egress", {
      securityGroupId: nodes, cidrIpv4: "0.0.0.0/0", ipProtocol: "-1",
      description: "Image pulls, AWS APIs, the cluster endpoint",
    });
  }
}
