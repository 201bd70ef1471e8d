/**
 * Terraform Cloud (HCP Terraform / Terraform Enterprise) facts of an environment with the `cloud`
 * backend, derived in one place so the backends, the access stack's dynamic-credentials roles and
 * the workspaces stack always name the same workspaces.
 */
import type { Environment } from "../config/environment";

export type CloudState = Extract<Environment["state"], { backend: "cloud" }>;
export type RunPhase = "plan" | "apply";

/** The project HCP Terraform puts workspaces in when none is named. */
export const DEFAULT_PROJECT = "Default Project";
/** The audience HCP Terraform puts in its AWS workload identity tokens by default. */
export const TFC_AWS_AUDIENCE = "aws.workload.identity";
/** Stacks whose runs use dynamic credentials; the access stack runs on an administrator's machine. */
export const REMOTE_RUN_STACKS = ["cluster", "addons"] as const;
export type RemoteRunStack = (typeof REMOTE_RUN_STACKS)[number];

export function cloudState(env: Environment): CloudState | undefined {
  return env.state.backend === "cloud" ? env.state : undefined;
}

export const projectName = (s: CloudState) => s.project ?? DEFAULT_PROJECT;

/**
 * The `sub` claim of a run's workload identity token: organization, project, workspace and phase,
 * in the order and spelling HCP Terraform writes them.
 */
export function runSubject(s: CloudState, workspace: string, phase: RunPhase): string {
  return `organization:${s.organization}:project:${projectName(s)}:workspace:${workspace}:run_phase:${phase}`;
}

/** Kubernetes group of the reader role's access entry; the add-ons stack grants it reads only. */
export const PLAN_READER_GROUP = "eks-terraform:plan-readers";

/** Terraform the workspaces run: the project's pin (.terraform-version; a test keeps them equal). */
export const TERRAFORM_VERSION = "1.11.4";

/** The `hostname/organization/project` an environment's workspaces live in; one workspaces stack each. */
export const workspacesGroupKey = (s: CloudState) => `${s.hostname}/${s.organization}/${projectName(s)}`;

/** Name of the stack that creates the workspaces of one organization and project: `tfc-<org>-<project>`. */
export function workspacesStackName(s: CloudState): string {
  const slug = projectName(s).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `tfc-${s.organization.toLowerCase()}-${slug}`;
}
