/**
 * The naming layer's checks: every name derived from the environment fits AWS's limits, pools have
 * names of their own, tags stay within AWS's count, and every stack has state of its own.
 * src/environments/rules.ts runs them with the other layers' rules.
 */
import type { Environment } from "../config/environment";
import type { Path } from "../config/errors";
import type { EnvironmentRule, FleetRule, Issue } from "../config/rules/rule";
import { clusterArns } from "./arns";
import { defaultTags } from "./default-tags";
import { clusterDerivedNames, clusterNameOptions, poolDerivedNames } from "./derived-names";
import { adminRoleName, names } from "./names";
import { networkStateLocation, stackName, stateLocations } from "./state";
import { workerPoolTags } from "./worker-pool-tags";

/** The admin role's ARN, which no access entry may name (it has cluster-admin already). */
export const adminRoleArn = (env: Environment) => clusterArns({ account: env.account, region: env.region, cluster: env.cluster.name }).adminRole(adminRoleName(env));

/** Pool names are unique in the environment, and every name derived from one fits AWS's limit. */
export const poolNames: EnvironmentRule = (env) => {
  const out: Issue[] = [];
  const first = new Map<string, number>();
  env.workerPools.forEach((p, i) => {
    const at = ["workerPools", i, "name"];
    const taken = first.get(p.name);
    if (taken !== undefined) out.push({ path: at, message: `"${p.name}" is already used by workerPools[${taken}]` });
    else first.set(p.name, i);
    for (const d of poolDerivedNames(env.cluster.name, p.name)) {
      if (d.name.length > d.limit) out.push({ path: at, message: `is too long for this cluster: the ${d.what} "${d.name}" would be ${d.name.length} characters (AWS limit ${d.limit})` });
    }
  });
  return out;
};

export const clusterNameLengths: EnvironmentRule = (env) =>
  clusterDerivedNames(env.cluster.name, clusterNameOptions(env))
    .filter((d) => d.name.length > d.limit)
    .map((d) => ({
      path: d.field ? (d.field.split(".") as Path) : ["cluster", "name"],
      message: `is too long: the ${d.what} "${d.name}" would be ${d.name.length} characters (AWS limit ${d.limit})`,
    }));

/** AWS allows 50 tags per resource (EC2, Auto Scaling, IAM, SQS, EKS, ...). */
export const MAX_TAGS_PER_RESOURCE = 50;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Every resource carries the environment's tags and the project's own; a pool's group and
 * instances also carry a node-template tag per label and taint.
 */
export const tagCount: EnvironmentRule = (env) => {
  const cluster = env.cluster.name;
  const base = defaultTags(env, stackName(env, "cluster"));
  // Tags of the project's own a resource may carry besides the default ones (a security group's Name and ownership).
  const everyResource = new Set([...Object.keys(base), "Name", names.clusterOwnershipTag(cluster)]).size;
  if (everyResource > MAX_TAGS_PER_RESOURCE) {
    return [
      {
        path: ["tags"],
        message: `has ${Object.keys(env.tags).length} tags; with the project's own, resources would carry up to ${everyResource} (AWS limit ${MAX_TAGS_PER_RESOURCE} per resource)`,
      },
    ];
  }
  return env.workerPools.flatMap((p, i) => {
    const count = Object.keys(workerPoolTags(cluster, p, base)).length;
    if (count <= MAX_TAGS_PER_RESOURCE) return [];
    return [
      {
        path: ["workerPools", i, "labels"],
        message: `with ${plural(Object.keys(p.labels).length, "label")} and ${plural(p.taints.length, "taint")} (each a cluster-autoscaler node-template tag) on top of the environment's tags, the pool's Auto Scaling group and instances would carry ${count} tags (AWS limit ${MAX_TAGS_PER_RESOURCE})`,
      },
    ];
  });
};

/**
 * Each state location's owner (the first file whose stack uses it), and the files whose stacks
 * would share a location already owned, at the field that sets their locations.
 */
function stateOwners(envs: { file: string; env: Environment }[]) {
  const owners = new Map<string, string>();
  const clashes: { file: string; path: Path; message: string }[] = [];
  for (const { file, env } of envs) {
    const path: Path = env.state.backend === "s3" ? ["state", "keyPrefix"] : env.state.backend === "cloud" ? ["state", "workspacePrefix"] : ["name"];
    for (const loc of stateLocations(env)) {
      const owner = owners.get(loc);
      if (owner && owner !== file) {
        clashes.push({ file, path, message: `state ${loc} is also used by ${owner}; every stack needs its own state` });
        break;
      }
      owners.set(loc, file);
    }
  }
  return { owners, clashes };
}

export const distinctStateLocations: FleetRule = (envs) => stateOwners(envs).clashes;

/** Writing a stack's state over the network stack's state would lose the network. */
export const networkSourceIsNotAStack: FleetRule = (envs) => {
  const { owners } = stateOwners(envs);
  return envs.flatMap(({ file, env }) => {
    const source = networkStateLocation(env);
    const owner = source ? owners.get(source) : undefined;
    return source && owner ? [{ file, path: ["network", "remoteState", "source"], message: `${source} is where ${owner} keeps a stack's own state, not a network stack` }] : [];
  });
};
