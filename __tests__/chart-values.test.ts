/**
 * Every Helm release of every environment, as synthesized, against its pinned chart (vendored in
 * vendor/charts/): values.schema.json where the chart ships one, otherwise values.yaml key by key.
 * Then the handful of values that carry the design, compared with what the cluster stack built.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { HelmAddon } from "../src/addons/addon";
import { HELM_ADDONS } from "../src/addons/catalog";
import { checkChartValues, chartDir } from "../src/addons/chart-values";
import { metricsServer } from "../src/addons/metrics-server";
import { nodeTerminationHandler } from "../src/addons/node-termination-handler";
import { externalDns } from "../src/addons/external-dns";
import { traefik } from "../src/addons/traefik";
import { clusterAutoscaler } from "../src/addons/cluster-autoscaler";
import { certManager } from "../src/addons/cert-manager";
import { referenceEnvironments, resources, stackJson, stackNames } from "./support/reference";

interface ReleaseJson {
  name: string;
  chart: string;
  version: string;
  repository: string;
  namespace: string;
  values: string[];
}

const addonStacks = stackNames().filter((s) => s.endsWith("-addons"));
const releases = (stack: string) => resources<ReleaseJson>(stackJson(stack), "helm_release");
const addonFor = (r: ReleaseJson) => HELM_ADDONS.find((a) => a.chart.chart === r.chart)!;
const valuesOf = (stack: string, release: string) => JSON.parse(Object.values(releases(stack)).find((r) => r.name === release)!.values[0]) as Record<string, any>;

describe("vendored charts", () => {
  it.each(HELM_ADDONS.map((a) => [a.chart.chart, a] as [string, HelmAddon]))("%s is vendored complete, as released at its pinned version, with its SOURCE.txt", (_, addon) => {
    const dir = chartDir(addon);
    const source = fs.readFileSync(path.join(dir, "SOURCE.txt"), "utf8");
    expect(source).toMatch(new RegExp(`^version: ${addon.chart.version}$`, "m"));
    expect(source).toMatch(/^commit: [0-9a-f]{40}$/m);
    expect(source).toContain(`helm repository (what helm_release installs from): ${addon.chart.repository}\n`);
    // The released chart: Chart.yaml carries the pinned version (Helm stamps it into labels), and
    // the templates are there, since every release is rendered from these files (helm-render.test.ts).
    const chartYaml = fs.readFileSync(path.join(dir, "Chart.yaml"), "utf8");
    expect(chartYaml).toMatch(new RegExp(`^name: ${addon.chart.chart}$`, "m"));
    expect(chartYaml).toMatch(new RegExp(`^version: ${addon.chart.version}$`, "m"));
    expect(fs.readdirSync(path.join(dir, "templates")).length).toBeGreaterThan(0);
  });
});

describe.each(addonStacks)("%s", (stack) => {
  it("installs each release from its pinned chart", () => {
    for (const r of Object.values(releases(stack))) {
      const addon = addonFor(r);
      expect({ chart: r.chart, version: r.version, repository: r.repository, namespace: r.namespace }).toEqual({
        chart: addon.chart.chart,
        version: addon.chart.version,
        repository: addon.chart.repository,
        namespace: addon.namespace,
      });
    }
  });

  it("gives every release values its chart accepts", () => {
    for (const r of Object.values(releases(stack))) {
      const values = JSON.parse(r.values[0]) as Record<string, unknown>;
      expect(checkChartValues(addonFor(r), values), r.name).toEqual([]);
    }
  });
});

describe("the chart check", () => {
  it("rejects a misspelled key, for charts checked against values.yaml", () => {
    expect(checkChartValues(nodeTerminationHandler, { queueUrl: "x", enableSqsTerminationDraining: true })).toEqual([
      { path: "queueUrl", message: "not a value of chart aws-node-termination-handler 0.27.6 (misspelled, or removed in this version?)" },
    ]);
    expect(checkChartValues(metricsServer, { podDisruptionBudget: { enabled: true, minAvaliable: 1 } })[0].path).toBe("podDisruptionBudget.minAvaliable");
    expect(checkChartValues(metricsServer, { replicas: { count: 2 } })).toEqual([{ path: "replicas", message: "must be a number" }]);
  });

  it("accepts keys of your own where the chart takes any (empty maps, declared open maps)", () => {
    expect(checkChartValues(metricsServer, { nodeSelector: { anything: "goes" }, podAnnotations: { a: "b" } })).toEqual([]);
    expect(checkChartValues(clusterAutoscaler, { extraArgs: { "scale-down-unneeded-time": "5m" } })).toEqual([]);
  });

  it("rejects misspelled keys and wrong types for charts with a schema, even where the schema's top level is open", () => {
    expect(checkChartValues(traefik, { deploymnet: { kind: "DaemonSet" } })).toContainEqual({ path: "deploymnet", message: "not a value of chart traefik 41.3.0" });
    expect(checkChartValues(traefik, { ports: { web: { hostPort: "eighty" } } }).map((p) => p.path)).toContain("ports.web.hostPort");
    expect(checkChartValues(externalDns, { policy: "upsert-only", txtOwnerID: "x" })).toContainEqual({
      path: "txtOwnerID",
      message: "not a value of chart external-dns 1.21.1 (misspelled, or removed in this version?)",
    });
    expect(checkChartValues(externalDns, { policy: "delete-everything" }).map((p) => p.path)).toContain("policy");
    expect(checkChartValues(certManager, { crds: { enabeld: true } })).toEqual([{ path: "crds.enabeld", message: "not a value of chart cert-manager v1.21.1" }]);
    expect(checkChartValues(certManager, { webhook: { replicaCount: "two" } })).toEqual([{ path: "webhook.replicaCount", message: "must be number" }]);
  });
});

describe("values that carry the design", () => {
  for (const envName of ["example", "staging", "production"]) {
    const cluster = () => stackJson(`${envName}-cluster`);
    const crossStack = (output: string) => `\${data.terraform_remote_state.cluster_stack.outputs.${output}}`;
    /** The cluster stack output a cross-stack reference in the add-ons stack reads, and what it holds. */
    const producedBy = (reference: string) => {
      const output = /outputs\.([A-Za-z0-9_]+)\}$/.exec(reference)![1];
      return cluster().output![output]?.value;
    };
    const asgs = () => Object.values(resources<{ name: string; tag: { key: string; value: string }[] }>(cluster(), "aws_autoscaling_group"));

    it(`${envName}: the drainer reads the drain queue, from the cluster stack's state`, () => {
      const nth = valuesOf(`${envName}-addons`, "aws-node-termination-handler");
      expect(nth.queueURL).toBe(crossStack("drain_queue_url"));
      expect(producedBy(nth.queueURL)).toBe("${aws_sqs_queue.node_drain_queue.url}");
      expect(nth.enableSqsTerminationDraining).toBe(true);
    });

    it(`${envName}: the drainer's managed tag is the tag on every ASG`, () => {
      const nth = valuesOf(`${envName}-addons`, "aws-node-termination-handler");
      expect(nth.checkTagBeforeDraining).toBe(true);
      for (const asg of asgs()) expect(asg.tag.map((t) => t.key), asg.name).toContain(nth.managedTag);
    });

    it(`${envName}: drain timing is consistent with the pools' drain timeouts and hooks`, async () => {
      const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
      const nth = valuesOf(`${envName}-addons`, "aws-node-termination-handler");
      const hooks = Object.values(resources<{ heartbeat_timeout: number }>(cluster(), "aws_autoscaling_lifecycle_hook")).map((h) => h.heartbeat_timeout);
      expect(nth.nodeTerminationGracePeriod).toBe(Math.max(...env.workerPools.map((p) => p.drainTimeoutSeconds)));
      for (const h of hooks) expect(nth.heartbeatInterval).toBeLessThan(h);
      expect(nth.heartbeatUntil).toBeGreaterThanOrEqual(nth.nodeTerminationGracePeriod);
      expect(nth.heartbeatInterval).toBeGreaterThanOrEqual(30);
    });

    it(`${envName}: cluster components tolerate exactly the system pools' taints and select their label`, () => {
      const systemAsgs = asgs().filter((a) => a.tag.some((t) => t.key === "k8s.io/cluster-autoscaler/node-template/label/workload-class" && t.value === "system"));
      expect(systemAsgs.length).toBeGreaterThan(0);
      const taints = new Set(systemAsgs.flatMap((a) => a.tag.filter((t) => t.key.startsWith("k8s.io/cluster-autoscaler/node-template/taint/")).map((t) => `${t.key.split("/").pop()}=${t.value}`)));
      for (const release of Object.values(releases(`${envName}-addons`)).filter((r) => r.namespace !== "traefik")) {
        const v = JSON.parse(release.values[0]) as { nodeSelector?: Record<string, string>; tolerations?: { key: string; value?: string; effect: string }[] };
        expect(v.nodeSelector, release.name).toEqual({ "workload-class": "system" });
        expect(new Set(v.tolerations!.map((t) => `${t.key}=${t.value ?? ""}:${t.effect}`)), release.name).toEqual(taints);
      }
    });

    it(`${envName}: the autoscaler discovers groups by the tags every ASG carries`, () => {
      const ca = valuesOf(`${envName}-addons`, "cluster-autoscaler");
      expect(ca.autoDiscovery.tags).toHaveLength(2);
      for (const asg of asgs()) for (const tag of ca.autoDiscovery.tags) expect(asg.tag.map((t) => t.key), asg.name).toContain(tag);
      expect(ca.extraArgs).toMatchObject({ "balance-similar-node-groups": true, expander: "priority,least-waste" });
      expect(ca.autoDiscovery.clusterName).toBe(cluster().resource!.aws_eks_cluster.cluster.name);
    });
  }

  for (const envName of ["staging", "production"]) {
    it(`${envName}: Traefik listens on exactly the edge load balancer's target ports, on edge nodes`, () => {
      const cluster = stackJson(`${envName}-cluster`);
      const targetPorts = Object.values(resources<{ port: number }>(cluster, "aws_lb_target_group")).map((t) => t.port).sort();
      const t = valuesOf(`${envName}-addons`, "traefik");
      const hostPorts = Object.values(t.ports as Record<string, { hostPort?: number; port: number }>).filter((p) => p.hostPort).map((p) => p.hostPort!).sort();
      expect(hostPorts).toEqual(targetPorts);
      for (const p of Object.values(t.ports as Record<string, { hostPort?: number; port: number }>)) if (p.hostPort) expect(p.port).toBe(p.hostPort);
      expect(t.deployment.kind).toBe("DaemonSet");
      expect(t.service).toEqual({ enabled: false });
      expect(t.nodeSelector).toEqual({ "workload-class": "edge" });
      expect(t.tolerations).toEqual([{ key: "workload-class", operator: "Equal", value: "edge", effect: "NoSchedule" }]);
      expect(t.providers.kubernetesGateway.enabled).toBe(true);
      expect(t.providers.kubernetesIngress.enabled).toBe(true);
      expect(t.providers.kubernetesIngress.ingressEndpoint.hostname).toBe("${data.terraform_remote_state.cluster_stack.outputs.edge_load_balancer_dns_name}");
      expect(stackJson(`${envName}-cluster`).output!.edge_load_balancer_dns_name.value).toBe("${aws_lb.edge_nlb.dns_name}");
    });

    it(`${envName}: external-dns owns its records by cluster name, upserts only, in the listed zones`, async () => {
      const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
      const v = valuesOf(`${envName}-addons`, "external-dns");
      expect(v.txtOwnerId).toBe(env.cluster.name);
      expect(v.policy).toBe("upsert-only");
      expect(v.domainFilters).toEqual(env.addons.externalDns.domainFilters);
      expect(v.extraArgs).toEqual(env.addons.externalDns.hostedZoneIds.map((z) => `--zone-id-filter=${z}`));
    });
  }

  it("production: extra values from the environment reach the release, merged over the generated ones", () => {
    const t = valuesOf("production-addons", "traefik");
    expect(t.deployment).toEqual({ kind: "DaemonSet", terminationGracePeriodSeconds: 90 });
    expect(t.accessLog).toEqual({ enabled: true, format: "json" });
  });

  it("staging: Traefik also serves Ingresses of class nginx, publishing the edge load balancer", () => {
    const t = valuesOf("staging-addons", "traefik");
    expect(t.providers.kubernetesIngressNGINX).toMatchObject({ enabled: true, ingressClass: "nginx" });
    expect(t.providers.kubernetesIngressNGINX.publishStatusAddress).toBe(t.providers.kubernetesIngress.ingressEndpoint.hostname);
  });
});
