/** Builds the stacks of every environment into an app. Wiring only. */
import type { App } from "cdktf";
import type { Environment } from "./config/environment";
import { AccessStack } from "./stacks/access-stack";
import { AddonsStack } from "./stacks/addons-stack";
import { ClusterStack } from "./stacks/cluster-stack";

export interface EnvironmentStacks {
  access: AccessStack;
  cluster: ClusterStack;
  addons: AddonsStack;
}

export function buildEnvironment(app: App, env: Environment): EnvironmentStacks {
  const access = new AccessStack(app, env);
  const cluster = new ClusterStack(app, env, access);
  const addons = new AddonsStack(app, env, access, cluster);
  return { access, cluster, addons };
}
