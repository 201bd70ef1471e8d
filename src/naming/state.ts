/**
 * Stack names and where each stack's state lives: the S3 key, the HCP Terraform workspace, the
 * local file. The backends, the workspaces stack and the validator's "two environments share a
 * state" check all read them from here, so they cannot disagree.
 */
import { DEFAULT_TFC_HOSTNAME, type Environment } from "../config/environment";

/** The stacks every environment has, in apply order (run triggers and CI waves follow it). */
export const CORE_STACKS = ["access", "cluster", "addons"] as const;
export type CoreStack = (typeof CORE_STACKS)[number];
/** With `traffic`, a fourth stack moves DNS weights. */
export type StackRole = CoreStack | "traffic";

export const stackName = (env: Pick<Environment, "name">, role: StackRole) => `${env.name}-${role}`;

/** The stacks an environment makes. */
export function stackRoles(env: Environment): StackRole[] {
  return [...CORE_STACKS, ...(env.traffic ? (["traffic"] as const) : [])];
}

type S3State = Extract<Environment["state"], { backend: "s3" }>;
type CloudState = Extract<Environment["state"], { backend: "cloud" }>;

/** `<keyPrefix>/<stack>.tfstate`. */
export const s3StateKey = (s: S3State, stack: string) => `${s.keyPrefix}/${stack}.tfstate`;
/** `<workspacePrefix><stack>`. */
export const workspaceName = (s: CloudState, stack: string) => `${s.workspacePrefix}${stack}`;

/** Where the local backend keeps state: `<project>/.terraform-state/`, relative to generated/stacks/<stack>/. */
export const LOCAL_STATE_DIR = "../../../.terraform-state";
export const localStatePath = (stack: string) => `${LOCAL_STATE_DIR}/${stack}.tfstate`;

/** Where each stack's state lives, as one comparable string per stack. */
export function stateLocations(env: Environment): string[] {
  const stacks = stackRoles(env).map((role) => stackName(env, role));
  const s = env.state;
  switch (s.backend) {
    case "s3":
      return stacks.map((stack) => `s3://${s.bucket}/${s3StateKey(s, stack)}`);
    case "cloud":
      return stacks.map((stack) => `${s.hostname}/${s.organization}/${workspaceName(s, stack)}`);
    case "local":
      return stacks.map((stack) => `local:${stack}`);
  }
}

/** Where an environment reads its network from, in the notation of stateLocations. */
export function networkStateLocation(env: Environment): string | undefined {
  if (env.network.kind !== "remote-state") return undefined;
  const src = env.network.source;
  return src.backend === "s3" ? `s3://${src.bucket}/${src.key}` : `${src.hostname ?? DEFAULT_TFC_HOSTNAME}/${src.organization}/${src.workspace}`;
}
