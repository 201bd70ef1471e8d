/** Builds the stacks of every environment into an app. Wiring only. */
import type { App } from "cdktf";
import type { Environment } from "./config/environment";
import { AccessStack } from "./stacks/access-stack";
import { AddonsStack } from "./stacks/addons-stack";
import { ClusterStack } from "./stacks/cluster-stack";
import { cloudState, workspacesGroupKey, type CloudState } from "./naming/terraform-cloud";
import { WorkspacesStack } from "./stacks/workspaces-stack";
import { TrafficStack } from "./stacks/traffic-stack";

export interface EnvironmentStacks {
  access: AccessStack;
  cluster: ClusterStack;
  addons: AddonsStack;
  /** Only when the environment has a traffic section. */
  traffic?: TrafficStack;
}

export function buildEnvironment(app: App, env: Environment): EnvironmentStacks {
  const access = new AccessStack(app, env);
  const cluster = new ClusterStack(app, env, access);
  const addons = new AddonsStack(app, env, access, cluster);
  return { access, cluster, addons, ...(env.traffic ? { traffic: new TrafficStack(app, env, cluster) } : {}) };
}

/** One workspaces stack per HCP Terraform organization and project that environments keep state in. */
export function buildWorkspaces(app: App, envs: Environment[]): WorkspacesStack[] {
  const groups = new Map<string, { state: CloudState; envs: Environment[] }>();
  for (const env of envs) {
    const s = cloudState(env);
    if (!s) continue;
    const key = workspacesGroupKey(s);
    const group = groups.get(key) ?? { state: s, envs: [] };
    group.envs.push(env);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => new WorkspacesStack(app, g.state, g.envs));
}
