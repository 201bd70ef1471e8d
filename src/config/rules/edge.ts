/** The edge load balancer: it needs edge nodes, distinct ports, and public subnets when public. */
import type { Path } from "../errors";
import type { EnvironmentRule, Issue } from "./rule";

export const edgeNeedsEdgePool: EnvironmentRule = (env, input) =>
  input.edge && !env.edge ? [{ path: ["edge"], message: "is set but no worker pool has class edge" }] : [];

export const edgePorts: EnvironmentRule = (env, input) => {
  if (!env.edge) return [];
  const out: Issue[] = [];
  const ports = env.edge.listeners.map((l) => l.port);
  const targets = env.edge.listeners.map((l) => l.targetPort);
  ports.forEach((p, i) => ports.indexOf(p) !== i && out.push({ path: ["edge", "listeners", i, "port"], message: `${p} is used by two listeners` }));
  targets.forEach((p, i) => targets.indexOf(p) !== i && out.push({ path: ["edge", "listeners", i, "targetPort"], message: `${p} is used by two listeners` }));
  const clash = targets.indexOf(env.edge.healthCheckPort);
  if (clash >= 0) {
    const field: Path = input.edge?.healthCheckPort !== undefined ? ["edge", "healthCheckPort"] : ["edge", "listeners", clash, "targetPort"];
    out.push({ path: field, message: `${env.edge.healthCheckPort} is both a listener's target port and the health check port (Traefik's ping endpoint needs a host port of its own)` });
  }
  return out;
};

export const edgePublicSubnets: EnvironmentRule = (env) => {
  if (env.edge?.scheme !== "internet-facing") return [];
  const message = "is required: the internet-facing edge load balancer lives in the public subnets";
  const n = env.network;
  if (n.kind === "ids" && !n.publicSubnetIds) return [{ path: ["network", "publicSubnetIds"], message }];
  if (n.kind === "remote-state" && !n.outputs.publicSubnetIds) return [{ path: ["network", "remoteState", "outputs", "publicSubnetIds"], message }];
  return [];
};
