/**
 * Traefik as the edge ingress: a DaemonSet on the edge nodes only, listening on host ports that
 * are exactly the edge load balancer's target ports, so traffic flows NLB -> edge node -> Traefik
 * with no Kubernetes LoadBalancer Service (which would make AWS create a second load balancer).
 * The Ingress provider is on, and the Gateway API provider with `gatewayApi` (the CRDs must be in
 * the cluster); their status carries the NLB's DNS name, which is what external-dns publishes.
 * Optionally it also serves Ingresses of class `nginx`.
 */
import type { EdgeLoadBalancer } from "../config/environment";
import type { HelmAddon } from "./addon";
import { placementOwned, type OwnedValue } from "./owned-values";
import { placementOn } from "./placement";

/** Traefik entry point for each edge listener: its name, container/host port and the NLB port. */
export function edgeEntryPoints(edge: EdgeLoadBalancer): { name: string; port: number; listenerPort: number }[] {
  return edge.listeners.map((l) => ({
    name: l.port === 80 ? "web" : l.port === 443 ? "websecure" : `port${l.port}`,
    port: l.targetPort,
    listenerPort: l.port,
  }));
}

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
    return {
      deployment: { kind: "DaemonSet" },
      // Host ports cannot surge: replace one node's Traefik at a time.
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      ...placementOn(env, "edge"),
      ports: Object.fromEntries(
        entryPoints.map((e) => [e.name, { port: e.port, hostPort: e.port, exposedPort: e.listenerPort, expose: { default: false }, protocol: "TCP" }]),
      ),
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
};
