/**
 * AWS names that two environments (or one) would both create. IAM names are unique in the whole
 * account, so the same cluster name in two regions of one account clashes; the other names are
 * unique per region. Names are prefixes of each other's too: cluster `team` with pool `x-p` and
 * cluster `team-x` with pool `p` both want the Auto Scaling group `team-x-p`, and the node role
 * `team-node-p-cluster` of cluster `team` is the control plane role of cluster `team-node-p`.
 */
import type { Environment } from "../config/environment";
import type { FieldError, Path } from "../config/errors";
import { formatPath } from "../config/errors";
import { environmentNames } from "./derived-names";

interface Owner {
  file: string;
  path: Path;
  what: string;
}

/** One line per environment field and clashing file, naming the first clash and how many more. */
export function nameCollisions(envs: { file: string; env: Environment }[]): FieldError[] {
  const owners = new Map<string, Owner>();
  const clashes = new Map<string, { file: string; path: Path; other: Owner; name: string; kind: string; where: string; count: number }>();
  // The same cluster in the same account and region is reported once, as that (uniqueClusters, src/config/rules/fleet.ts).
  const sameCluster = (a: Environment, b: Environment) => a.account === b.account && a.region === b.region && a.cluster.name === b.cluster.name;
  const envOf = new Map(envs.map((e) => [e.file, e.env]));
  for (const { file, env } of envs) {
    for (const d of environmentNames(env)) {
      const where = d.scope === "account" ? `account ${env.account}` : `account ${env.account}, region ${env.region}`;
      const key = `${d.kind}\u0000${d.scope === "account" ? env.account : `${env.account}/${env.region}`}\u0000${d.name}`;
      const other = owners.get(key);
      if (!other) {
        owners.set(key, { file, path: d.path, what: d.what });
        continue;
      }
      const otherEnv = envOf.get(other.file)!;
      if (other.file !== file && sameCluster(env, otherEnv)) continue;
      // Two clusters of the same name (in two regions): one line for the cluster name, not one per pool.
      const sharedCluster = other.file !== file && otherEnv.cluster.name === env.cluster.name;
      const path: Path = sharedCluster ? ["cluster", "name"] : d.path;
      const otherOwner: Owner = sharedCluster ? { ...other, path: ["cluster", "name"] } : other;
      const id = `${file}\u0000${formatPath(path)}\u0000${other.file}\u0000${formatPath(otherOwner.path)}`;
      const seen = clashes.get(id);
      if (seen) seen.count++;
      else clashes.set(id, { file, path, other: otherOwner, name: d.name, kind: d.kind, where, count: 1 });
    }
  }
  return [...clashes.values()].map((c) => {
    const more = c.count > 1 ? ` (and ${c.count - 1} more name${c.count > 2 ? "s" : ""})` : "";
    const otherPlace = c.other.file === c.file ? `this file's ${formatPath(c.other.path)}` : `${c.other.file} (from its ${formatPath(c.other.path)})`;
    const scope = c.kind.startsWith("IAM") ? "IAM names are unique in the whole account, whatever the region" : `${c.kind} names are unique per region`;
    return {
      file: c.file,
      path: c.path,
      message: `the ${c.kind} name "${c.name}" derived from it${more} is also derived by ${otherPlace} in ${c.where}; ${scope}, so choose names that do not clash`,
    };
  });
}
