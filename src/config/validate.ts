/**
 * Validation of one environment (schema, then rules that need the whole file) and of the set of
 * environments (names and state keys must not collide). Every problem is collected; nothing stops
 * at the first.
 */
import type { EnvironmentInput } from "./environment-schema";
import type { Environment } from "./environment";
import type { FieldError, Path } from "./errors";
import { awsLimitProblems } from "./aws-limits";
import { parseCidr } from "./formats";
import { nameCollisions } from "./name-collisions";
import { clusterDerivedNames, clusterNameOptions, poolDerivedNames } from "./names";
import { checkAddonValues } from "../charts/check-extra-values";
import { instanceShape } from "./instance-types";
import { placementOn } from "../charts/placement";
import { broadNodePolicies, publicEndpointCoverage } from "./security-rules";
import { partitionOf } from "../iam/policy-document";

import { checkTraffic } from "./rules/traffic";
import { readEnvironment } from "./read-environment";

export type ValidationResult = { ok: true; env: Environment } | { ok: false; errors: FieldError[] };

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => parseCidr(c)!);

function toNumber(octets: number[]): number {
  return octets.reduce((acc, o) => acc * 256 + o, 0);
}

function cidrWithin(inner: { octets: number[]; prefix: number }, outer: { octets: number[]; prefix: number }): boolean {
  if (inner.prefix < outer.prefix) return false;
  const size = 2 ** (32 - outer.prefix);
  return Math.floor(toNumber(inner.octets) / size) === Math.floor(toNumber(outer.octets) / size);
}

/** Rules that need the whole environment; only run once the schema accepted it. */
function checkEnvironment(input: EnvironmentInput, env: Environment): { path: Path; message: string }[] {
  const out: { path: Path; message: string }[] = [];
  const add = (path: Path, message: string) => out.push({ path, message });
  const c = env.cluster;

  const service = parseCidr(c.serviceCidr)!;
  if (!PRIVATE_RANGES.some((r) => cidrWithin(service, r)) || service.prefix < 12 || service.prefix > 24) {
    add(["cluster", "serviceCidr"], "must be a /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (EKS rule)");
  }
  if (c.endpoint.publicAccess) {
    if (c.endpoint.publicAccessCidrs.length === 0) {
      add(["cluster", "endpoint", "publicAccessCidrs"], "must list the networks allowed to reach the public endpoint when publicAccess is true");
    }
    c.endpoint.publicAccessCidrs.forEach((cidr, i) => {
      if (parseCidr(cidr)!.prefix === 0) add(["cluster", "endpoint", "publicAccessCidrs", i], "an endpoint open to the whole internet is refused; list your own networks");
    });
  } else if (c.endpoint.publicAccessCidrs.length > 0) {
    add(["cluster", "endpoint", "publicAccessCidrs"], "only applies when publicAccess is true");
  }
  if (new Set(c.logTypes).size !== c.logTypes.length) add(["cluster", "logTypes"], "lists a log type twice");

  const adminRoleArn = `arn:aws:iam::${env.account}:role/${env.adminRole.roleName}`;
  const principals = new Set<string>();
  c.accessEntries.forEach((e, i) => {
    if (e.principalArn === adminRoleArn) add(["cluster", "accessEntries", i, "principalArn"], "is the admin role, which already has cluster-admin");
    if (principals.has(e.principalArn)) add(["cluster", "accessEntries", i, "principalArn"], "has a second entry; EKS allows one access entry per principal");
    principals.add(e.principalArn);
    if (e.kubernetesGroups.length === 0 && e.policies.length === 0) {
      add(["cluster", "accessEntries", i], "grants nothing: give kubernetesGroups or policies");
    }
  });

  const poolNames = new Map<string, number>();
  env.workerPools.forEach((p, i) => {
    const first = poolNames.get(p.name);
    if (first !== undefined) add(["workerPools", i, "name"], `"${p.name}" is already used by workerPools[${first}]`);
    else poolNames.set(p.name, i);
    for (const d of poolDerivedNames(c.name, p.name)) {
      if (d.name.length > d.limit) {
        add(["workerPools", i, "name"], `is too long for this cluster: the ${d.what} "${d.name}" would be ${d.name.length} characters (AWS limit ${d.limit})`);
      }
    }
  });
  env.workerPools.forEach((p, i) => {
    if (env.addons.clusterAutoscaler.enabled) {
      // cluster-autoscaler counts instances and models a group on one instance type.
      p.instanceTypes.forEach((t, j) => {
        if (t.weight !== undefined) {
          add(["workerPools", i, "instanceTypes", j, "weight"], "cluster-autoscaler counts instances, not weighted capacity: drop the weights, or split the pool by size");
        }
      });
      const shapes = [...new Set(p.instanceTypes.map((t) => instanceShape(t.type)))];
      if (shapes.length > 1) {
        add(["workerPools", i, "instanceTypes"], `mixes sizes or families (${shapes.join(", ")}); cluster-autoscaler models a group on one of its types, so give a pool one size and family kind (m, c, r, ...) or split it`);
      }
    }
    if (p.kubelet.maxPods !== undefined && !c.vpcCniPrefixDelegation) {
      add(["workerPools", i, "kubelet", "maxPods"], "without VPC CNI prefix delegation the node's network interfaces decide how many pods get an IP, and the AMI computes it; set cluster.managedAddons.vpcCni.prefixDelegation: true, or leave maxPods out");
    }
  });
  if (!env.workerPools.some((p) => p.class === "system")) {
    add(["workerPools"], "needs a pool of class system: the drainer and the cluster autoscaler run there");
  }

  out.push(...broadNodePolicies(env), ...publicEndpointCoverage(env), ...awsLimitProblems(env), ...checkTraffic(env, input));

  for (const d of clusterDerivedNames(c.name, clusterNameOptions(env))) {
    if (d.name.length > d.limit) {
      add(d.field ? (d.field.split(".") as Path) : ["cluster", "name"], `is too long: the ${d.what} "${d.name}" would be ${d.name.length} characters (AWS limit ${d.limit})`);
    }
  }

  const hasEdgePool = env.edge !== undefined;
  if (input.edge && !hasEdgePool) add(["edge"], "is set but no worker pool has class edge");
  if (env.edge) {
    const ports = env.edge.listeners.map((l) => l.port);
    const targets = env.edge.listeners.map((l) => l.targetPort);
    ports.forEach((p, i) => ports.indexOf(p) !== i && add(["edge", "listeners", i, "port"], `${p} is used by two listeners`));
    targets.forEach((p, i) => targets.indexOf(p) !== i && add(["edge", "listeners", i, "targetPort"], `${p} is used by two listeners`));
    const clash = targets.indexOf(env.edge.healthCheckPort);
    if (clash >= 0) {
      const field: Path = input.edge?.healthCheckPort !== undefined ? ["edge", "healthCheckPort"] : ["edge", "listeners", clash, "targetPort"];
      add(field, `${env.edge.healthCheckPort} is both a listener's target port and the health check port (Traefik's ping endpoint needs a host port of its own)`);
    }
    if (env.edge.scheme === "internet-facing") {
      if (env.network.kind === "ids" && !env.network.publicSubnetIds) {
        add(["network", "publicSubnetIds"], "is required: the internet-facing edge load balancer lives in the public subnets");
      }
      if (env.network.kind === "remote-state" && !env.network.outputs.publicSubnetIds) {
        add(["network", "remoteState", "outputs", "publicSubnetIds"], "is required: the internet-facing edge load balancer lives in the public subnets");
      }
    }
  }

  const a = env.addons;
  if (a.externalDns.enabled) {
    if (a.externalDns.hostedZoneIds.length === 0) add(["addons", "externalDns", "hostedZoneIds"], "is required when external-dns is enabled (its role is limited to these zones)");
    if (a.externalDns.domainFilters.length === 0) add(["addons", "externalDns", "domainFilters"], "is required when external-dns is enabled");
  }
  if (a.traefik.enabled && !hasEdgePool) add(["addons", "traefik", "enabled"], "Traefik runs on edge nodes: add a worker pool of class edge");
  if (a.traefik.gatewayApi && !a.traefik.enabled) add(["addons", "traefik", "gatewayApi"], "needs Traefik enabled");
  const topic = env.drainer.alarmTopic;
  if (typeof topic === "object") {
    const [, partition, , region] = topic.arn.split(":");
    if (region !== env.region || partition !== partitionOf(env.region)) {
      add(["drainer", "alarmTopic"], `is in ${region}; CloudWatch alarms notify SNS topics of their own region (${env.region})`);
    }
  }
  if (!a.nodeTerminationHandler.enabled && env.drainer.identity === "node") {
    add(["drainer", "identity"], "has no effect with addons.nodeTerminationHandler disabled");
  }
  // Add-ons are pinned to a class by the labels all its pools share.
  const systemAddons = a.nodeTerminationHandler.enabled || a.clusterAutoscaler.enabled || a.metricsServer.enabled || a.externalDns.enabled || a.certManager.enabled;
  if (systemAddons && env.workerPools.some((p) => p.class === "system") && Object.keys(placementOn(env, "system").nodeSelector).length === 0) {
    add(["workerPools"], "the system pools share no label, so cluster add-ons cannot be pinned to them; give them a common label such as workload-class=system");
  }
  if (a.traefik.enabled && hasEdgePool && Object.keys(placementOn(env, "edge").nodeSelector).length === 0) {
    add(["workerPools"], "the edge pools share no label, so Traefik cannot be pinned to them; give them a common label such as workload-class=edge");
  }
  // Extra Helm values are checked on top of generated values, which need the rest to be valid.
  if (out.length === 0) out.push(...checkAddonValues(env));
  return out;
}

/** Validates one environment file's default export. */
export function validateEnvironment(exported: unknown, file: string): ValidationResult {
  const read = readEnvironment(exported);
  if (!read.ok) return { ok: false, errors: read.issues.map((i) => ({ file, ...i })) };
  const problems = checkEnvironment(read.input, read.env);
  if (problems.length > 0) return { ok: false, errors: problems.map((i) => ({ file, ...i })) };
  return { ok: true, env: read.env };
}

/** Where each stack's state lives; two environments must never share one. */
export function stateLocations(env: Environment): string[] {
  const stacks = ["access", "cluster", "addons", ...(env.traffic ? ["traffic"] : [])].map((s) => `${env.name}-${s}`);
  const s = env.state;
  switch (s.backend) {
    case "s3":
      return stacks.map((stack) => `s3://${s.bucket}/${s.keyPrefix}/${stack}.tfstate`);
    case "cloud":
      return stacks.map((stack) => `${s.hostname}/${s.organization}/${s.workspacePrefix}${stack}`);
    case "local":
      return stacks.map((stack) => `local:${stack}`);
  }
}

/** Where an environment reads its network from, in the same notation as stateLocations. */
function networkStateLocation(env: Environment): string | undefined {
  if (env.network.kind !== "remote-state") return undefined;
  const src = env.network.source;
  return src.backend === "s3"
    ? `s3://${src.bucket}/${src.key}`
    : `${src.hostname ?? "app.terraform.io"}/${src.organization}/${src.workspace}`;
}

/** Rules across environments: unique names, unique clusters per account and region, unique state. */
export function checkEnvironmentSet(envs: { file: string; env: Environment }[]): FieldError[] {
  const errors: FieldError[] = [];
  const byName = new Map<string, string>();
  const byCluster = new Map<string, string>();
  const byState = new Map<string, string>();
  for (const { file, env } of envs) {
    const other = byName.get(env.name);
    if (other) errors.push({ file, path: ["name"], message: `"${env.name}" is also the name of ${other}` });
    else byName.set(env.name, file);

    const clusterKey = `${env.account}/${env.region}/${env.cluster.name}`;
    const otherCluster = byCluster.get(clusterKey);
    if (otherCluster) errors.push({ file, path: ["cluster", "name"], message: `"${env.cluster.name}" is also used by ${otherCluster} in the same account and region` });
    else byCluster.set(clusterKey, file);

    const statePath: Path = env.state.backend === "s3" ? ["state", "keyPrefix"] : env.state.backend === "cloud" ? ["state", "workspacePrefix"] : ["name"];
    for (const loc of stateLocations(env)) {
      const owner = byState.get(loc);
      if (owner && owner !== file) {
        errors.push({ file, path: statePath, message: `state ${loc} is also used by ${owner}; every stack needs its own state` });
        break;
      }
      byState.set(loc, file);
    }
  }
  errors.push(...nameCollisions(envs));
  // IAM holds one OIDC provider per account and host: only one environment may create it.
  const oidcOwner = new Map<string, string>();
  for (const { file, env } of envs) {
    if (env.state.backend !== "cloud" || !env.state.createOidcProvider) continue;
    const key = `${env.account}/${env.state.hostname}`;
    const owner = oidcOwner.get(key);
    if (owner) errors.push({ file, path: ["state", "createOidcProvider"], message: `${owner} already creates the OIDC provider for ${env.state.hostname} in account ${env.account}; set false here` });
    else oidcOwner.set(key, file);
  }
  // Writing a stack's state over the network stack's state would lose the network.
  for (const { file, env } of envs) {
    const source = networkStateLocation(env);
    const owner = source ? byState.get(source) : undefined;
    if (source && owner) {
      errors.push({ file, path: ["network", "remoteState", "source"], message: `${source} is where ${owner} keeps a stack's own state, not a network stack` });
    }
  }
  errors.push(...githubOidcProviderOwners(envs));
  return errors;
}

/** IAM holds one OIDC provider for token.actions.githubusercontent.com per account: one environment creates it. */
function githubOidcProviderOwners(envs: { file: string; env: Environment }[]): FieldError[] {
  const owners = new Map<string, string>();
  const errors: FieldError[] = [];
  for (const { file, env } of envs) {
    if (!env.ci.github?.createOidcProvider) continue;
    const owner = owners.get(env.account);
    if (owner) errors.push({ file, path: ["ci", "github", "createOidcProvider"], message: `${owner} already creates GitHub's OIDC provider in account ${env.account}; set false here` });
    else owners.set(env.account, file);
  }
  return errors;
}
