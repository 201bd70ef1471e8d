/**
 * One DNS name moving from an old target to this cluster's edge load balancer: two Route 53
 * weighted records under the name, with distinct set identifiers and weights that add up to 100,
 * and a health check per target where one is configured. Alias pairs are A records (the old load
 * balancer and the edge NLB, each by DNS name and zone); CNAME pairs are CNAMEs with one TTL.
 * Changing the weight changes only the two records' weights.
 */
import { Construct } from "constructs";
import { Route53HealthCheck } from "@cdktf/provider-aws/lib/route53-health-check";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { HealthCheck, TrafficRecord } from "../../config/traffic-schema";

export interface WeightedCutoverProps {
  record: TrafficRecord;
  /** This cluster's edge load balancer, from the cluster stack's outputs. */
  edge: { dnsName: string; zoneId: string };
}

export class WeightedCutover extends Construct {
  /** Undefined once the old target is retired. */
  readonly oldRecord?: Route53Record;
  readonly newRecord: Route53Record;

  constructor(scope: Construct, id: string, props: WeightedCutoverProps) {
    super(scope, id);
    const { record, edge } = props;
    const check = (which: "old" | "new", h: HealthCheck | undefined, fqdn: string) =>
      h &&
      new Route53HealthCheck(this, `${which}-health`, {
        fqdn,
        type: h.protocol,
        port: h.port,
        ...(h.path ? { resourcePath: h.path } : {}),
        failureThreshold: h.failureThreshold,
        requestInterval: h.intervalSeconds,
        tags: { Name: `${record.name} ${which} (${which === "old" ? record.old.setIdentifier : record.new.setIdentifier})` },
      });
    const common = {
      zoneId: record.hostedZoneId,
      name: record.name,
      type: record.type,
      // Never take over a record Terraform did not create: a simple record under the name must be
      // replaced deliberately (docs/kops-migration.md, "6. The traffic": one change batch, then import).
      allowOverwrite: false,
    };

    const o = record.old;
    if (!o.retired) {
      const oldTarget = o.target.kind === "alias" ? o.target.dnsName : o.target.hostname;
      const oldCheck = check("old", o.healthCheck, oldTarget);
      this.oldRecord = new Route53Record(this, "old", {
        ...common,
        setIdentifier: o.setIdentifier,
        weightedRoutingPolicy: { weight: o.weight },
        ...(o.target.kind === "alias"
          ? { alias: { name: o.target.dnsName, zoneId: o.target.hostedZoneId, evaluateTargetHealth: o.target.evaluateTargetHealth } }
          : { ttl: o.target.ttl, records: [o.target.hostname] }),
        ...(oldCheck ? { healthCheckId: oldCheck.id } : {}),
      });
    }

    const n = record.new;
    const newCheck = check("new", n.healthCheck, edge.dnsName);
    this.newRecord = new Route53Record(this, "new", {
      ...common,
      setIdentifier: n.setIdentifier,
      weightedRoutingPolicy: { weight: n.weight },
      ...(o.target.kind === "alias"
        ? { alias: { name: edge.dnsName, zoneId: edge.zoneId, evaluateTargetHealth: n.evaluateTargetHealth } }
        : { ttl: o.target.ttl, records: [edge.dnsName] }),
      ...(newCheck ? { healthCheckId: newCheck.id } : {}),
    });
  }
}
