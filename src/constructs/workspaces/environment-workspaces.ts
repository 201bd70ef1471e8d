/**
 * The HCP Terraform workspaces of one environment (`hashicorp/tfe`): one per stack, named as the
 * stacks' cloud backends name them, each running `generated/stacks/<stack>` of the repository.
 *
 * - access: local execution. HCP Terraform keeps its state (the other stacks read it), but its runs
 *   happen on an account administrator's machine with their own credentials: no token of a remote
 *   run can ever write IAM.
 * - cluster, add-ons: remote runs (on the agent pool when one is given, for a private endpoint),
 *   with dynamic credentials: the plan phase as the plan role, the apply phase as the apply role
 *   (`TFC_AWS_PROVIDER_AUTH`, `TFC_AWS_PLAN_ROLE_ARN`, `TFC_AWS_APPLY_ROLE_ARN`).
 * - State is shared only with the workspaces that read it (cluster reads access; add-ons read
 *   access and cluster), never organization-wide.
 * - Run triggers follow the apply order: a finished cluster apply queues the add-ons run.
 */
import { Construct } from "constructs";
import { RunTrigger } from "@cdktf/provider-tfe/lib/run-trigger";
import { Variable } from "@cdktf/provider-tfe/lib/variable";
import { Workspace } from "@cdktf/provider-tfe/lib/workspace";
import { WorkspaceSettings } from "@cdktf/provider-tfe/lib/workspace-settings";
import { CORE_STACKS, workspaceName, type CoreStack } from "../../naming/state";
import { TERRAFORM_VERSION, type CloudState, type RemoteRunStack } from "../../naming/terraform-cloud";


export interface EnvironmentWorkspacesProps {
  /** The environment's name; stacks are `<env>-<role>`. */
  environment: string;
  state: CloudState;
  projectId: string;
  /** Dynamic-credentials roles of the remotely run stacks (access stack: TerraformCloudIdentity). */
  runRoleArns: Record<RemoteRunStack, { plan: string; apply: string }>;
}

/** Which stacks read which stack's state (EnvironmentStack.outputsOf). */
const READERS: Record<CoreStack, CoreStack[]> = { access: ["cluster", "addons"], cluster: ["addons"], addons: [] };

export class EnvironmentWorkspaces extends Construct {
  readonly workspaces = {} as Record<CoreStack, Workspace>;

  constructor(scope: Construct, id: string, props: EnvironmentWorkspacesProps) {
    super(scope, id);
    const s = props.state;
    for (const role of CORE_STACKS) {
      const stack = `${props.environment}-${role}`;
      const dir = `generated/stacks/${stack}`;
      const remote = role !== "access";
      this.workspaces[role] = new Workspace(this, role, {
        name: workspaceName(s, stack),
        organization: s.organization,
        projectId: props.projectId,
        description: remote
          ? `${stack}: plans as the reader, applies as the EKS admin role (dynamic credentials)`
          : `${stack}: state only; applied by an account administrator from their machine`,
        workingDirectory: dir,
        terraformVersion: TERRAFORM_VERSION,
        autoApply: false,
        // Nothing can plan before the access stack's roles exist (docs/deploying.md, "Order").
        queueAllRuns: false,
        ...(remote && s.vcsRepo
          ? {
              fileTriggersEnabled: true,
              triggerPatterns: [`${dir}/**/*`],
              vcsRepo: {
                identifier: s.vcsRepo.identifier,
                ...(s.vcsRepo.branch ? { branch: s.vcsRepo.branch } : {}),
                ...(s.vcsRepo.oauthTokenId ? { oauthTokenId: s.vcsRepo.oauthTokenId } : {}),
                ...(s.vcsRepo.githubAppInstallationId ? { githubAppInstallationId: s.vcsRepo.githubAppInstallationId } : {}),
              },
            }
          : {}),
      });
    }
    for (const role of CORE_STACKS) {
      const remote = role !== "access";
      new WorkspaceSettings(this, `${role}-settings`, {
        workspaceId: this.workspaces[role].id,
        executionMode: !remote ? "local" : s.agentPoolId ? "agent" : "remote",
        ...(remote && s.agentPoolId ? { agentPoolId: s.agentPoolId } : {}),
        globalRemoteState: false,
        remoteStateConsumerIds: READERS[role].map((r) => this.workspaces[r].id),
      });
    }
    for (const role of ["cluster", "addons"] as const) {
      const ws = this.workspaces[role].id;
      const env = (key: string, value: string, description: string) =>
        new Variable(this, `${role}-${key.toLowerCase().replace(/_/g, "-")}`, { workspaceId: ws, category: "env", key, value, description });
      env("TFC_AWS_PROVIDER_AUTH", "true", "Dynamic AWS credentials for every run");
      env("TFC_AWS_PLAN_ROLE_ARN", props.runRoleArns[role].plan, "Plan phase: may only assume the reader role");
      env("TFC_AWS_APPLY_ROLE_ARN", props.runRoleArns[role].apply, "Apply phase: may only assume the EKS admin role");
    }
    // Apply order: a successful run of each stack queues a run of the next.
    for (let i = 1; i < CORE_STACKS.length; i++) {
      new RunTrigger(this, `${CORE_STACKS[i]}-after-${CORE_STACKS[i - 1]}`, {
        workspaceId: this.workspaces[CORE_STACKS[i]].id,
        sourceableId: this.workspaces[CORE_STACKS[i - 1]].id,
      });
    }
  }
}
