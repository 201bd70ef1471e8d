/** The cluster's own address ranges. */
import { parseCidr } from "../formats";
import type { EnvironmentRule } from "./rule";

type Cidr = NonNullable<ReturnType<typeof parseCidr>>;

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => parseCidr(c)!);

const toNumber = (octets: number[]) => octets.reduce((acc, o) => acc * 256 + o, 0);

function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  if (inner.prefix < outer.prefix) return false;
  const size = 2 ** (32 - outer.prefix);
  return Math.floor(toNumber(inner.octets) / size) === Math.floor(toNumber(outer.octets) / size);
}

/** EKS takes the Kubernetes service range from a private range, /12 to /24. */
export const serviceCidrRange: EnvironmentRule = (env) => {
  const service = parseCidr(env.cluster.serviceCidr)!;
  if (PRIVATE_RANGES.some((r) => cidrWithin(service, r)) && service.prefix >= 12 && service.prefix <= 24) return [];
  return [{ path: ["cluster", "serviceCidr"], message: "must be a /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (EKS rule)" }];
};
