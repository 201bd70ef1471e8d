/**
 * Rules that keep an environment inside the project's security promises, each a small function
 * from the resolved environment to problems at a field.
 */
import type { Environment } from "./environment";
import type { Path } from "./errors";
import { parseCidr } from "./formats";

export interface RuleProblem {
  path: Path;
  message: string;
}

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

export function broadNodePolicies(env: Environment): RuleProblem[] {
  const out: RuleProblem[] = [];
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
}

/** The most addresses the public endpoint's networks may cover together: one /16. */
export const MAX_PUBLIC_ENDPOINT_ADDRESSES = 2 ** 16;

export function publicEndpointCoverage(env: Environment): RuleProblem[] {
  const e = env.cluster.endpoint;
  if (!e.publicAccess) return [];
  const ranges = e.publicAccessCidrs
    .map(parseCidr)
    .filter((c): c is NonNullable<typeof c> => c !== null && c.prefix > 0)
    .map((c) => {
      const start = c.octets.reduce((acc, o) => acc * 256 + o, 0);
      return [start, start + 2 ** (32 - c.prefix)] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let end = -1;
  for (const [s, t] of ranges) {
    if (t <= end) continue;
    covered += t - Math.max(s, end);
    end = t;
  }
  if (covered <= MAX_PUBLIC_ENDPOINT_ADDRESSES) return [];
  return [
    {
      path: ["cluster", "endpoint", "publicAccessCidrs"],
      message: `together cover ${covered.toLocaleString("en-US")} addresses; the public endpoint admits at most ${MAX_PUBLIC_ENDPOINT_ADDRESSES.toLocaleString("en-US")} (a /16 in all): list your offices, VPN and NAT addresses, or use the private endpoint`,
    },
  ];
}
