/** Who may reach the cluster's public API endpoint: only networks listed, and not too many. */
import { parseCidr } from "../formats";
import type { EnvironmentRule, Issue } from "./rule";

export const endpointAccessCidrs: EnvironmentRule = (env) => {
  const e = env.cluster.endpoint;
  const at = ["cluster", "endpoint", "publicAccessCidrs"];
  if (!e.publicAccess) return e.publicAccessCidrs.length > 0 ? [{ path: at, message: "only applies when publicAccess is true" }] : [];
  const out: Issue[] = [];
  if (e.publicAccessCidrs.length === 0) out.push({ path: at, message: "must list the networks allowed to reach the public endpoint when publicAccess is true" });
  e.publicAccessCidrs.forEach((cidr, i) => {
    if (parseCidr(cidr)!.prefix === 0) out.push({ path: [...at, i], message: "an endpoint open to the whole internet is refused; list your own networks" });
  });
  return out;
};

/** The most addresses the public endpoint's networks may cover together: one /16. */
export const MAX_PUBLIC_ENDPOINT_ADDRESSES = 2 ** 16;

export const publicEndpointCoverage: EnvironmentRule = (env) => {
  const e = env.cluster.endpoint;
  if (!e.publicAccess) return [];
  const ranges = e.publicAccessCidrs
    .map(parseCidr)
    .filter((c): c is NonNullable<typeof c> => c !== null && c.prefix > 0)
    .map((c) => {
      const start = c.octets.reduce((acc, o) => acc * 256 + o, 0);
      return [start, start + 2 ** (32 - c.prefix)] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let end = -1;
  for (const [s, t] of ranges) {
    if (t <= end) continue;
    covered += t - Math.max(s, end);
    end = t;
  }
  if (covered <= MAX_PUBLIC_ENDPOINT_ADDRESSES) return [];
  return [
    {
      path: ["cluster", "endpoint", "publicAccessCidrs"],
      message: `together cover ${covered.toLocaleString("en-US")} addresses; the public endpoint admits at most ${MAX_PUBLIC_ENDPOINT_ADDRESSES.toLocaleString("en-US")} (a /16 in all): list your offices, VPN and NAT addresses, or use the private endpoint`,
    },
  ];
};
