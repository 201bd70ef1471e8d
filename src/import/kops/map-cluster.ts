/**
 * The Cluster document's settings that have a place in an environment: the Kubernetes version,
 * the API's reachability (from the API load balancer's type and kubernetesApiAccess), cloud
 * labels as tags, aws-iam-authenticator identity mappings as access entries, and the add-ons kops
 * ran. Everything else in the document is left for the sweep, which reports it.
 */
import type { AccessEntry } from "../../config/environment";
import { KUBERNETES_VERSIONS, type EnvironmentInput } from "../../config/environment-schema";
import * as f from "../../config/formats";
import { parseCidr } from "../../config/formats";
import { MANAGED_BY } from "../../naming/default-tags";
import { OWNER_TAG_KEY } from "../../naming/names";
import type { FieldReader } from "./ledger";

type ClusterInput = EnvironmentInput["cluster"];
type AddonsInput = NonNullable<EnvironmentInput["addons"]>;

const ok = <T>(schema: { check(v: unknown, p: [], i: []): boolean }, v: T) => schema.check(v, [], []);

/** `v1.32.0` -> `1.32`, raised to the oldest version EKS supports in standard support. */
export function mapVersion(r: FieldReader): ClusterInput["version"] | undefined {
  const path = ["spec", "kubernetesVersion"];
  const text = r.string(path);
  if (text === undefined) {
    r.problem(path, "is required");
    return undefined;
  }
  const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(text);
  if (!m) {
    r.problem(path, `${JSON.stringify(text)} is not a Kubernetes version such as v1.32.0 (a custom build URL cannot be carried)`);
    return undefined;
  }
  const minor = `${m[1]}.${m[2]}`;
  const supported = KUBERNETES_VERSIONS as readonly string[];
  const oldest = supported[0];
  const newest = supported[supported.length - 1];
  const value = (n: string) => Number(n.split(".")[1]) + Number(n.split(".")[0]) * 1000;
  if (supported.includes(minor)) {
    r.carry(path, "cluster.version", `${text} -> "${minor}"`);
    return minor as ClusterInput["version"];
  }
  if (value(minor) < value(oldest)) {
    r.carry(path, "cluster.version", `${text} -> "${oldest}": raised to the oldest version EKS supports in standard support; check workloads against the API removals of every minor version in between`);
    r.ledger.actions.push(`Kubernetes ${minor} is older than EKS supports: the cluster starts at ${oldest}. Check manifests and charts for APIs removed up to ${oldest} (for example with kubent or pluto) before moving workloads.`);
    return oldest as ClusterInput["version"];
  }
  r.carry(path, "cluster.version", `${text} -> "${newest}": the newest version this project supports`);
  r.ledger.actions.push(`Kubernetes ${minor} is newer than this project supports: the cluster is ${newest}. Check that workloads do not rely on APIs added after ${newest}.`);
  return newest as ClusterInput["version"];
}

/**
 * A public API (load balancer type Public, or the DNS-only API kops defaults to) becomes the
 * public endpoint limited to the kubernetesApiAccess networks; an internal one, the private
 * endpoint with those networks admitted. 0.0.0.0/0, prefix lists and IPv6 ranges are not carried.
 */
export function mapEndpoint(r: FieldReader): ClusterInput["endpoint"] | undefined {
  const typePath = ["spec", "api", "loadBalancer", "type"];
  const lbType = r.string(typePath);
  if (lbType !== undefined && lbType !== "Public" && lbType !== "Internal") {
    r.problem(typePath, `must be Public or Internal; got ${JSON.stringify(lbType)}`);
    return undefined;
  }
  const internal = lbType === "Internal";
  if (lbType) r.carry(typePath, "cluster.endpoint", internal ? "Internal: the private endpoint, admitting kubernetesApiAccess" : "Public: the public endpoint, limited to what kubernetesApiAccess allows");
  const accessPath = ["spec", "kubernetesApiAccess"];
  const entries = r.strings(accessPath) ?? [];
  const cidrs: string[] = [];
  entries.forEach((entry, i) => {
    const at = [...accessPath, i];
    const cidr = parseCidr(entry);
    if (entry.startsWith("pl-")) r.drop(at, "the EKS endpoint takes CIDRs, not prefix lists: list the prefix list's CIDRs");
    else if (entry.includes(":")) r.drop(at, "the EKS endpoint's access list takes IPv4 CIDRs only");
    else if (!cidr) r.drop(at, "not an IPv4 CIDR without host bits, which is what the EKS endpoint accepts");
    else if (cidr.prefix === 0) r.drop(at, "an endpoint open to the whole internet is refused: list your own networks (office, VPN, CI)");
    else if (cidr.prefix < 16) r.drop(at, "covers more than a /16; the public endpoint admits at most a /16 in all");
    else {
      cidrs.push(entry);
      r.carry(at, internal ? "cluster.endpoint.privateAccessCidrs" : "cluster.endpoint.publicAccessCidrs");
    }
  });
  if (internal) return cidrs.length > 0 ? { privateAccessCidrs: cidrs } : undefined;
  if (cidrs.length > 0) return { publicAccess: true, publicAccessCidrs: cidrs };
  r.ledger.actions.push(
    "The EKS endpoint is private: reach it from inside the VPC (VPN, CI agents there: cluster.endpoint.privateAccessCidrs), or set cluster.endpoint.publicAccess with your own networks' CIDRs.",
  );
  return undefined;
}

/** Tags this project sets itself, which cloud labels may not override. */
const RESERVED_TAGS = new Set(["Environment", "Stack", "ManagedBy", OWNER_TAG_KEY]);

export function mapTags(r: FieldReader): Record<string, string> | undefined {
  const path = ["spec", "cloudLabels"];
  const labels = r.stringMap(path);
  if (!labels) return undefined;
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    const at = [...path, key];
    if (RESERVED_TAGS.has(key)) r.drop(at, `set by this project on every resource (${key === "ManagedBy" ? MANAGED_BY : "from the environment"})`);
    else if (key.toLowerCase().startsWith("aws:")) r.drop(at, "tag keys may not start with aws:");
    else if (key === "KubernetesCluster" || key.startsWith("kops.k8s.io/") || key.startsWith("k8s.io/role/")) {
      r.drop(at, "kops marks its own resources with it: on the new cluster's resources, kops delete cluster would take them too");
    } else if (key.startsWith("kubernetes.io/cluster/") || key.startsWith("k8s.io/cluster-autoscaler/")) r.drop(at, "set by this project for the new cluster");
    else if (key.length > 128 || value.length > 256) r.drop(at, "longer than AWS allows for a tag");
    else {
      tags[key] = value;
      r.carry(at, `tags[${JSON.stringify(key)}]`);
    }
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/**
 * aws-iam-authenticator identity mappings become access entries: the ARN is the principal, the
 * groups its Kubernetes groups; `system:masters` becomes the cluster-admin access policy (EKS
 * refuses groups starting with `system:`).
 */
export function mapAccessEntries(r: FieldReader, adminRoleArn: string): AccessEntry[] {
  const path = ["spec", "authentication", "aws", "identityMappings"];
  const list = r.list(path) ?? [];
  const entries: AccessEntry[] = [];
  list.forEach((_, i) => {
    const at = (...more: (string | number)[]) => [...path, i, ...more];
    const arn = r.string(at("arn"));
    const groups = r.strings(at("groups")) ?? [];
    if (arn === undefined) return r.problem(at("arn"), "is required");
    if (!ok(f.iamPrincipalArn, arn)) return r.drop(at(), "its ARN is not an IAM role or user ARN that EKS access entries accept (arn:aws:iam::<account>:role/<name>)");
    if (arn === adminRoleArn) return r.drop(at(), "this is the admin role, which already has cluster-admin");
    const kubernetesGroups: string[] = [];
    const policies: AccessEntry["policies"] = [];
    groups.forEach((g, j) => {
      if (g === "system:masters") {
        policies.push({ policy: "AmazonEKSClusterAdminPolicy" });
        r.carry(at("groups", j), `cluster.accessEntries (${arn}).policies`, "system:masters -> AmazonEKSClusterAdminPolicy");
      } else if (g.startsWith("system:")) r.drop(at("groups", j), "EKS refuses Kubernetes groups starting with system:");
      else if (!ok(f.kubernetesGroup, g)) r.drop(at("groups", j), "not a Kubernetes group name EKS accepts");
      else {
        kubernetesGroups.push(g);
        r.carry(at("groups", j), `cluster.accessEntries (${arn}).kubernetesGroups`);
      }
    });
    if (kubernetesGroups.length === 0 && policies.length === 0) return r.drop(at("arn"), "no group of this mapping can be carried, and an access entry must grant something");
    r.carry(at("arn"), "cluster.accessEntries[].principalArn");
    const existing = entries.find((e) => e.principalArn === arn);
    if (existing) {
      existing.kubernetesGroups = [...new Set([...existing.kubernetesGroups, ...kubernetesGroups])];
      if (policies.length > 0 && existing.policies.length === 0) existing.policies = policies;
      r.ledger.decisions.push(`Identity mappings for ${arn} were merged into one access entry (EKS allows one per principal).`);
    } else entries.push({ principalArn: arn, kubernetesGroups, policies });
  });
  return entries;
}

/** Add-ons kops ran, switched on here; those this project runs anyway are named in the decisions. */
export function mapAddons(r: FieldReader): AddonsInput | undefined {
  const addons: AddonsInput = {};
  const enabled = (key: string, defaultWhenPresent: boolean) => {
    if (!r.has(["spec", key])) return undefined;
    const flag = r.boolean(["spec", key, "enabled"]);
    return flag ?? defaultWhenPresent;
  };
  const onByDefault = (key: string, ours: string, what: string) => {
    const on = enabled(key, true);
    if (on === undefined) {
      r.ledger.decisions.push(`${what}: kops did not run it; this project runs it by default (addons.${ours}).`);
    } else if (on) {
      r.carry(["spec", key, "enabled"], `addons.${ours} (on by default)`);
    } else {
      r.carry(["spec", key, "enabled"], `addons.${ours}.enabled: false`);
      (addons as Record<string, unknown>)[ours] = { enabled: false };
    }
  };
  onByDefault("clusterAutoscaler", "clusterAutoscaler", "cluster-autoscaler");
  onByDefault("metricsServer", "metricsServer", "metrics-server");

  const nth = enabled("nodeTerminationHandler", true);
  if (nth === undefined) r.ledger.decisions.push("Node termination handler: this project always runs it, in queue-processor mode with this cluster's drain queue.");
  else if (nth) r.carry(["spec", "nodeTerminationHandler", "enabled"], "addons.nodeTerminationHandler (queue-processor mode, on by default)");
  else r.drop(["spec", "nodeTerminationHandler", "enabled"], "the drainer is part of this project's design: nodes are drained before they go, so it stays on");

  if (enabled("certManager", true)) {
    r.carry(["spec", "certManager", "enabled"], "addons.certManager.enabled");
    const zones = r.strings(["spec", "certManager", "hostedZoneIDs"]) ?? [];
    const valid = zones.filter((z, i) => {
      const good = ok(f.hostedZoneId, z);
      if (good) r.carry(["spec", "certManager", "hostedZoneIDs", i], "addons.certManager.dns01HostedZoneIds");
      else r.drop(["spec", "certManager", "hostedZoneIDs", i], "not a Route 53 hosted zone id");
      return good;
    });
    addons.certManager = { enabled: true, ...(valid.length > 0 ? { dns01HostedZoneIds: valid } : {}) };
  }

  const dnsProvider = r.string(["spec", "externalDns", "provider"]);
  if (dnsProvider === "external-dns") {
    r.drop(
      ["spec", "externalDns", "provider"],
      "external-dns here is limited to listed hosted zones and domains, which the kops spec does not record: enable addons.externalDns with hostedZoneIds and domainFilters",
    );
    r.ledger.actions.push("kops ran external-dns: enable addons.externalDns with the hosted zone ids and domains it managed (this project limits it to those), and re-apply the access stack for its role.");
  } else if (dnsProvider !== undefined) {
    r.drop(["spec", "externalDns", "provider"], "kops's dns-controller: EKS needs no API records; for Services annotated for DNS, enable addons.externalDns");
  }
  return Object.keys(addons).length > 0 ? addons : undefined;
}

/** kops's service range, when EKS accepts it (a /12 to /24 in a private range). */
export function mapServiceCidr(r: FieldReader): string | undefined {
  const path = ["spec", "serviceClusterIPRange"];
  const cidr = r.string(path);
  if (cidr === undefined) return undefined;
  const parsed = parseCidr(cidr);
  const start = parsed ? parsed.octets.reduce((acc, o) => acc * 256 + o, 0) : -1;
  const inside = (range: string) => {
    const outer = parseCidr(range)!;
    const size = 2 ** (32 - outer.prefix);
    return Math.floor(start / size) === Math.floor(outer.octets.reduce((acc, o) => acc * 256 + o, 0) / size);
  };
  const privateRange = parsed && parsed.prefix >= 12 && parsed.prefix <= 24 && ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].some(inside);
  if (!privateRange) {
    r.drop(path, "EKS needs a /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16; the default 172.20.0.0/16 applies (Service IPs change anyway: Services are recreated in the new cluster)");
    return undefined;
  }
  r.carry(path, "cluster.serviceCidr");
  return cidr;
}
