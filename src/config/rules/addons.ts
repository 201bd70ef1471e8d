/** Add-on settings that need other settings: external-dns's zones, Traefik's edge nodes. */
import type { EnvironmentRule, Issue } from "./rule";

export const externalDnsScope: EnvironmentRule = (env) => {
  const dns = env.addons.externalDns;
  if (!dns.enabled) return [];
  const out: Issue[] = [];
  if (dns.hostedZoneIds.length === 0) out.push({ path: ["addons", "externalDns", "hostedZoneIds"], message: "is required when external-dns is enabled (its role is limited to these zones)" });
  if (dns.domainFilters.length === 0) out.push({ path: ["addons", "externalDns", "domainFilters"], message: "is required when external-dns is enabled" });
  return out;
};

export const traefikNeedsEdge: EnvironmentRule = (env) => {
  const t = env.addons.traefik;
  const out: Issue[] = [];
  if (t.enabled && !env.edge) out.push({ path: ["addons", "traefik", "enabled"], message: "Traefik runs on edge nodes: add a worker pool of class edge" });
  if (t.gatewayApi && !t.enabled) out.push({ path: ["addons", "traefik", "gatewayApi"], message: "needs Traefik enabled" });
  return out;
};
