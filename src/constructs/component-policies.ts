/**
 * The managed policies the cluster stack's roles attach (see src/iam/component-permissions.ts):
 * in the access stack, under the admin path, so the admin role can attach them but not edit them.
 */
import { Construct } from "constructs";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { ADMIN_IAM_PATH, names } from "../config/names";
import type { ComponentPolicy } from "../iam/component-permissions";
import { policyJson } from "../iam/policy-document";

export interface ComponentPoliciesProps {
  cluster: string;
  policies: ComponentPolicy[];
}

export class ComponentPolicies extends Construct {
  constructor(scope: Construct, id: string, props: ComponentPoliciesProps) {
    super(scope, id);
    for (const p of props.policies) {
      new IamPolicy(this, p.component, {
        name: names.componentPolicy(props.cluster, p.component),
        path: ADMIN_IAM_PATH,
        description: p.description,
        policy: policyJson(p.document),
      });
    }
  }
}
