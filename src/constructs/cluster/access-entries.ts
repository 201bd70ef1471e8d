/**
 * Who may use the Kubernetes API, through EKS access entries (authentication mode API): the admin
 * role gets cluster-admin explicitly, so nothing depends on who happened to create the cluster,
 * then each configured entry with its access policies.
 */
import { Construct } from "constructs";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import type { AccessEntry } from "../../config/environment";
import { partitionOf } from "../../naming/partitions";
import { PLAN_READER_GROUP } from "../../naming/terraform-cloud";

export interface AccessEntriesProps {
  region: string;
  clusterName: string;
  adminRoleArn: string;
  /** The role plans run as: mapped to a Kubernetes group the add-ons stack grants reads only. Default none. */
  readerRoleArn?: string;
  entries: AccessEntry[];
}

export class AccessEntries extends Construct {
  constructor(scope: Construct, id: string, props: AccessEntriesProps) {
    super(scope, id);
    const policyArn = (name: string) => `arn:${partitionOf(props.region)}:eks::aws:cluster-access-policy/${name}`;
    const grant = (entryId: string, principalArn: string, kubernetesGroups: string[], policies: AccessEntry["policies"]) => {
      const entry = new EksAccessEntry(this, entryId, {
        clusterName: props.clusterName,
        principalArn,
        type: "STANDARD",
        ...(kubernetesGroups.length > 0 ? { kubernetesGroups } : {}),
      });
      for (const p of policies) {
        new EksAccessPolicyAssociation(this, `${entryId}-${p.policy}`, {
          clusterName: props.clusterName,
          principalArn: entry.principalArn,
          policyArn: policyArn(p.policy),
          accessScope: p.namespaces ? { type: "namespace", namespaces: p.namespaces } : { type: "cluster" },
        });
      }
    };
    grant("admin", props.adminRoleArn, [], [{ policy: "AmazonEKSClusterAdminPolicy" }]);
    // No access policy: its Kubernetes permissions are the RBAC of src/constructs/addons/plan-reader-rbac.ts.
    if (props.readerRoleArn) grant("plan-reader", props.readerRoleArn, [PLAN_READER_GROUP], []);
    // Keyed by the principal's name, so adding or reordering entries never replaces another one.
    for (const e of props.entries) {
      grant(`entry-${e.principalArn.split(":").pop()!.replace(/[^A-Za-z0-9-]/g, "-")}`, e.principalArn, e.kubernetesGroups, e.policies);
    }
  }
}
