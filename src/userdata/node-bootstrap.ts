/** What a node needs to join its cluster, whatever the AMI family. */
import type { Taint } from "../config/kubernetes-labels";
import type { WorkerPool } from "../config/worker-pool";

export interface NodeBootstrap {
  clusterName: string;
  /** https URL of the API server. */
  apiServerEndpoint: string;
  /** Base64-encoded PEM of the cluster CA. */
  certificateAuthority: string;
  /** Kubernetes service CIDR (the cluster DNS address is its .10). */
  serviceCidr: string;
  labels: Record<string, string>;
  taints: Taint[];
  /** Undefined: the AMI computes it from the instance type. */
  maxPods?: number;
  kubeReserved: Record<string, string>;
  systemReserved: Record<string, string>;
  evictionHard: Record<string, string>;
  /** Shell scripts run before the node joins (AL2023 only). */
  extraShellScripts: string[];
}

/** Entries sorted by key, so reordering a map in config never changes the rendered bytes. */
export function sortedEntries(map: Record<string, string>): [string, string][] {
  return Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The cluster DNS service address: the tenth address of the service CIDR. */
export function clusterDnsIp(serviceCidr: string): string {
  const [address] = serviceCidr.split("/");
  const octets = address.split(".").map(Number);
  octets[3] += 10;
  return octets.join(".");
}

/** A pool's bootstrap; the endpoint and CA are Terraform references in the stack, placeholders in checks. */
export function poolBootstrap(
  cluster: { name: string; serviceCidr: string; apiServerEndpoint: string; certificateAuthority: string },
  pool: WorkerPool,
): NodeBootstrap {
  return {
    clusterName: cluster.name,
    apiServerEndpoint: cluster.apiServerEndpoint,
    certificateAuthority: cluster.certificateAuthority,
    serviceCidr: cluster.serviceCidr,
    labels: pool.labels,
    taints: pool.taints,
    ...(pool.kubelet.maxPods !== undefined ? { maxPods: pool.kubelet.maxPods } : {}),
    kubeReserved: pool.kubelet.kubeReserved,
    systemReserved: pool.kubelet.systemReserved,
    evictionHard: pool.kubelet.evictionHard,
    extraShellScripts: pool.extraShellScripts,
  };
}
