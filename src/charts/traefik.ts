/**
 * Traefik as the edge ingress: a DaemonSet on the edge nodes only, listening on host ports that
 * are exactly the edge load balancer's target ports, so traffic flows NLB -> edge node -> Traefik
 * with no Kubernetes LoadBalancer Service (which would make AWS create a second load balancer).
 * The Ingress provider is on, and the Gateway API provider with `gatewayApi` (the CRDs must be in
 * the cluster); their status carries the NLB's DNS name, which is what external-dns publishes.
 * Optionally it also serves Ingresses of class `nginx`.
 *
 * Rollouts drop no connection (src/config/edge-timing.ts): the load balancer health-checks the
 * `traefik` entry point's /ping on its own host port; on SIGTERM that entry point closes at once
 * while the traffic entry points keep accepting for `requestAcceptGraceTimeout`, long enough for
 * the target to be marked unhealthy, then finish in-flight requests within `graceTimeOut`.
 */
import type { EdgeLoadBalancer } from "../config/environment";
import { traefikShutdown } from "../config/edge-timing";
import type { HelmAddon } from "./addon";
import { placementOwned, type OwnedValue } from "./owned-values";
import { isMap } from "./addon";
import { placementOn } from "./placement";

/** Traefik entry point for each edge listener: its name, container/host port and the NLB port. */
export function edgeEntryPoints(edge: EdgeLoadBalancer): { name: string; port: number; listenerPort: number }[] {
  return edge.listeners.map((l) => ({
    name: l.port === 80 ? "web" : l.port === 443 ? "websecure" : `port${l.port}`,
    port: l.targetPort,
    listenerPort: l.port,
  }));
}

/** Seconds in a Traefik duration value (`45s`, `2m` or a bare number of seconds); undefined if unreadable. */
export function durationSeconds(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  const m = typeof v === "string" ? /^(\d+)(s|m)?$/.exec(v) : null;
  return m ? Number(m[1]) * (m[2] === "m" ? 60 : 1) : undefined;
}

const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (isMap(o) ? o[k] : undefined), v);

export const traefik: HelmAddon = {
  key: "traefik",
  release: "traefik",
  namespace: "traefik",
  chart: { repository: "https://traefik.github.io/charts", chart: "traefik", version: "41.3.0" },
  owned: (env) => {
    const ports = "the entry points listen on the edge load balancer's target ports, on the edge nodes; set edge.listeners instead";
    const status = "the Ingress and Gateway status publishes the edge load balancer's name, which external-dns turns into records";
    const owned: OwnedValue[] = [
      {
        path: ["service"],
        reason: "Traefik has no Kubernetes Service here: a LoadBalancer Service would make AWS create a second load balancer; the edge load balancer reaches Traefik on host ports",
      },
      { path: ["deployment", "kind"], reason: "Traefik is a DaemonSet on the edge nodes, listening on their host ports" },
      { path: ["updateStrategy"], reason: "pods on host ports cannot surge: one node's Traefik is replaced at a time" },
      { path: ["ports", "*", "hostPort"], reason: ports },
      ...(env.edge ? edgeEntryPoints(env.edge) : []).map((e) => ({ path: ["ports", e.name, "port"], reason: ports })),
      { path: ["providers", "kubernetesIngress", "ingressEndpoint"], reason: status },
      { path: ["providers", "kubernetesGateway", "statusAddress"], reason: status },
      { path: ["providers", "kubernetesIngressNGINX", "publishStatusAddress"], reason: status },
      { path: ["gatewayClass", "enabled"], reason: "set addons.traefik.gatewayApi instead" },
      { path: ["gateway", "enabled"], reason: "set addons.traefik.gatewayApi instead" },
      ...placementOwned([], "edge"),
    ];
    return owned;
  },
  values: (env, refs) => {
    const entryPoints = env.edge ? edgeEntryPoints(env.edge) : [];
    const web = entryPoints.find((e) => e.name === "web");
    const hostname = refs.edgeHostname ?? "";
    const { gatewayApi, serveIngressNginxClass } = env.addons.traefik;
    const shutdown = traefikShutdown();
    const lifeCycle = { requestAcceptGraceTimeout: `${shutdown.requestAcceptGraceSeconds}s`, graceTimeOut: `${shutdown.graceTimeOutSeconds}s` };
    const healthPort = env.edge?.healthCheckPort;
    return {
      deployment: { kind: "DaemonSet", terminationGracePeriodSeconds: shutdown.terminationGracePeriodSeconds, minReadySeconds: shutdown.minReadySeconds },
      // Host ports cannot surge: replace one node's Traefik at a time.
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      ...placementOn(env, "edge"),
      ports: {
        // The `traefik` entry point serves /ping only (the API is not exposed insecurely and no
        // dashboard route exists): the load balancer's health check, on a host port of its own.
        ...(healthPort ? { traefik: { port: healthPort, hostPort: healthPort, expose: { default: false } } } : {}),
        ...Object.fromEntries(
          entryPoints.map((e) => [
            e.name,
            { port: e.port, hostPort: e.port, exposedPort: e.listenerPort, expose: { default: false }, protocol: "TCP", transport: { lifeCycle } },
          ]),
        ),
      },
      service: { enabled: false },
      providers: {
        kubernetesCRD: { enabled: true },
        kubernetesIngress: { enabled: true, ingressEndpoint: { hostname } },
        kubernetesGateway: gatewayApi ? { enabled: true, statusAddress: { hostname, service: { enabled: false } } } : { enabled: false },
        ...(serveIngressNginxClass ? { kubernetesIngressNGINX: { enabled: true, ingressClass: "nginx", publishStatusAddress: hostname } } : {}),
      },
      // The chart's default GatewayClass and Gateway need the Gateway API CRDs.
      gatewayClass: { enabled: gatewayApi },
      gateway: gatewayApi && web ? { enabled: true, listeners: { web: { port: web.port, protocol: "HTTP" } } } : { enabled: false },
      resources: { requests: { cpu: "200m", memory: "128Mi" }, limits: { memory: "512Mi" } },
    };
  },
  // Extra values may lengthen the shutdown, never break its order.
  invariants: (values, env) => {
    const need = traefikShutdown();
    const problems: { path: string; message: string }[] = [];
    let longest = 0;
    for (const e of env.edge ? edgeEntryPoints(env.edge) : []) {
      const lc = at(values, "ports", e.name, "transport", "lifeCycle");
      const accept = durationSeconds(at(lc, "requestAcceptGraceTimeout"));
      const grace = durationSeconds(at(lc, "graceTimeOut"));
      if (accept === undefined || accept < need.requestAcceptGraceSeconds) {
        problems.push({ path: `ports.${e.name}.transport.lifeCycle.requestAcceptGraceTimeout`, message: `must be at least ${need.requestAcceptGraceSeconds}s: the load balancer needs that long to take a terminating Traefik out` });
      }
      if (grace === undefined) problems.push({ path: `ports.${e.name}.transport.lifeCycle.graceTimeOut`, message: "must be a duration in seconds or minutes, such as 10s" });
      longest = Math.max(longest, (accept ?? 0) + (grace ?? 0));
    }
    const kill = at(values, "deployment", "terminationGracePeriodSeconds");
    if (typeof kill !== "number" || kill <= longest) {
      problems.push({ path: "deployment.terminationGracePeriodSeconds", message: `must be more than requestAcceptGraceTimeout + graceTimeOut (${longest}s), or Kubernetes kills Traefik mid-request` });
    }
    if (env.edge && at(values, "ports", "traefik", "hostPort") !== env.edge.healthCheckPort) {
      problems.push({ path: "ports.traefik.hostPort", message: `must stay edge.healthCheckPort (${env.edge.healthCheckPort}): the load balancer health-checks /ping there` });
    }
    return problems;
  },
};
