/**
 * The resolved environment every stack is built from: the validated input with each default
 * applied, so constructs never guess.
 */
import type { ManagedAddonKey } from "./managed-addons";
import type { AddonsInput } from "./addons-schema";
import type { GithubCi } from "./ci-schema";
import type { EnvironmentInput } from "./environment-schema";
import { DEFAULT_EDGE_HEALTH_CHECK_PORT } from "./edge-timing";
import { resolveTraffic, type Traffic } from "./traffic-schema";
import { resolvePool, type WorkerPool } from "./worker-pool";

export type { EnvironmentInput } from "./environment-schema";
export type { WorkerPool } from "./worker-pool";
export type { Traffic, TrafficRecord } from "./traffic-schema";

/** Typed identity for environment files: gives editors the schema's types; main.ts validates at run time. */
export function defineEnvironment(env: EnvironmentInput): EnvironmentInput {
  return env;
}

export type StateBackend =
  | { backend: "s3"; bucket: string; region: string; keyPrefix: string; kmsKeyArn?: string }
  | {
      backend: "cloud";
      organization: string;
      hostname: string;
      project?: string;
      workspacePrefix: string;
      agentPoolId?: string;
      vcsRepo?: { identifier: string; branch?: string; oauthTokenId?: string; githubAppInstallationId?: string };
      createOidcProvider: boolean;
    }
  | { backend: "local" };

type RemoteStateInput = NonNullable<EnvironmentInput["network"]["remoteState"]>;

export type Network =
  | { kind: "ids"; vpcId: string; privateSubnetIds: string[]; publicSubnetIds?: string[] }
  | { kind: "remote-state"; source: RemoteStateInput["source"]; outputs: RemoteStateInput["outputs"] };

/** HCP Terraform, where a `cloud` backend or a remote-state source without a hostname points. */
export const DEFAULT_TFC_HOSTNAME = "app.terraform.io";

export interface AccessEntry {
  principalArn: string;
  kubernetesGroups: string[];
  policies: { policy: string; namespaces?: string[] }[];
}

export interface EdgeLoadBalancer {
  scheme: "internet-facing" | "internal";
  listeners: { port: number; targetPort: number }[];
  allowedCidrs: string[];
  /** Host port of Traefik's ping endpoint, health-checked over HTTP by every target group. */
  healthCheckPort: number;
}

/** Where the drain queue's alarms notify: nowhere, a topic the cluster stack creates, or a topic of yours. */
export type AlarmTopic = "none" | "create" | { arn: string };

export interface HelmAddon {
  enabled: boolean;
  /** Extra values deep-merged over the generated ones. */
  values: Record<string, unknown>;
}

export interface Addons {
  kubernetesAuth: "token" | "exec";
  nodeTerminationHandler: HelmAddon;
  clusterAutoscaler: HelmAddon;
  metricsServer: HelmAddon;
  externalDns: HelmAddon & {
    domainFilters: string[];
    hostedZoneIds: string[];
    policy: "upsert-only" | "sync";
    /** Per-service cut-over mode: only resources annotated with this set identifier are published. */
    weightedRecords?: { setIdentifier: string };
  };
  certManager: HelmAddon & { dns01HostedZoneIds: string[] };
  traefik: HelmAddon & { serveIngressNginxClass: boolean; gatewayApi: boolean };
  clusterObjects: { defaultStorageClass: boolean; readOnlyGroups: string[] };
}

export interface Environment {
  name: string;
  account: string;
  region: string;
  state: StateBackend;
  adminRole: {
    /** As given; undefined means the derived default (src/naming/names.ts: adminRoleName). */
    roleName?: string;
    /** As given; undefined means the derived default (adminGroupName). */
    groupName?: string;
    members: string[];
    requireMfa: boolean;
    automationRoleArns: string[];
    maxSessionDurationSeconds: number;
  };
  network: Network;
  cluster: {
    name: string;
    version: string;
    supportType: "STANDARD" | "EXTENDED";
    endpoint: { publicAccess: boolean; publicAccessCidrs: string[]; privateAccessCidrs: string[] };
    serviceCidr: string;
    logTypes: string[];
    logRetentionDays: number;
    secretsEncryption: { kmsKeyArn?: string; deletionWindowDays: number };
    accessEntries: AccessEntry[];
    /** VPC CNI assigns /28 prefixes to interfaces (many more pods per node). */
    vpcCniPrefixDelegation: boolean;
    /** Pinned EKS managed add-on versions; a missing one means "the default for the cluster version". */
    managedAddonVersions: Partial<Record<ManagedAddonKey, string>>;
  };
  workerPools: WorkerPool[];
  /** Present when a pool of class edge exists. */
  edge?: EdgeLoadBalancer;
  drainer: { identity: "pod-identity" | "node"; alarmTopic: AlarmTopic };
  addons: Addons;
  /** Present when the environment is deployed from GitHub Actions. */
  ci: { github?: GithubCi };
  /** Present when the environment moves DNS names over from an old cluster. */
  traffic?: Traffic;
  tags: Record<string, string>;
}

function helmAddon(input: { enabled?: boolean; values?: Record<string, unknown> } | undefined, enabledByDefault: boolean): HelmAddon {
  return { enabled: input?.enabled ?? enabledByDefault, values: input?.values ?? {} };
}

function resolveAddons(input: AddonsInput | undefined, hasEdgePool: boolean, cluster: string): Addons {
  const a = input ?? {};
  return {
    kubernetesAuth: a.kubernetesAuth ?? "token",
    nodeTerminationHandler: helmAddon(a.nodeTerminationHandler, true),
    clusterAutoscaler: helmAddon(a.clusterAutoscaler, true),
    metricsServer: helmAddon(a.metricsServer, true),
    externalDns: {
      ...helmAddon(a.externalDns, false),
      domainFilters: a.externalDns?.domainFilters ?? [],
      hostedZoneIds: a.externalDns?.hostedZoneIds ?? [],
      policy: a.externalDns?.policy ?? "upsert-only",
      ...(a.externalDns?.weightedRecords ? { weightedRecords: { setIdentifier: a.externalDns.weightedRecords.setIdentifier ?? cluster } } : {}),
    },
    certManager: { ...helmAddon(a.certManager, false), dns01HostedZoneIds: a.certManager?.dns01HostedZoneIds ?? [] },
    traefik: {
      ...helmAddon(a.traefik, hasEdgePool),
      serveIngressNginxClass: a.traefik?.serveIngressNginxClass ?? false,
      gatewayApi: a.traefik?.gatewayApi ?? false,
    },
    clusterObjects: {
      defaultStorageClass: a.clusterObjects?.defaultStorageClass ?? false,
      readOnlyGroups: a.clusterObjects?.readOnlyGroups ?? [],
    },
  };
}

function resolveAlarmTopic(value: string | undefined): AlarmTopic {
  return value === undefined || value === "none" ? "none" : value === "create" ? "create" : { arn: value };
}

/**
 * Applies every default. The input must already have passed the schema. `workerPools`: the pools
 * already resolved (readEnvironment resolves each once, to check it); default: resolved here.
 */
export function resolveEnvironment(input: EnvironmentInput, workerPools: WorkerPool[] = input.workerPools.map(resolvePool)): Environment {
  const cluster = input.cluster;
  const hasEdgePool = workerPools.some((p) => p.class === "edge");
  const state: StateBackend =
    input.state.backend === "s3"
      ? {
          backend: "s3",
          bucket: input.state.bucket,
          region: input.state.region ?? input.region,
          keyPrefix: input.state.keyPrefix ?? input.name,
          ...(input.state.kmsKeyArn ? { kmsKeyArn: input.state.kmsKeyArn } : {}),
        }
      : input.state.backend === "cloud"
        ? {
            backend: "cloud",
            organization: input.state.organization,
            hostname: input.state.hostname ?? DEFAULT_TFC_HOSTNAME,
            ...(input.state.project ? { project: input.state.project } : {}),
            workspacePrefix: input.state.workspacePrefix ?? "",
            ...(input.state.agentPoolId ? { agentPoolId: input.state.agentPoolId } : {}),
            ...(input.state.vcsRepo ? { vcsRepo: input.state.vcsRepo } : {}),
            createOidcProvider: input.state.createOidcProvider ?? true,
          }
        : { backend: "local" };
  const n = input.network;
  const network: Network = n.remoteState
    ? { kind: "remote-state", source: n.remoteState.source, outputs: n.remoteState.outputs }
    : {
        kind: "ids",
        vpcId: n.vpcId!,
        privateSubnetIds: n.privateSubnetIds!,
        ...(n.publicSubnetIds ? { publicSubnetIds: n.publicSubnetIds } : {}),
      };
  const versions = cluster.managedAddons ?? {};
  return {
    name: input.name,
    account: input.account,
    region: input.region,
    state,
    adminRole: {
      ...(input.adminRole?.roleName ? { roleName: input.adminRole.roleName } : {}),
      ...(input.adminRole?.groupName ? { groupName: input.adminRole.groupName } : {}),
      members: input.adminRole?.members ?? [],
      requireMfa: input.adminRole?.requireMfa ?? true,
      automationRoleArns: input.adminRole?.automationRoleArns ?? [],
      maxSessionDurationSeconds: input.adminRole?.maxSessionDurationSeconds ?? 3600,
    },
    network,
    cluster: {
      name: cluster.name,
      version: cluster.version,
      supportType: cluster.supportType ?? "STANDARD",
      endpoint: {
        publicAccess: cluster.endpoint?.publicAccess ?? false,
        publicAccessCidrs: cluster.endpoint?.publicAccessCidrs ?? [],
        privateAccessCidrs: cluster.endpoint?.privateAccessCidrs ?? [],
      },
      serviceCidr: cluster.serviceCidr ?? "172.20.0.0/16",
      logTypes: cluster.logTypes ?? ["api", "audit", "authenticator"],
      logRetentionDays: cluster.logRetentionDays ?? 90,
      secretsEncryption: {
        ...(cluster.secretsEncryption?.kmsKeyArn ? { kmsKeyArn: cluster.secretsEncryption.kmsKeyArn } : {}),
        deletionWindowDays: cluster.secretsEncryption?.deletionWindowDays ?? 30,
      },
      accessEntries: (cluster.accessEntries ?? []).map((e) => ({
        principalArn: e.principalArn,
        kubernetesGroups: e.kubernetesGroups ?? [],
        policies: (e.policies ?? []).map((p) => ({ policy: p.policy, ...(p.namespaces ? { namespaces: p.namespaces } : {}) })),
      })),
      vpcCniPrefixDelegation: versions.vpcCni?.prefixDelegation ?? false,
      managedAddonVersions: Object.fromEntries(
        Object.entries<{ version?: string } | undefined>(versions).flatMap(([k, v]) => (v?.version ? [[k, v.version]] : [])),
      ),
    },
    workerPools,
    ...(hasEdgePool
      ? {
          edge: {
            scheme: input.edge?.scheme ?? "internet-facing",
            listeners: input.edge?.listeners ?? [
              { port: 80, targetPort: 8000 },
              { port: 443, targetPort: 8443 },
            ],
            allowedCidrs: input.edge?.allowedCidrs ?? ["0.0.0.0/0"],
            healthCheckPort: input.edge?.healthCheckPort ?? DEFAULT_EDGE_HEALTH_CHECK_PORT,
          },
        }
      : {}),
    drainer: { identity: input.drainer?.identity ?? "pod-identity", alarmTopic: resolveAlarmTopic(input.drainer?.alarmTopic) },
    addons: resolveAddons(input.addons, hasEdgePool, cluster.name),
    ci: input.ci?.github
      ? {
          github: {
            repository: input.ci.github.repository,
            branch: input.ci.github.branch ?? "main",
            environment: input.ci.github.environment ?? input.name,
            createOidcProvider: input.ci.github.createOidcProvider ?? true,
          },
        }
      : {},
    ...(input.traffic ? { traffic: resolveTraffic(input.traffic, cluster.name) } : {}),
    tags: input.tags ?? {},
  };
}
