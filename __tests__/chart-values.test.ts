/**
 * Every Helm release of every environment, as synthesized, against its pinned chart (vendored in
 * vendor/charts/): values.schema.json where the chart ships one, otherwise values.yaml key by key.
 * Then the values that carry the design, checked by their relations to what the cluster stack
 * built and the environment asked for (placement on the pools of a class, timing against the drain
 * queue and hooks, ports against the edge listeners), not against the constants that made them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { HelmAddon } from "../src/charts/addon";
import { HELM_ADDONS } from "../src/charts/catalog";
import { checkChartValues, chartDir } from "../src/charts/chart-values";
import { metricsServer } from "../src/charts/metrics-server";
import { nodeTerminationHandler } from "../src/charts/node-termination-handler";
import { externalDns } from "../src/charts/external-dns";
import { durationSeconds, traefik } from "../src/charts/traefik";
import { clusterAutoscaler } from "../src/charts/cluster-autoscaler";
import { certManager } from "../src/charts/cert-manager";
import { formatFieldError } from "../src/config/errors";
import { validateEnvironment } from "../src/environments/validate";
import { names } from "../src/naming/names";
import { FILE, validInput } from "./support/fixtures";
import { helmValues, PROJECT_ROOT, referenceEnvironments, resources, stackJson, stackNames } from "./support/reference";

interface ReleaseJson {
  name: string;
  chart: string;
  version: string;
  repository: string;
  namespace: string;
  create_namespace: boolean;
  values: string[];
}

const addonStacks = stackNames().filter((s) => s.endsWith("-addons"));
const releases = (stack: string) => resources<ReleaseJson>(stackJson(stack), "helm_release");
const addonFor = (r: ReleaseJson) => HELM_ADDONS.find((a) => a.chart.chart === r.chart)!;
const valuesOf = (stack: string, release: string) => helmValues(stackJson(stack), Object.values(releases(stack)).find((r) => r.name === release)!);

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
  it("installs every release from the chart vendored here, the one its values are checked against and rendered from", () => {
    for (const r of Object.values(releases(stack))) {
      const dir = path.join(PROJECT_ROOT, "vendor", "charts", r.chart, r.version);
      expect(fs.existsSync(path.join(dir, "Chart.yaml")), `${r.name}: vendor/charts/${r.chart}/${r.version}`).toBe(true);
      const chartYaml = fs.readFileSync(path.join(dir, "Chart.yaml"), "utf8");
      expect(chartYaml, r.name).toMatch(new RegExp(`^name: ${r.chart}$`, "m"));
      expect(chartYaml, r.name).toMatch(new RegExp(`^version: ${r.version}$`, "m"));
      expect(fs.readFileSync(path.join(dir, "SOURCE.txt"), "utf8"), r.name).toContain(`helm repository (what helm_release installs from): ${r.repository}\n`);
      // kube-system exists in every cluster; any other namespace comes with its release.
      expect(r.create_namespace, r.name).toBe(r.namespace !== "kube-system");
    }
  });

  it("gives every release values its chart accepts", () => {
    for (const r of Object.values(releases(stack))) {
      const values = helmValues<Record<string, unknown>>(stackJson(stack), r);
      expect(checkChartValues(addonFor(r), values), r.name).toEqual([]);
    }
  });
});

describe("the chart check", () => {
  it("rejects a misspelled key, for charts checked against values.yaml", () => {
    expect(checkChartValues(nodeTerminationHandler, { queueUrl: "x", enableSqsTerminationDraining: true })).toEqual([
      { path: "queueUrl", at: ["queueUrl"], message: "not a value of chart aws-node-termination-handler 0.27.6 (misspelled, or removed in this version?)" },
    ]);
    expect(checkChartValues(metricsServer, { podDisruptionBudget: { enabled: true, minAvaliable: 1 } })[0].path).toBe("podDisruptionBudget.minAvaliable");
    expect(checkChartValues(metricsServer, { replicas: { count: 2 } })).toEqual([
      { path: "replicas", at: ["replicas"], message: "must be a number (the chart's default is 1), got a map" },
    ]);
  });

  it("accepts keys of your own where the chart takes any (empty maps, declared open maps)", () => {
    expect(checkChartValues(metricsServer, { nodeSelector: { anything: "goes" }, podAnnotations: { a: "b" } })).toEqual([]);
    expect(checkChartValues(clusterAutoscaler, { extraArgs: { "scale-down-unneeded-time": "5m" } })).toEqual([]);
  });

  it("rejects misspelled keys and wrong types for charts with a schema, even where the schema's top level is open", () => {
    expect(checkChartValues(traefik, { deploymnet: { kind: "DaemonSet" } })).toContainEqual({ path: "deploymnet", at: ["deploymnet"], message: "not a value of chart traefik 41.3.0" });
    expect(checkChartValues(traefik, { ports: { web: { hostPort: "eighty" } } }).map((p) => p.path)).toContain("ports.web.hostPort");
    expect(checkChartValues(externalDns, { policy: "upsert-only", txtOwnerID: "x" })).toContainEqual({
      path: "txtOwnerID",
      at: ["txtOwnerID"],
      message: "not a value of chart external-dns 1.21.1 (misspelled, or removed in this version?)",
    });
    expect(checkChartValues(externalDns, { policy: "delete-everything" }).map((p) => p.path)).toContain("policy");
    expect(checkChartValues(certManager, { crds: { enabeld: true } })).toEqual([{ path: "crds.enabeld", at: ["crds", "enabeld"], message: "not a value of chart cert-manager v1.21.1" }]);
    expect(checkChartValues(certManager, { webhook: { replicaCount: "two" } })).toEqual([
      { path: "webhook.replicaCount", at: ["webhook", "replicaCount"], message: "must be a number, got a string" },
    ]);
  });
});

/** The autoscaler's node-template tags on every group: its nodes' labels and taints. */
const LABEL_TAG = "k8s.io/cluster-autoscaler/node-template/label/";
const TAINT_TAG = "k8s.io/cluster-autoscaler/node-template/taint/";

interface Placed {
  nodeSelector?: Record<string, string>;
  tolerations?: { key: string; operator?: string; value?: string; effect: string }[];
}
/** Tolerations as the taint tags write them: key=value:effect. */
const tolerated = (v: Placed) => new Set((v.tolerations ?? []).map((t) => `${t.key}=${t.value ?? ""}:${t.effect}`));

interface AsgJson {
  name: string;
  tag: { key: string; value: string }[];
}
const asgsOf = (envName: string) => Object.values(resources<AsgJson>(stackJson(`${envName}-cluster`), "aws_autoscaling_group"));

/** The groups whose nodes carry every label of a node selector (the labels the autoscaler's templates show). */
const asgsSelectedBy = (envName: string, selector: Record<string, string>) =>
  asgsOf(envName)
    .filter((a) => Object.entries(selector).every(([k, v]) => a.tag.some((t) => t.key === `${LABEL_TAG}${k}` && t.value === v)))
    .map((a) => a.name);

/** The taints of the named groups' nodes, as key=value:effect. */
const taintsOf = (envName: string, groups: string[]) =>
  new Set(
    asgsOf(envName)
      .filter((a) => groups.includes(a.name))
      .flatMap((a) => a.tag.filter((t) => t.key.startsWith(TAINT_TAG)).map((t) => `${t.key.slice(TAINT_TAG.length)}=${t.value}`)),
  );

/** Names of the Auto Scaling groups of an environment's pools of one class. */
async function asgsOfClass(envName: string, cls: string): Promise<string[]> {
  const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
  return env.workerPools.filter((p) => p.class === cls).map((p) => names.autoScalingGroup(env.cluster.name, p.name));
}

describe("values that carry the design", () => {
  for (const envName of ["example", "staging", "production"]) {
    const cluster = () => stackJson(`${envName}-cluster`);
    const crossStack = (output: string) => `\${data.terraform_remote_state.cluster_stack.outputs.${output}}`;
    /** The cluster stack output a cross-stack reference in the add-ons stack reads, and what it holds. */
    const producedBy = (reference: string) => {
      const output = /outputs\.([A-Za-z0-9_]+)\}$/.exec(reference)![1];
      return cluster().output![output]?.value;
    };
    const asgs = () => asgsOf(envName);

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

    it(`${envName}: drain timing is consistent with the pools' drain timeouts and hooks, with a heartbeat that may fail once`, async () => {
      const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
      const nth = valuesOf(`${envName}-addons`, "aws-node-termination-handler");
      const hooks = Object.values(resources<{ heartbeat_timeout: number }>(cluster(), "aws_autoscaling_lifecycle_hook")).map((h) => h.heartbeat_timeout);
      expect(nth.nodeTerminationGracePeriod).toBe(Math.max(...env.workerPools.map((p) => p.drainTimeoutSeconds)));
      for (const h of hooks) {
        // A third of the hook or less: after one failed heartbeat the next comes at two intervals,
        // leaving a third of the hook (at least the handler's 20 s long poll plus EventBridge's
        // delivery) before the hook runs out. Half the hook would land the retry on the deadline.
        expect(3 * nth.heartbeatInterval, `hook ${h}s`).toBeLessThanOrEqual(h);
        expect(h - 2 * nth.heartbeatInterval, `hook ${h}s`).toBeGreaterThanOrEqual(30);
      }
      expect(nth.heartbeatUntil).toBeGreaterThanOrEqual(nth.nodeTerminationGracePeriod + 60);
      // The handler's valid range (chart 0.27.6 values.yaml).
      expect(nth.heartbeatInterval).toBeGreaterThanOrEqual(30);
      expect(nth.heartbeatInterval).toBeLessThanOrEqual(3600);
    });

    it(`${envName}: no message of a node still draining reaches the dead-letter queue; one the drainer keeps failing on does`, () => {
      const nth = valuesOf(`${envName}-addons`, "aws-node-termination-handler");
      const queue = resources<{ message_retention_seconds: number; redrive_policy: string }>(cluster(), "aws_sqs_queue").node_drain_queue;
      const { maxReceiveCount } = JSON.parse(queue.redrive_policy) as { maxReceiveCount: number };
      // The handler receives with this visibility timeout and deletes a message only after its drain
      // (chart 0.27.6: default 20, valid 1-119).
      const visibility = (nth.sqsMsgVisibilityTimeoutSec as number | undefined) ?? 20;
      expect(visibility).toBeGreaterThanOrEqual(1);
      expect(visibility).toBeLessThanOrEqual(119);
      // A node named by a message may wait until the heartbeats stop plus its hook's timeout.
      const longestHook = Math.max(...Object.values(resources<{ heartbeat_timeout: number }>(cluster(), "aws_autoscaling_lifecycle_hook")).map((h) => h.heartbeat_timeout));
      const waiting = nth.heartbeatUntil + longestHook;
      const receivesWhileWaiting = Math.floor(waiting / visibility) + 1;
      expect(maxReceiveCount).toBeGreaterThan(receivesWhileWaiting);
      expect(maxReceiveCount).toBeLessThanOrEqual(1000);
      // The message outlives its receives: a failing one reaches the DLQ (and its alarm) instead of expiring.
      expect(queue.message_retention_seconds).toBeGreaterThanOrEqual(maxReceiveCount * visibility + 20);
      expect(queue.message_retention_seconds).toBeLessThanOrEqual(1_209_600);
    });

    it(`${envName}: cluster components select exactly the system pools' nodes and tolerate exactly their taints`, async () => {
      const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
      const systemAsgs = await asgsOfClass(envName, "system");
      expect(systemAsgs.length).toBeGreaterThan(0);
      for (const release of Object.values(releases(`${envName}-addons`)).filter((r) => r.namespace !== "traefik")) {
        const v = helmValues<Placed>(stackJson(`${envName}-addons`), release);
        expect(asgsSelectedBy(envName, v.nodeSelector!).sort(), release.name).toEqual(systemAsgs.sort());
        expect(tolerated(v), release.name).toEqual(taintsOf(envName, systemAsgs));
      }
      expect(systemAsgs.length).toBe(env.workerPools.filter((p) => p.class === "system").length);
    });

    it(`${envName}: the autoscaler discovers groups by the tags every ASG carries`, () => {
      const ca = valuesOf(`${envName}-addons`, "cluster-autoscaler");
      expect(ca.autoDiscovery.tags).toHaveLength(2);
      for (const asg of asgs()) for (const tag of ca.autoDiscovery.tags) expect(asg.tag.map((t) => t.key), asg.name).toContain(tag);
      expect(ca.autoDiscovery.clusterName).toBe(cluster().resource!.aws_eks_cluster.cluster.name);
    });

    it(`${envName}: the autoscaler grows the general pools first, and can grow every pool`, async () => {
      const ca = valuesOf(`${envName}-addons`, "cluster-autoscaler");
      expect(String(ca.extraArgs.expander).split(",")[0]).toBe("priority");
      const priorities = Object.entries(ca.expanderPriorities as Record<string, string[]>).sort(([a], [b]) => Number(b) - Number(a));
      const matching = (patterns: string[]) => asgs().filter((a) => patterns.some((p) => new RegExp(p).test(a.name))).map((a) => a.name).sort();
      const general = (await asgsOfClass(envName, "general")).sort();
      if (general.length > 0) expect(matching(priorities[0][1])).toEqual(general);
      expect(matching(priorities.flatMap(([, p]) => p))).toEqual(asgs().map((a) => a.name).sort());
    });
  }

  for (const envName of ["staging", "production"]) {
    it(`${envName}: Traefik listens on exactly the edge load balancer's target ports, on edge nodes`, async () => {
      const cluster = stackJson(`${envName}-cluster`);
      const targetPorts = Object.values(resources<{ port: number }>(cluster, "aws_lb_target_group")).map((t) => t.port).sort();
      const t = valuesOf(`${envName}-addons`, "traefik");
      const trafficPorts = Object.entries(t.ports as Record<string, { hostPort?: number; port: number }>).filter(([name, p]) => name !== "traefik" && p.hostPort);
      expect(trafficPorts.map(([, p]) => p.hostPort!).sort()).toEqual(targetPorts);
      for (const p of Object.values(t.ports as Record<string, { hostPort?: number; port: number }>)) if (p.hostPort) expect(p.port).toBe(p.hostPort);
      expect(t.deployment.kind).toBe("DaemonSet");
      expect(t.service).toEqual({ enabled: false });
      // On every edge node and nowhere else: the load balancer's targets are the edge groups' instances.
      const edgeAsgs = await asgsOfClass(envName, "edge");
      expect(edgeAsgs.length).toBeGreaterThan(0);
      expect(asgsSelectedBy(envName, t.nodeSelector).sort()).toEqual(edgeAsgs.sort());
      expect(tolerated(t)).toEqual(taintsOf(envName, edgeAsgs));
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

  for (const envName of ["staging", "production"]) {
    it(`${envName}: a Traefik rollout drops no connection: out of the load balancer before it stops accepting, done before it is killed`, () => {
      const cluster = stackJson(`${envName}-cluster`);
      const t = valuesOf(`${envName}-addons`, "traefik");
      const groups = Object.values(resources<{ health_check: { protocol: string; port: string; path: string; interval: number; unhealthy_threshold: number; healthy_threshold: number } }>(cluster, "aws_lb_target_group"));
      expect(groups.length).toBeGreaterThan(0);
      // The load balancer checks Traefik's ping endpoint, on the host port Traefik's `traefik` entry
      // point listens on (the chart always passes --ping=true; ping serves on that entry point).
      for (const g of groups) {
        expect(g.health_check).toMatchObject({ protocol: "HTTP", path: "/ping" });
        expect(t.ports.traefik).toMatchObject({ hostPort: Number(g.health_check.port), port: Number(g.health_check.port) });
      }
      const seconds = (v: unknown) => durationSeconds(v)!;
      const unhealthyAfter = Math.max(...groups.map((g) => g.health_check.interval * g.health_check.unhealthy_threshold));
      const healthyAfter = Math.max(...groups.map((g) => g.health_check.interval * g.health_check.healthy_threshold));
      const interval = Math.max(...groups.map((g) => g.health_check.interval));
      for (const name of Object.keys(t.ports).filter((n) => n !== "traefik")) {
        const lc = t.ports[name].transport?.lifeCycle ?? {};
        // Still accepting while the load balancer notices (plus the check in flight at SIGTERM)...
        expect(seconds(lc.requestAcceptGraceTimeout), name).toBeGreaterThan(unhealthyAfter + interval);
        // ...then in-flight requests finish, all before Kubernetes sends SIGKILL.
        expect(t.deployment.terminationGracePeriodSeconds, name).toBeGreaterThan(seconds(lc.requestAcceptGraceTimeout) + seconds(lc.graceTimeOut));
      }
      // The next node's Traefik is replaced only after this one could be healthy in the load balancer again.
      expect(t.deployment.minReadySeconds).toBeGreaterThanOrEqual(healthyAfter);
      expect(t.updateStrategy.rollingUpdate).toEqual({ maxUnavailable: 1, maxSurge: 0 });
    });
  }

  it("extra values of an environment reach the release, merged over the generated ones", async () => {
    let merged = 0;
    for (const env of await referenceEnvironments()) {
      for (const addon of HELM_ADDONS) {
        const config = (env.addons as unknown as Record<string, { enabled: boolean; values: Record<string, unknown> }>)[addon.key];
        const extra = config.values;
        if (!config.enabled || Object.keys(extra).length === 0) continue;
        const release = Object.values(releases(`${env.name}-addons`)).find((r) => r.chart === addon.chart.chart)!;
        expect(helmValues(stackJson(`${env.name}-addons`), release), `${env.name} ${addon.release}`).toMatchObject(extra);
        merged++;
      }
    }
    expect(merged, "no reference environment sets extra values: this test checks nothing").toBeGreaterThan(0);
    // Merged, not replaced: production's Traefik sets deployment.terminationGracePeriodSeconds, and
    // the generated rest of deployment stays (the edge DaemonSet and its readiness delay).
    const t = valuesOf("production-addons", "traefik");
    expect(t.deployment.kind).toBe("DaemonSet");
    expect(t.deployment.minReadySeconds).toEqual(expect.any(Number));
  });

  it("staging: Traefik also serves Ingresses of class nginx, publishing the edge load balancer", () => {
    const t = valuesOf("staging-addons", "traefik");
    expect(t.providers.kubernetesIngressNGINX).toMatchObject({ enabled: true, ingressClass: "nginx" });
    expect(t.providers.kubernetesIngressNGINX.publishStatusAddress).toBe(t.providers.kubernetesIngress.ingressEndpoint.hostname);
  });
});

describe("extra values an environment may not set", () => {
  const refused = (addons: Record<string, unknown>) => {
    const input = validInput();
    (input as Record<string, unknown>).addons = addons;
    const result = validateEnvironment(input, FILE);
    return result.ok ? [] : result.errors.map(formatFieldError);
  };

  it("what the stack guarantees is refused, naming the key", () => {
    expect(refused({ clusterAutoscaler: { values: { autoDiscovery: { clusterName: "other-cluster" } } } })).toEqual([
      `${FILE}: addons.clusterAutoscaler.values.autoDiscovery.clusterName: is set by the stack and cannot be overridden: the autoscaler finds this cluster's groups, and only those, by the tags every pool's group carries`,
    ]);
    expect(refused({ certManager: { enabled: true, values: { serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/x" } } } } })).toEqual([
      `${FILE}: addons.certManager.values.serviceAccount.annotations["eks.amazonaws.com/role-arn"]: is set by the stack and cannot be overridden: the component's AWS role comes from EKS Pod Identity, scoped to this cluster; an IRSA annotation would give it another role`,
    ]);
    expect(refused({ traefik: { values: { service: { type: "LoadBalancer" } } } })).toEqual([
      `${FILE}: addons.traefik.values.service.type: is set by the stack and cannot be overridden: Traefik has no Kubernetes Service here: a LoadBalancer Service would make AWS create a second load balancer; the edge load balancer reaches Traefik on host ports`,
    ]);
    expect(refused({ nodeTerminationHandler: { values: { enableSqsTerminationDraining: false } } })).toEqual([
      `${FILE}: addons.nodeTerminationHandler.values.enableSqsTerminationDraining: is set by the stack and cannot be overridden: queue-processor mode is how nodes leaving through the lifecycle hooks get drained`,
    ]);
    expect(refused({ traefik: { values: { ports: { web: { port: 9000 } } } } })).toEqual([expect.stringMatching(/addons\.traefik\.values\.ports\.web\.port: is set by the stack .* set edge\.listeners instead$/)]);
    expect(refused({ metricsServer: { values: { tolerations: [] } } })).toEqual([expect.stringMatching(/addons\.metricsServer\.values\.tolerations: is set by the stack .* change those pools' labels or taints instead$/)]);
  });

  it("replacing a map that holds an owned value is refused too", () => {
    expect(refused({ clusterAutoscaler: { values: { rbac: null } } })).toEqual([
      `${FILE}: addons.clusterAutoscaler.values.rbac: would replace rbac.serviceAccount.create, which is set by the stack and cannot be overridden: the chart creates the service account that the Pod Identity association names`,
    ]);
  });

  it("everything else stays open", () => {
    expect(
      refused({
        clusterAutoscaler: { values: { extraArgs: { "scale-down-unneeded-time": "5m" }, rbac: { serviceAccount: { annotations: { "example.com/team": "platform" } } } } },
        traefik: { values: { deployment: { terminationGracePeriodSeconds: 90 }, ports: { metrics: { port: 9101 } } } },
      }),
    ).toEqual([]);
  });

  it("values have the type the chart expects: its schema, else the type of its default", () => {
    expect(refused({ clusterAutoscaler: { values: { replicaCount: "lots" } } })).toEqual([
      `${FILE}: addons.clusterAutoscaler.values.replicaCount: must be a number (the chart's default is 1), got a string`,
    ]);
    expect(refused({ certManager: { enabled: true, values: { replicaCount: "lots" } } })).toEqual([`${FILE}: addons.certManager.values.replicaCount: must be a number, got a string`]);
    expect(refused({ metricsServer: { values: { podDisruptionBudget: { enabled: "yes" } } } })).toEqual([
      `${FILE}: addons.metricsServer.values.podDisruptionBudget.enabled: must be a boolean (the chart's default is false), got a string`,
    ]);
    // null removes a chart default in Helm, whatever its type.
    expect(refused({ metricsServer: { values: { replicas: null } } })).toEqual([]);
  });
});
