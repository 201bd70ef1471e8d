/**
 * `tfc-<org>-<project>`: the HCP Terraform workspaces of every environment whose state lives in
 * that organization and project, with the settings and variables that make their runs use the
 * access stack's dynamic-credentials roles. Wiring only (src/constructs/workspaces/environment-workspaces.ts).
 *
 * Its own state is a workspace of the same project (`tfc-<org>-<project>`), run with local
 * execution by an organization owner holding a TFE_TOKEN: it manages workspaces, so no workspace's
 * run should hold a token that can (docs/deploying.md, "Terraform Cloud").
 */
import { CloudBackend, NamedCloudWorkspace } from "cdktf";
import type { Construct } from "constructs";
import { ProjectStack } from "../cdktf-internals";
import { DataTfeProject } from "@cdktf/provider-tfe/lib/data-tfe-project";
import { TfeProvider } from "@cdktf/provider-tfe/lib/provider";
import type { Environment } from "../config/environment";
import { projectName, REMOTE_RUN_STACKS, workspacesStackName, type CloudState, type RemoteRunStack } from "../naming/terraform-cloud";
import { EnvironmentWorkspaces } from "../constructs/workspaces/environment-workspaces";
import { clusterArns } from "../naming/arns";

/** A ProjectStack: readable addresses (`tfe_workspace.production_cluster`), as the environment stacks. */
export class WorkspacesStack extends ProjectStack {
  readonly environments: Record<string, EnvironmentWorkspaces> = {};

  constructor(scope: Construct, state: CloudState, envs: Environment[]) {
    const name = workspacesStackName(state);
    super(scope, name);
    new CloudBackend(this, { hostname: state.hostname, organization: state.organization, workspaces: new NamedCloudWorkspace(name, state.project) });
    // The token comes from TFE_TOKEN (or `terraform login`), never from the configuration.
    new TfeProvider(this, "tfe", { hostname: state.hostname, organization: state.organization });
    const project = new DataTfeProject(this, "project", { name: projectName(state), organization: state.organization });
    for (const env of envs) {
      const arns = clusterArns({ account: env.account, region: env.region, cluster: env.cluster.name });
      const runRoleArns = Object.fromEntries(
        REMOTE_RUN_STACKS.map((s) => [s, { plan: arns.terraformCloudRunRole(s, "plan"), apply: arns.terraformCloudRunRole(s, "apply") }]),
      ) as Record<RemoteRunStack, { plan: string; apply: string }>;
      this.environments[env.name] = new EnvironmentWorkspaces(this, env.name, {
        environment: env.name,
        state: env.state as CloudState,
        projectId: project.id,
        runRoleArns,
      });
    }
  }
}
