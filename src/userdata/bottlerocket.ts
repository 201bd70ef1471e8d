/** Bottlerocket user-data: TOML settings for its API (cluster, labels, taints, kubelet tuning). */
import { sortedEntries, clusterDnsIp, type NodeBootstrap } from "./node-bootstrap";
import { fillTemplate } from "./template";

/** TOML basic strings share JSON's escapes. */
const str = (v: string) => JSON.stringify(v);

function table(name: string, entries: [string, string][]): string {
  if (entries.length === 0) return "";
  return `\n[settings.kubernetes.${name}]\n${entries.map(([k, v]) => `${str(k)} = ${v}`).join("\n")}\n`;
}

export function renderBottlerocketUserData(b: NodeBootstrap): string {
  // Several taints may share a key with different effects; Bottlerocket takes a list per key.
  const taints = new Map<string, string[]>();
  for (const t of b.taints) taints.set(t.key, [...(taints.get(t.key) ?? []), `${t.value}:${t.effect}`]);
  const tables = [
    table("node-labels", sortedEntries(b.labels).map(([k, v]) => [k, str(v)])),
    table("node-taints", [...taints.entries()].sort(([a], [b2]) => a.localeCompare(b2)).map(([k, v]) => [k, `[${v.map(str).join(", ")}]`])),
    table("kube-reserved", sortedEntries(b.kubeReserved).map(([k, v]) => [k, str(v)])),
    table("system-reserved", sortedEntries(b.systemReserved).map(([k, v]) => [k, str(v)])),
    table("eviction-hard", sortedEntries(b.evictionHard).map(([k, v]) => [k, str(v)])),
  ].join("");
  return fillTemplate("bottlerocket-settings.toml", {
    clusterName: str(b.clusterName),
    apiServerEndpoint: str(b.apiServerEndpoint),
    certificateAuthority: str(b.certificateAuthority),
    clusterDnsIp: str(clusterDnsIp(b.serviceCidr)),
    kubernetesSettings: b.maxPods !== undefined ? `\nmax-pods = ${b.maxPods}` : "",
    tables,
  });
}
