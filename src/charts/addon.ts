/**
 * What every Helm add-on file declares: its pinned chart, where it runs, the values it gets from
 * the environment, and (when it calls AWS) the permissions of its Pod Identity role. Pure data and
 * pure functions: the add-ons stack turns them into helm_release resources, the access stack into
 * roles and policies, the cluster stack into Pod Identity associations, and tests into checks
 * against the vendored chart.
 */
import type { Environment } from "../config/environment";
import { names, type WorkloadComponent } from "../naming/names";
import { clusterArns, type ClusterArns } from "../naming/arns";
import type { ServiceAccountRef } from "../iam/pod-identity-trust";
import type { PolicyDocument } from "../iam/policy-document";
import type { OwnedValue } from "./owned-values";

export interface HelmChart {
  /** Chart repository URL, `oci://` for OCI registries. */
  repository: string;
  chart: string;
  /** Exact version; the vendored files under vendor/charts/<chart>/<version>/ must match. */
  version: string;
}

/** Values that come from other stacks (CDKTF tokens at synth time, placeholders in checks). */
export interface AddonRefs {
  /** URL of the cluster's drain queue. */
  drainQueueUrl: string;
  /** DNS name of the edge load balancer, when there is one. */
  edgeHostname?: string;
}

export type AddonKey = "nodeTerminationHandler" | "clusterAutoscaler" | "metricsServer" | "externalDns" | "certManager" | "traefik";

export interface AddonIam {
  /** Names the role (`<cluster>-<component>`) and its policy (`<cluster>-<component>-permissions`). */
  component: WorkloadComponent;
  /** The only service account whose pods get the role. */
  serviceAccount: ServiceAccountRef;
  /** What the role may do, scoped to this cluster: a managed policy of the access stack. */
  permissions: (env: Environment, arns: ClusterArns) => PolicyDocument;
}

export interface HelmAddon {
  key: AddonKey;
  /** Helm release name. */
  release: string;
  namespace: string;
  chart: HelmChart;
  /**
   * Maps in the chart's values.yaml that take keys of your own although they are not empty there
   * (for charts checked against values.yaml rather than a schema). Each is documented by the chart.
   */
  openPaths?: string[];
  /** Values the stack sets that extra values may not override (src/charts/owned-values.ts). */
  owned?: (env: Environment) => OwnedValue[];
  /** The Pod Identity role the add-on gets, if it calls AWS (and is enabled). */
  iam?: (env: Environment) => AddonIam | undefined;
  /** Values from the environment; `refs` carry what other stacks produce. */
  values: (env: Environment, refs: AddonRefs) => Record<string, unknown>;
  /**
   * Relationships the release's final values (generated and extra, merged) must keep with the
   * rest of the environment, such as timings the cluster stack was built for. Each problem names
   * a dotted value path; synth reports it at `addons.<addon>.values.<path>`.
   */
  invariants?: (values: Record<string, unknown>, env: Environment) => { path: string; message: string }[];
}

/** Deep merge for Helm values: maps merge key by key, everything else (lists included) is replaced, as Helm does. */
export function mergeValues(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const b = out[k];
    out[k] = isMap(b) && isMap(v) ? mergeValues(b, v) : v;
  }
  return out;
}

export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The values a release is installed with: generated ones with the environment's extensions merged over. */
export function releaseValues(addon: HelmAddon, env: Environment, refs: AddonRefs): Record<string, unknown> {
  return mergeValues(addon.values(env, refs), env.addons[addon.key].values);
}

/** Placeholders standing in for other stacks' outputs when values are checked before synth. */
export function placeholderRefs(env: Environment): AddonRefs {
  return {
    drainQueueUrl: clusterArns({ account: env.account, region: env.region, cluster: env.cluster.name }).drainQueueUrl,
    edgeHostname: `${names.edgeLoadBalancer(env.cluster.name)}-0123456789abcdef.elb.${env.region}.amazonaws.com`,
  };
}
