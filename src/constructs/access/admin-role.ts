/**
 * One IAM role creates and administers the cluster, so no person is ever its accidental owner,
 * and an IAM group decides who may assume it.
 */
import { Construct } from "constructs";
import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { IamGroupPolicy } from "@cdktf/provider-aws/lib/iam-group-policy";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IamUserGroupMembership } from "@cdktf/provider-aws/lib/iam-user-group-membership";
import { ADMIN_IAM_PATH, names } from "../../naming/names";
import type { PolicyDocument, Statement } from "../../iam/policy-document";
import { policy } from "../../iam/policy-document";
import { partitionOf } from "../../naming/partitions";
import { policyLocal } from "../shared/policy-local";

export interface AdminRoleProps {
  account: string;
  region: string;
  cluster: string;
  roleName: string;
  groupName: string;
  /** IAM users added to the group (non-exclusively: members added elsewhere stay). */
  members: string[];
  /** Require MFA for people assuming the role. */
  requireMfa: boolean;
  /** Roles trusted without MFA (automation). */
  automationRoleArns: string[];
  /** HCP Terraform apply-phase roles of this environment's workspaces, trusted without MFA. Default none. */
  terraformCloudApplyRoleArns?: string[];
  /** A role the group's members may also assume (the reader role, for plans). Default none. */
  readerRoleArn?: string;
  maxSessionDurationSeconds: number;
  /** The role's permissions, one managed policy per part. */
  permissions: Record<string, PolicyDocument>;
}

export class AdminRole extends Construct {
  readonly role: IamRole;
  readonly group: IamGroup;

  constructor(scope: Construct, id: string, props: AdminRoleProps) {
    super(scope, id);
    const partition = partitionOf(props.region);

    const trust: Statement[] = [
      {
        Sid: props.requireMfa ? "AccountPrincipalsWithMfa" : "AccountPrincipals",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${props.account}:root` },
        Action: "sts:AssumeRole",
        ...(props.requireMfa ? { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } } : {}),
      },
    ];
    if (props.automationRoleArns.length > 0) {
      trust.push({ Sid: "Automation", Effect: "Allow", Principal: { AWS: props.automationRoleArns }, Action: "sts:AssumeRole" });
    }
    // A separate statement from Automation: these come from the access stack itself, one per workspace.
    if ((props.terraformCloudApplyRoleArns ?? []).length > 0) {
      trust.push({ Sid: "TerraformCloudApply", Effect: "Allow", Principal: { AWS: props.terraformCloudApplyRoleArns! }, Action: "sts:AssumeRole" });
    }

    // Pinned address: replacing the admin role would orphan the cluster's only administrator.
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      description: `Creates and administers EKS cluster ${props.cluster}; assumed by members of ${props.groupName}`,
      assumeRolePolicy: policyLocal(this, "trust", policy(...trust)),
      maxSessionDuration: props.maxSessionDurationSeconds,
    });
    this.role.overrideLogicalId("eks_admin_role");

    for (const [part, doc] of Object.entries(props.permissions)) {
      const p = new IamPolicy(this, `policy-${part}`, {
        name: names.adminPolicy(props.cluster, part),
        path: ADMIN_IAM_PATH,
        description: `EKS admin permissions for ${props.cluster}: ${part}`,
        policy: policyLocal(this, `policy-${part}-document`, doc),
      });
      new IamRolePolicyAttachment(this, `attach-${part}`, { role: this.role.name, policyArn: p.arn });
    }

    this.group = new IamGroup(this, "group", { name: props.groupName });
    new IamGroupPolicy(this, "group-may-assume", {
      name: "assume-eks-admin-role",
      group: this.group.name,
      policy: policyLocal(this, "group-may-assume-document", policy(
          { Sid: "AssumeEksAdmin", Effect: "Allow", Action: "sts:AssumeRole", Resource: this.role.arn },
          ...(props.readerRoleArn ? [{ Sid: "AssumeEksReader", Effect: "Allow" as const, Action: "sts:AssumeRole", Resource: props.readerRoleArn }] : []),
        )),
    });
    for (const user of props.members) {
      new IamUserGroupMembership(this, `member-${user}`, { user, groups: [this.group.name] });
    }
  }
}
