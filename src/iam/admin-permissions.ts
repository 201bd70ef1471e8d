/**
 * What the EKS admin role may do: exactly what the `<env>-cluster` stack creates and changes, for
 * this one cluster. Pure: environment in, policy documents out.
 *
 * The role creates no IAM role, writes no trust and no policy: every role the cluster uses (control
 * plane, nodes, Pod Identity workloads) and every policy is the access stack's, applied by an account
 * administrator. IAM has no condition key that limits what a trust policy says, so a role that could
 * create or re-trust roles could always build a way out of its cluster. The role may only pass
 * those roles, each to its one service.
 *
 * Everything else is scoped, in order of preference:
 * 1. by ARN where the name is known before creation (cluster, queues, rules, log group, roles, key);
 * 2. by the cluster's owner tag where AWS assigns the id (security groups, launch templates, Auto
 *    Scaling groups, load balancers): required in the create call, required afterwards, and the
 *    ownership and discovery tags can only be written by a create call;
 * 3. by the cluster's network where a call names one (`ec2:Vpc`, `autoscaling:VPCZoneIdentifiers`);
 * 4. `*` only for reads that support no resource scoping, and for `eks:CreateCluster`, which has no
 *    resource type (it needs this cluster's owner tag in the request).
 */
import type { Environment } from "../config/environment";
import { adminClusterStatements } from "./admin/cluster-statements";
import { adminEc2Statements } from "./admin/ec2-statements";
import { adminIamStatements, type PassableRoles } from "./admin/iam-statements";
import { adminMonitoringStatements } from "./admin/monitoring-statements";
import { adminScalingStatements } from "./admin/scaling-statements";
import { adminScope, type ClusterNetworkRefs } from "./admin/scope";
import { type PolicyDocument, policy } from "./policy-document";

export type { ClusterNetworkRefs, PassableRoles };

export interface AdminPermissions {
  /** Named parts, each small enough for one managed policy (6,144 characters). */
  parts: Record<"iam" | "ec2" | "scaling" | "cluster" | "monitoring", PolicyDocument>;
}

/**
 * @param secretsKeyArn the cluster's key: the environment's own, or a reference to the key the
 *   access stack creates.
 */
export function adminPermissions(env: Environment, secretsKeyArn: string, network: ClusterNetworkRefs, roles: PassableRoles): AdminPermissions {
  const scope = adminScope(env, network);
  return {
    parts: {
      iam: policy(...adminIamStatements(scope, roles)),
      ec2: policy(...adminEc2Statements(scope)),
      scaling: policy(...adminScalingStatements(scope)),
      cluster: policy(...adminClusterStatements(scope, secretsKeyArn)),
      monitoring: policy(...adminMonitoringStatements(scope)),
    },
  };
}
