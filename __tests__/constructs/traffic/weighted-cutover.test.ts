/**
 * A weighted cut-over: two records under one name with distinct set identifiers and the given
 * weights, alias or CNAME as the old target is, health checks where configured, and only the new
 * record once the old target is retired.
 */
import { describe, expect, it } from "vitest";
import { WeightedCutover } from "../../../src/constructs/traffic/weighted-cutover";
import type { TrafficRecord } from "../../../src/config/traffic-schema";
import { all, byId, refTo, synthConstruct } from "../synth-construct";

const edge = { dnsName: "team-a-edge-123.elb.eu-west-1.amazonaws.com", zoneId: "Z2IFOLAFXWLO4F" };
const aliasRecord: TrafficRecord = {
  name: "shop.example.com",
  hostedZoneId: "Z0SHOP",
  type: "A",
  old: { setIdentifier: "kops", weight: 90, retired: false, target: { kind: "alias", dnsName: "kops-ingress.elb.amazonaws.com", hostedZoneId: "Z32O12XQLNTSW2", evaluateTargetHealth: true } },
  new: { setIdentifier: "eks", weight: 10, evaluateTargetHealth: true, healthCheck: { protocol: "HTTPS", port: 443, path: "/healthz", failureThreshold: 3, intervalSeconds: 30 } },
};
const cnameRecord: TrafficRecord = {
  ...aliasRecord,
  name: "api.example.com",
  type: "CNAME",
  old: { setIdentifier: "kops", weight: 90, retired: false, target: { kind: "cname", hostname: "api.kops.example.com", ttl: 60 } },
  new: { setIdentifier: "eks", weight: 10, evaluateTargetHealth: true },
};
const synth = (record: TrafficRecord) => synthConstruct((scope) => new WeightedCutover(scope, "cutover", { record, edge }));
const bySet = (stack: ReturnType<typeof synth>) => Object.fromEntries(all(stack, "aws_route53_record").map((r) => [r.set_identifier, r]));

describe("WeightedCutover", () => {
  it("writes two weighted alias records under the name: the old target and the edge load balancer", () => {
    const r = bySet(synth(aliasRecord));
    expect(Object.keys(r).sort()).toEqual(["eks", "kops"]);
    for (const rec of Object.values(r)) expect(rec).toMatchObject({ zone_id: "Z0SHOP", name: "shop.example.com", type: "A", allow_overwrite: false });
    expect(r.kops).toMatchObject({ weighted_routing_policy: { weight: 90 }, alias: { name: "kops-ingress.elb.amazonaws.com", zone_id: "Z32O12XQLNTSW2", evaluate_target_health: true } });
    expect(r.eks).toMatchObject({ weighted_routing_policy: { weight: 10 }, alias: { name: edge.dnsName, zone_id: edge.zoneId, evaluate_target_health: true } });
    expect(r.eks.ttl).toBeUndefined();
  });

  it("checks the health of a target only where a check is configured, and points the record at it", () => {
    const stack = synth(aliasRecord);
    const checks = all(stack, "aws_route53_health_check");
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ fqdn: edge.dnsName, type: "HTTPS", port: 443, resource_path: "/healthz", failure_threshold: 3, request_interval: 30 });
    const r = bySet(stack);
    expect(r.eks.health_check_id).toBe(refTo(stack, "aws_route53_health_check", checks[0], "id"));
    expect(r.kops.health_check_id).toBeUndefined();
  });

  it("writes CNAME pairs with the old target's TTL, the new one naming the edge load balancer", () => {
    const r = bySet(synth(cnameRecord));
    expect(r.kops).toMatchObject({ type: "CNAME", ttl: 60, records: ["api.kops.example.com"] });
    expect(r.eks).toMatchObject({ type: "CNAME", ttl: 60, records: [edge.dnsName] });
    expect(r.eks.alias).toBeUndefined();
  });

  it("keeps only the new record once the old target is retired, at the same address", () => {
    const before = byId(synth(aliasRecord), "aws_route53_record");
    const after = byId(synth({ ...aliasRecord, old: { ...aliasRecord.old, retired: true } }), "aws_route53_record");
    expect(Object.values(after).map((r) => r.set_identifier)).toEqual(["eks"]);
    const newId = Object.keys(before).find((id) => before[id].set_identifier === "eks");
    expect(Object.keys(after)).toEqual([newId]);
  });
});
