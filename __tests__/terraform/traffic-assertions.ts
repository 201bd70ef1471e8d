/**
 * What the mocked apply of a traffic stack must prove: per DNS name, two weighted records with the
 * configured weights and distinct set identifiers, the new one pointing at the edge load balancer
 * the cluster stack's state reports (by alias, or as a CNAME), and health checks wired to their
 * records and aimed at their targets.
 */
import type { Environment } from "../../src/config/environment";
import { cutoverId } from "../../src/stacks/traffic-stack";
import type { StackJson } from "../support/reference";
import { mockEdgeLoadBalancer } from "./aws-mocks";
import { hcl, type Assertion } from "./hcl";

const snake = (s: string) => s.replace(/[^A-Za-z0-9_]/g, "_");

export function trafficAssertions(env: Environment, stack: StackJson): Assertion[] {
  if (!env.traffic) throw new Error(`${env.name} has no traffic section`);
  const edge = mockEdgeLoadBalancer(env);
  const list: Assertion[] = [];
  for (const r of env.traffic.records.filter((x) => !x.old.retired)) {
    const id = snake(cutoverId(r.name));
    const oldR = `aws_route53_record.${id}_old`;
    const newR = `aws_route53_record.${id}_new`;
    const at = (what: string) => `${r.name}: ${what}`;
    list.push(
      {
        condition: `${newR}.weighted_routing_policy[0].weight == ${r.new.weight} && ${oldR}.weighted_routing_policy[0].weight == ${r.old.weight}`,
        message: at(`weights ${r.new.weight} (new) and ${r.old.weight} (old)`),
      },
      {
        condition: `${newR}.name == ${oldR}.name && ${newR}.type == ${oldR}.type && ${newR}.zone_id == ${oldR}.zone_id && ${newR}.set_identifier != ${oldR}.set_identifier`,
        message: at("one name, type and zone; two set identifiers"),
      },
      { condition: `${newR}.set_identifier == ${hcl(r.new.setIdentifier)} && ${oldR}.set_identifier == ${hcl(r.old.setIdentifier)}`, message: at("set identifiers as configured") },
    );
    if (r.old.target.kind === "alias") {
      list.push(
        {
          condition: `${newR}.alias[0].name == ${hcl(edge.dnsName)} && ${newR}.alias[0].zone_id == ${hcl(edge.zoneId)} && ${newR}.alias[0].evaluate_target_health == ${r.new.evaluateTargetHealth}`,
          message: at("the new record aliases the edge load balancer from the cluster stack's state"),
        },
        { condition: `${oldR}.alias[0].name == ${hcl(r.old.target.dnsName)} && ${oldR}.alias[0].zone_id == ${hcl(r.old.target.hostedZoneId)}`, message: at("the old record aliases the old load balancer") },
      );
    } else {
      list.push({
        condition: `length(${newR}.records) == 1 && tolist(${newR}.records)[0] == ${hcl(edge.dnsName)} && length(${oldR}.records) == 1 && tolist(${oldR}.records)[0] == ${hcl(r.old.target.hostname)} && ${newR}.ttl == ${r.old.target.ttl} && ${oldR}.ttl == ${r.old.target.ttl}`,
        message: at("CNAMEs to the edge load balancer and the old target, one TTL"),
      });
    }
    for (const [which, check, fqdn] of [
      ["new", r.new.healthCheck, edge.dnsName],
      ["old", r.old.healthCheck, r.old.target.kind === "alias" ? r.old.target.dnsName : r.old.target.hostname],
    ] as const) {
      if (!check) continue;
      const hc = `aws_route53_health_check.${id}_${which}_health`;
      list.push({
        condition: `aws_route53_record.${id}_${which}.health_check_id == ${hc}.id && ${hc}.fqdn == ${hcl(fqdn)} && ${hc}.type == ${hcl(check.protocol)} && ${hc}.port == ${check.port}`,
        message: at(`the ${which} record's health check probes its target`),
      });
    }
  }
  const expected = env.traffic.records.reduce((n, r) => n + (r.old.retired ? 1 : 2), 0);
  if (Object.keys(stack.resource?.aws_route53_record ?? {}).length !== expected) throw new Error(`${env.name}-traffic: expected two records per name (one once the old is retired)`);
  return list;
}
