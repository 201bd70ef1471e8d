/**
 * The managed policies of the cluster's roles (see src/iam/component-permissions.ts), under the
 * admin path, in the access stack.
 */
import { Construct } from "constructs";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { ADMIN_IAM_PATH, names } from "../../naming/names";
import type { ComponentPolicy } from "../../iam/component-permissions";
import { policyLocal } from "../shared/policy-local";

export interface ComponentPoliciesProps {
  cluster: string;
  policies: ComponentPolicy[];
}

export class ComponentPolicies extends Construct {
  private readonly byComponent = new Map<string, IamPolicy>();

  constructor(scope: Construct, id: string, props: ComponentPoliciesProps) {
    super(scope, id);
    for (const p of props.policies) {
      const created = new IamPolicy(this, p.component, {
        name: names.componentPolicy(props.cluster, p.component),
        path: ADMIN_IAM_PATH,
        description: p.description,
        policy: policyLocal(this, `${p.component}-document`, p.document),
      });
      this.byComponent.set(p.component, created);
    }
  }

  arnOf(component: string): string {
    const p = this.byComponent.get(component);
    if (!p) throw new Error(`no component policy ${component}`);
    return p.arn;
  }
}
