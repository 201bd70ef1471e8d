/**
 * A weighted DNS cut-over from an old cluster to this one (`traffic` in the environment, the
 * `<env>-traffic` stack). For each DNS name, two Route 53 weighted records: the old target (an
 * existing load balancer by alias, or a CNAME target) and this cluster's edge load balancer. One
 * `weight` says how much goes to the new cluster; the old target gets the rest, so the two always
 * add up to 100 and can never both be 0 (which Route 53 would read as "split evenly").
 */
import * as f from "./formats";
import { boolean, list, object, oneOf, optional, rule, string, type Infer } from "./schema-kit";

/** Route 53 set identifiers; also valid as a Kubernetes annotation value (external-dns uses them). */
export const setIdentifier = string({
  pattern: /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
  message: "must be 1-63 characters of A-Z a-z 0-9 - _ . (starting and ending with a letter or digit)",
});

/** A record name: lower-case, optionally a wildcard (`*.shop.example.com`). */
const recordName = string({
  pattern: /^(\*\.)?(?!-)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/,
  message: "must be a lower-case DNS name such as shop.example.com (no trailing dot)",
});

/** Host names of targets: load balancer DNS names may carry upper-case letters. */
const hostname = string({
  pattern: /^(?!-)([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}$/,
  message: "must be a DNS name such as old-lb-123456.eu-west-1.elb.amazonaws.com (no trailing dot)",
});

export const HEALTH_CHECK_PROTOCOLS = ["HTTPS", "HTTP", "TCP"] as const;

const healthCheckSchema = object({
  /** Default HTTPS. */
  protocol: optional(oneOf(HEALTH_CHECK_PROTOCOLS)),
  /** Default 443 (80 for HTTP). */
  port: optional(f.intBetween(1, 65535)),
  /**
   * HTTP(S) only. Default "/". Route 53 reaches the target by its own DNS name (the load
   * balancer's), so the path must answer whatever the Host header.
   */
  path: optional(string({ pattern: /^\/\S*$/, message: "must be a path starting with /" })),
  /** Failed checks in a row before the target counts as unhealthy. Default 3. */
  failureThreshold: optional(f.intBetween(1, 10)),
  /** Seconds between checks, 10 or 30. Default 30. */
  intervalSeconds: optional(oneOf([10, 30], "must be 10 or 30")),
});

const oldTargetSchema = rule(
  object({
    /** The old record's set identifier (for example "kops"). */
    setIdentifier,
    /** An existing load balancer: both records are alias A records. */
    loadBalancer: optional(object({ dnsName: hostname, hostedZoneId: f.hostedZoneId })),
    /** Or a host name: both records are CNAMEs. */
    cname: optional(hostname),
    /** Seconds; CNAME records only. Default 60. */
    ttl: optional(f.intBetween(0, 86400)),
    /** Alias records only: answer with the other record while the load balancer has no healthy target. Default true. */
    evaluateTargetHealth: optional(boolean()),
    /** A Route 53 health check of the old target. Default none. */
    healthCheck: optional(healthCheckSchema),
    /**
     * true once the old cluster is being decommissioned: its record (and health check) is deleted,
     * leaving this cluster's weighted record alone under the name. Needs weight 100. Default false.
     */
    retired: optional(boolean()),
  }),
  (o, add) => {
    if ((o.loadBalancer === undefined) === (o.cname === undefined)) add([], "give either loadBalancer (an alias) or cname (a CNAME target), not both");
    if (o.ttl !== undefined && o.loadBalancer) add(["ttl"], "only applies to cname targets (alias records take the load balancer's TTL)");
    if (o.evaluateTargetHealth !== undefined && o.cname) add(["evaluateTargetHealth"], "only applies to loadBalancer (alias) targets; give a CNAME target a healthCheck instead");
  },
);

const newTargetSchema = object({
  /** Default: the cluster name. */
  setIdentifier: optional(setIdentifier),
  /** Alias records only. Default true. */
  evaluateTargetHealth: optional(boolean()),
  /** A Route 53 health check of this cluster's edge load balancer. Default none. */
  healthCheck: optional(healthCheckSchema),
});

const trafficRecordSchema = object({
  /** The DNS name that moves, as it exists today. */
  name: recordName,
  /** Its Route 53 hosted zone. */
  hostedZoneId: f.hostedZoneId,
  /** This name's share for the new cluster, when it moves at its own pace. Default: traffic.weight. */
  weight: optional(f.intBetween(0, 100)),
  old: oldTargetSchema,
  new: optional(newTargetSchema),
});

export const trafficInputSchema = object({
  /** Percent of each name's traffic sent to this cluster's edge load balancer, 0-100; the old target gets 100 - weight. */
  weight: f.intBetween(0, 100),
  /** The account holding the hosted zones (a shared DNS account, say). Default: the environment's account. */
  account: optional(f.accountId),
  /** A role the stack's AWS provider assumes to change the zones. Default: the caller's own credentials. */
  assumeRoleArn: optional(f.iamPrincipalArn),
  records: list(trafficRecordSchema, { min: 1, minMessage: "list at least one DNS name" }),
});

export type TrafficInput = Infer<typeof trafficInputSchema>;

export interface HealthCheck {
  protocol: (typeof HEALTH_CHECK_PROTOCOLS)[number];
  port: number;
  /** Undefined for TCP. */
  path?: string;
  failureThreshold: number;
  intervalSeconds: number;
}

export type OldTarget = { kind: "alias"; dnsName: string; hostedZoneId: string; evaluateTargetHealth: boolean } | { kind: "cname"; hostname: string; ttl: number };

export interface TrafficRecord {
  name: string;
  hostedZoneId: string;
  /** A for alias pairs, CNAME for CNAME pairs: both records of a name share it, as Route 53 requires. */
  type: "A" | "CNAME";
  /** `retired`: the old record is gone (decommissioning); only the new one remains. */
  old: { setIdentifier: string; weight: number; target: OldTarget; healthCheck?: HealthCheck; retired: boolean };
  new: { setIdentifier: string; weight: number; evaluateTargetHealth: boolean; healthCheck?: HealthCheck };
}

export interface Traffic {
  weight: number;
  /** Undefined: the environment's account. */
  account?: string;
  assumeRoleArn?: string;
  records: TrafficRecord[];
}

function resolveHealthCheck(h: Infer<typeof healthCheckSchema> | undefined): HealthCheck | undefined {
  if (!h) return undefined;
  const protocol = h.protocol ?? "HTTPS";
  return {
    protocol,
    port: h.port ?? (protocol === "HTTP" ? 80 : 443),
    ...(protocol === "TCP" ? {} : { path: h.path ?? "/" }),
    failureThreshold: h.failureThreshold ?? 3,
    intervalSeconds: h.intervalSeconds ?? 30,
  };
}

/** Applies the defaults; `cluster` names the new target's set identifier by default. */
export function resolveTraffic(input: TrafficInput, cluster: string): Traffic {
  return {
    weight: input.weight,
    ...(input.account ? { account: input.account } : {}),
    ...(input.assumeRoleArn ? { assumeRoleArn: input.assumeRoleArn } : {}),
    records: input.records.map((r) => {
      const weight = r.weight ?? input.weight;
      const o = r.old;
      const target: OldTarget = o.loadBalancer
        ? { kind: "alias", dnsName: o.loadBalancer.dnsName, hostedZoneId: o.loadBalancer.hostedZoneId, evaluateTargetHealth: o.evaluateTargetHealth ?? true }
        : { kind: "cname", hostname: o.cname!, ttl: o.ttl ?? 60 };
      const oldCheck = resolveHealthCheck(o.healthCheck);
      const newCheck = resolveHealthCheck(r.new?.healthCheck);
      return {
        name: r.name,
        hostedZoneId: r.hostedZoneId,
        type: target.kind === "alias" ? "A" : "CNAME",
        old: { setIdentifier: o.setIdentifier, weight: 100 - weight, target, ...(oldCheck ? { healthCheck: oldCheck } : {}), retired: o.retired ?? false },
        new: {
          setIdentifier: r.new?.setIdentifier ?? cluster,
          weight,
          evaluateTargetHealth: r.new?.evaluateTargetHealth ?? true,
          ...(newCheck ? { healthCheck: newCheck } : {}),
        },
      };
    }),
  };
}
