/**
 * HCP Terraform dynamic credentials for one environment (access stack): the IAM OIDC provider for
 * the Terraform Cloud / Enterprise hostname, and for each workspace that runs remotely (cluster,
 * add-ons) a plan role and an apply role, each trusted for exactly one workspace and one run phase.
 *
 * The run roles hold nothing but the right to assume one role: the plan role the reader (reads
 * only), the apply role the EKS admin role (which trusts the apply roles without MFA). The
 * permissions therefore live where the rest of the IAM model already proves them, and a plan-phase
 * token can reach nothing that writes.
 */
import { Construct } from "constructs";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { ADMIN_IAM_PATH, names } from "../../naming/names";
import { stackName, workspaceName } from "../../naming/state";
import { REMOTE_RUN_STACKS, TFC_AWS_AUDIENCE, type CloudState, type RemoteRunStack, type RunPhase } from "../../naming/terraform-cloud";
import { assumeOnly, oidcProviderArn, terraformCloudRunTrust } from "../../iam/terraform-cloud-trust";
import { AccessRole } from "./access-role";

export interface TerraformCloudIdentityProps {
  account: string;
  region: string;
  cluster: string;
  /** The environment's name: workspaces are `<workspacePrefix><env>-<stack>`. */
  environment: string;
  state: CloudState;
  /** ARNs (known from names, so the roles need not exist first) of the roles plans and applies work through. */
  readerRoleArn: string;
  adminRoleArn: string;
}

export class TerraformCloudIdentity extends Construct {
  readonly providerArn: string;
  private readonly roles = new Map<string, AccessRole>();

  constructor(scope: Construct, id: string, props: TerraformCloudIdentityProps) {
    super(scope, id);
    const s = props.state;
    if (s.createOidcProvider) {
      // No thumbprint: IAM verifies the certificates of well-known OIDC hosts itself (hashicorp/aws 5.x makes it optional).
      const provider = new IamOpenidConnectProvider(this, "oidc-provider", { url: `https://${s.hostname}`, clientIdList: [TFC_AWS_AUDIENCE] });
      this.providerArn = provider.arn;
    } else {
      this.providerArn = oidcProviderArn(props.account, props.region, s.hostname);
    }
    for (const stack of REMOTE_RUN_STACKS) {
      const workspace = workspaceName(s, stackName({ name: props.environment }, stack));
      for (const phase of ["plan", "apply"] as const) {
        const name = names.terraformCloudRunRole(props.cluster, stack, phase);
        const role = new AccessRole(this, `${stack}-${phase}`, {
          name,
          path: ADMIN_IAM_PATH,
          description: `HCP Terraform ${phase} runs of workspace ${workspace} (${s.organization}); may only assume the ${phase === "plan" ? "reader" : "admin"} role of ${props.cluster}`,
          trust: terraformCloudRunTrust(s, this.providerArn, workspace, phase),
          permissions:
            phase === "plan" ? assumeOnly(props.readerRoleArn, "PlanThroughReaderRole") : assumeOnly(props.adminRoleArn, "ApplyThroughAdminRole"),
          maxSessionDurationSeconds: 3600,
        });
        this.roles.set(`${stack}-${phase}`, role);
      }
    }
  }

  role(stack: RemoteRunStack, phase: RunPhase): AccessRole {
    return this.roles.get(`${stack}-${phase}`)!;
  }

  arns(phase: RunPhase): string[] {
    return REMOTE_RUN_STACKS.map((s) => this.role(s, phase).arn);
  }
}
