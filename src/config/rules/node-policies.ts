/** Policies a worker pool's node role may carry: every pod on the host network can use them. */
import type { EnvironmentRule, Issue } from "./rule";

/**
 * AWS managed policies no worker pool may carry: each reaches far beyond one cluster's nodes
 * (account administration, IAM, every network interface, volume, bucket, key or secret). Besides
 * these names, any AWS managed policy whose name says full access, administrator or power user.
 */
export const BROAD_AWS_MANAGED_POLICIES = [
  "AdministratorAccess",
  "PowerUserAccess",
  "IAMFullAccess",
  "AmazonEKSClusterPolicy",
  "AmazonEKSServicePolicy",
  "AmazonEKS_CNI_Policy",
  "AmazonEBSCSIDriverPolicy",
  "AmazonEC2RoleforSSM",
  "AWSKeyManagementServicePowerUser",
  "SecretsManagerReadWrite",
  "job-function/SystemAdministrator",
  "job-function/NetworkAdministrator",
  "job-function/DatabaseAdministrator",
];
const BROAD_NAME = /(FullAccess|Administrator|PowerUser)/;

export const noBroadNodePolicies: EnvironmentRule = (env) => {
  const out: Issue[] = [];
  env.workerPools.forEach((p, i) =>
    p.iamPolicyArns.forEach((arn, j) => {
      const m = /^arn:[^:]+:iam::aws:policy\/(?:service-role\/)?(.+)$/.exec(arn);
      if (m && (BROAD_AWS_MANAGED_POLICIES.includes(m[1]) || BROAD_NAME.test(m[1]))) {
        out.push({
          path: ["workerPools", i, "iamPolicyArns", j],
          message: `${m[1]} reaches far beyond this cluster's nodes, and every pod on the host network can use a node's role; give the node a policy of your own scoped to what it needs`,
        });
      }
    }),
  );
  return out;
};
