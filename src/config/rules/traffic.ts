/**
 * Rules for the cut-over that need the whole environment: a new target to send traffic to (the
 * edge load balancer), one entry per DNS name with distinct set identifiers, weights that never
 * both reach 0, no name external-dns also manages (two writers of one record undo each other), and
 * external-dns's weighted mode only with external-dns on.
 */
import type { EnvironmentRule, Issue } from "./rule";

/** True when `name` is `domain` or lies under it (external-dns's domain filter semantics). */
export function isUnderDomain(name: string, domain: string): boolean {
  const bare = name.replace(/^\*\./, "");
  return bare === domain || bare.endsWith(`.${domain}`);
}

export const weightedRecordsNeedExternalDns: EnvironmentRule = (env, input) =>
  input.addons?.externalDns?.weightedRecords && !env.addons.externalDns.enabled
    ? [{ path: ["addons", "externalDns", "weightedRecords"], message: "has no effect with external-dns disabled (addons.externalDns.enabled)" }]
    : [];

/** The cut-over's records (the `traffic` field). */
export const checkTraffic: EnvironmentRule = (env, input) => {
  const out: Issue[] = [];
  const traffic = env.traffic;
  if (!traffic || !input.traffic) return out;
  if (!env.edge) out.push({ path: ["traffic"], message: "needs a worker pool of class edge: the new target of every name is this cluster's edge load balancer" });
  const seen = new Map<string, number>();
  traffic.records.forEach((r, i) => {
    const at = (...p: (string | number)[]) => ["traffic", "records", i, ...p];
    const first = seen.get(r.name);
    if (first !== undefined) out.push({ path: at("name"), message: `${r.name} is already listed in traffic.records[${first}]` });
    else seen.set(r.name, i);
    if (r.old.setIdentifier === r.new.setIdentifier) {
      out.push({ path: at(input.traffic!.records[i].new?.setIdentifier ? "new" : "old", "setIdentifier"), message: `"${r.new.setIdentifier}" names both records of ${r.name}; the weighted pair needs two distinct set identifiers` });
    }
    if (r.old.retired && r.new.weight !== 100) {
      out.push({ path: at("old", "retired"), message: `needs the new cluster at weight 100 first (it is at ${r.new.weight}): retiring the old record sends every answer to this cluster` });
    }
    // Cannot happen while the old weight is 100 - weight; kept so a future change cannot make Route 53 split evenly.
    if (r.old.weight + r.new.weight === 0) out.push({ path: at("weight"), message: "both records would have weight 0, which Route 53 treats as an even split" });
    if (r.type === "CNAME" && input.traffic!.records[i].new?.evaluateTargetHealth !== undefined) {
      out.push({ path: at("new", "evaluateTargetHealth"), message: "only applies to alias records (the old target is a CNAME); give the new target a healthCheck instead" });
    }
    const dns = env.addons.externalDns;
    const domain = dns.enabled ? dns.domainFilters.find((d) => isUnderDomain(r.name, d)) : undefined;
    if (domain) {
      out.push({
        path: at("name"),
        message: `is under ${domain}, which external-dns manages in this environment (addons.externalDns.domainFilters): two writers of one record undo each other; narrow the domain filters, or move this name with external-dns annotations instead`,
      });
    }
  });
  return out;
};
