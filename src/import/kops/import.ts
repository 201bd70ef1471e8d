/**
 * kops manifest -> environment input, with a ledger of what happened to every field. Pure: no
 * files are read or written here (cli.ts does that), so tests import fixtures in memory.
 */
import type { AccessEntry, EnvironmentInput } from "../../config/environment";
import * as f from "../../config/formats";
import { names } from "../../naming/names";
import { validateEnvironment } from "../../environments/validate";
import { formatPath } from "../../config/errors";
import { KopsImportError, parseKopsManifest, type KopsManifest } from "./documents";
import { FieldReader, ImportLedger } from "./ledger";
import { mapAccessEntries, mapAddons, mapEndpoint, mapServiceCidr, mapTags, mapVersion } from "./map-cluster";
import { mapInstanceGroup } from "./map-instance-group";
import { mapNetwork, type NetworkOptions } from "./map-network";
import { CLUSTER_FIELDS, INSTANCE_GROUP_FIELDS, sweepDocument } from "./not-carried";

export interface KopsImportOptions extends NetworkOptions {
  /** Environment (and EKS cluster) name. Default: the first label of the kops cluster's name. */
  name?: string;
  /** Default: a placeholder the providers refuse, named in the report's actions. */
  account?: string;
}

/** An account id no real account has: the AWS provider's allowed_account_ids refuses every apply. */
export const PLACEHOLDER_ACCOUNT = "000000000000";

export interface KopsImportResult {
  name: string;
  environment: EnvironmentInput;
  manifest: KopsManifest;
  ledger: ImportLedger;
  options: KopsImportOptions;
}

/** `complex.example.com` -> `complex`: an environment name (lower-case DNS label, at most 24 characters). */
export function environmentNameFor(kopsName: string): string {
  return kopsName
    .split(".")[0]
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, 24)
    .replace(/-+$/, "");
}

export function importKops(text: string, file: string, options: KopsImportOptions = {}): KopsImportResult {
  const manifest = parseKopsManifest(text, file);
  const ledger = new ImportLedger(file);
  const cluster = new FieldReader(manifest.cluster, ledger);
  const kopsName = manifest.cluster.name;

  const name = options.name ?? environmentNameFor(kopsName);
  const nameIssues: { path: (string | number)[]; message: string }[] = [];
  if (!f.dnsName(24).check(name, [], nameIssues)) {
    throw new KopsImportError([
      { file, message: `--name ${JSON.stringify(name)}: ${nameIssues[0]?.message ?? "is not a valid environment name"}${options.name ? "" : ` (derived from the kops cluster name ${kopsName}; pass --name)`}` },
    ]);
  }
  const account = options.account ?? PLACEHOLDER_ACCOUNT;
  if (!f.accountId.check(account, [], [])) throw new KopsImportError([{ file, message: `--account ${account}: must be a 12-digit AWS account id` }]);

  const network = mapNetwork(cluster, kopsName, options);
  const version = mapVersion(cluster);
  const endpoint = mapEndpoint(cluster);
  const tags = mapTags(cluster);
  const serviceCidr = mapServiceCidr(cluster);
  const accessEntries: AccessEntry[] = mapAccessEntries(cluster, `arn:aws:iam::${account}:role/${names.adminRole(name)}`);
  const addons = mapAddons(cluster);

  const pools: EnvironmentInput["workerPools"] = [];
  let prefixDelegation = false;
  if (network) {
    const taken = new Set<string>();
    for (const doc of manifest.instanceGroups) {
      const mapped = mapInstanceGroup(new FieldReader(doc, ledger), { network, cluster, taken });
      if (!mapped) continue;
      pools.push(mapped.pool);
      prefixDelegation ||= mapped.needsPrefixDelegation;
    }
    if (!pools.some((p) => p.class === "system")) {
      const systemName = taken.has("system") ? "system-addons" : "system";
      pools.unshift({ name: systemName, class: "system" });
      ledger.decisions.push(
        `Pool ${systemName} added (class system, on-demand, 2 to 4 nodes): the drainer, the autoscaler and other cluster add-ons ran on kops's control-plane nodes, which EKS does not have.`,
      );
    }
    if (!pools.some((p) => p.class === "general")) {
      ledger.actions.push("No pool runs general workloads (every carried group is system or edge): add a pool of class general before moving workloads.");
    }
  }

  for (const field of ["maxPods", "kubeReserved", "systemReserved", "evictionHard"]) {
    const path = ["spec", "kubelet", field];
    if (cluster.has(path) && !ledger.isAccounted(manifest.cluster, path)) cluster.drop(path, "every carried instance group sets its own");
  }
  for (const doc of [manifest.cluster, ...manifest.instanceGroups]) {
    sweepDocument(new FieldReader(doc, ledger), doc.kind === "Cluster" ? CLUSTER_FIELDS : INSTANCE_GROUP_FIELDS);
  }
  if (ledger.problems.length > 0 || !network || !version) throw new KopsImportError(ledger.problems);

  const hasEdge = pools.some((p) => p.class === "edge");
  const lbZones = new Set(network.loadBalancerSubnets.map((s) => s.zone));
  if (hasEdge && lbZones.size < 2) {
    throw new KopsImportError([
      {
        file,
        doc: manifest.cluster,
        path: ["spec", "subnets"],
        message: `the edge load balancer needs public (Utility) subnets in two availability zones; the kops cluster has them in ${[...lbZones].join(", ") || "none"}. Pass one for another zone with --add-subnet Utility:<zone>=<subnet-id>`,
      },
    ]);
  }
  if (network.publicTopology) {
    ledger.actions.push(
      "The kops cluster has no private subnets, so the cluster and its nodes use its public ones. The launch templates give nodes no public address: without one (the subnets' MapPublicIpOnLaunch) they cannot pull images or reach AWS. Better: give them private subnets with a NAT gateway (network.privateSubnetIds) before the first apply.",
    );
  }
  if (name !== kopsName) ledger.decisions.push(`The environment and the EKS cluster are named ${name} (from the kops cluster ${kopsName}; EKS names take no dots).`);
  if (account === PLACEHOLDER_ACCOUNT) {
    ledger.actions.push(`account is a placeholder (${PLACEHOLDER_ACCOUNT}): set the AWS account id (pass --account). The providers refuse every other account, so nothing can be applied by mistake.`);
  }
  ledger.actions.push('State is local (state: { backend: "local" }): choose s3 or cloud (see environments/staging.ts and environments/production.ts) before the first apply.');

  const environment: EnvironmentInput = {
    name,
    account,
    region: network.region,
    state: { backend: "local" },
    network: {
      vpcId: network.vpcId,
      privateSubnetIds: network.nodeSubnets.map((s) => s.id),
      ...(lbZones.size >= 2 ? { publicSubnetIds: network.loadBalancerSubnets.map((s) => s.id) } : {}),
    },
    cluster: {
      name,
      version,
      ...(endpoint ? { endpoint } : {}),
      ...(serviceCidr ? { serviceCidr } : {}),
      ...(accessEntries.length > 0
        ? {
            accessEntries: accessEntries.map((e) => ({
              principalArn: e.principalArn,
              ...(e.kubernetesGroups.length > 0 ? { kubernetesGroups: e.kubernetesGroups } : {}),
              ...(e.policies.length > 0 ? { policies: e.policies as NonNullable<EnvironmentInput["cluster"]["accessEntries"]>[number]["policies"] } : {}),
            })),
          }
        : {}),
      ...(prefixDelegation ? { managedAddons: { vpcCni: { prefixDelegation: true } } } : {}),
    },
    workerPools: pools,
    ...(addons ? { addons } : {}),
    ...(tags ? { tags } : {}),
  };
  if (prefixDelegation) {
    ledger.decisions.push("VPC CNI prefix delegation is on (kops set kubelet maxPods): it needs Nitro instance types and subnets with free /28 blocks.");
  }

  const checked = validateEnvironment(environment, `environments/${name}.ts`);
  if (!checked.ok) {
    throw new KopsImportError(
      checked.errors.map((e) => ({ file, message: `the environment this import would write does not validate: ${formatPath(e.path)}: ${e.message}` })),
    );
  }
  return { name, environment, manifest, ledger, options };
}
