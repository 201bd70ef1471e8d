/**
 * The admin role's IAM part: it passes the cluster's roles, each to its one service, and reads
 * them; it creates no role and writes no policy (see admin-permissions.ts for why).
 */
import { servicePrincipal } from "../../naming/partitions";
import type { Statement } from "../policy-document";
import type { AdminScope } from "./scope";

/** Services whose service-linked roles the cluster stack may need created on first use. */
const SERVICE_LINKED_ROLE_SERVICES = ["eks", "autoscaling", "elasticloadbalancing", "spot"];

/** Roles the admin role may pass, by the service each goes to (ARNs, known from names). */
export interface PassableRoles {
  controlPlane: string;
  nodes: string[];
  workloads: string[];
}

export function adminIamStatements(scope: AdminScope, roles: PassableRoles): Statement[] {
  const { env, region, arn } = scope;
  const pass = (resources: string | string[], service: string, sid: string): Statement => ({
    Sid: sid,
    Effect: "Allow",
    Action: "iam:PassRole",
    Resource: resources,
    Condition: { StringEquals: { "iam:PassedToService": servicePrincipal(service, region) } },
  });

  return [
    pass(roles.controlPlane, "eks", "PassControlPlaneRoleToEks"),
    pass(roles.nodes, "ec2", "PassNodeRolesToEc2"),
    ...(roles.workloads.length > 0 ? [pass(roles.workloads, "pods.eks", "PassWorkloadRolesToPodIdentity")] : []),
    {
      Sid: "ReadPassableRoles",
      Effect: "Allow",
      Action: ["iam:GetRole", "iam:ListAttachedRolePolicies"],
      Resource: [roles.controlPlane, ...roles.nodes, ...roles.workloads],
    },
    {
      Sid: "ServiceLinkedRoles",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: arn.serviceLinkedRoles,
      Condition: { StringEquals: { "iam:AWSServiceName": SERVICE_LINKED_ROLE_SERVICES.map((s) => servicePrincipal(s, region)) } },
    },
    // Terraform's refresh of a launch template reads the instance profile it names.
    { Sid: "ReadNodeInstanceProfiles", Effect: "Allow", Action: "iam:GetInstanceProfile", Resource: env.workerPools.map((p) => arn.nodeInstanceProfile(p.name)) },
  ];
}
