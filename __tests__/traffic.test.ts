/**
 * The weighted cut-over (`traffic`, the `<env>-traffic` stack) and external-dns's weighted mode:
 * validation, the records as synthesized, and that moving the weight moves nothing but the
 * weights. The mocked apply at weights 0, 10, 50 and 100 runs in __tests__/terraform.test.ts.
 */
import "../src/process-setup";
import { describe, expect, it } from "vitest";
import { externalDns, EXTERNAL_DNS_ANNOTATIONS } from "../src/charts/external-dns";
import { checkChartValues } from "../src/charts/chart-values";
import { formatFieldError } from "../src/config/errors";
import type { EnvironmentInput } from "../src/config/environment";
import { resolveTraffic } from "../src/config/traffic-schema";
import { checkTraffic } from "../src/config/rules/traffic";
import { validateEnvironment } from "../src/environments/validate";
import stagingInput from "../environments/staging";
import { FILE, validInput } from "./support/fixtures";
import { helmValues, resources, stackJson, type StackJson } from "./support/reference";
import { synthVariant } from "./support/synth-variant";

type Input = EnvironmentInput & Record<string, unknown>;

function withTraffic(mutate: (t: NonNullable<EnvironmentInput["traffic"]>, e: Input) => void = () => {}): Input {
  const input = validInput();
  input.traffic = {
    weight: 10,
    records: [
      {
        name: "shop.example.com",
        hostedZoneId: "Z0SHOP00000000000001",
        old: { setIdentifier: "kops", loadBalancer: { dnsName: "kops-ingress-1.eu-west-1.elb.amazonaws.com", hostedZoneId: "Z32O12XQLNTSW2" } },
      },
    ],
  };
  mutate(input.traffic, input);
  return input;
}

const errorsOf = (input: unknown) => {
  const r = validateEnvironment(input, FILE);
  return r.ok ? [] : r.errors.map(formatFieldError);
};

describe("traffic validation", () => {
  it("accepts a weighted pair and resolves the defaults", () => {
    const r = validateEnvironment(withTraffic(), FILE);
    expect(r.ok && r.env.traffic).toEqual({
      weight: 10,
      records: [
        {
          name: "shop.example.com",
          hostedZoneId: "Z0SHOP00000000000001",
          type: "A",
          old: {
            setIdentifier: "kops",
            weight: 90,
            target: { kind: "alias", dnsName: "kops-ingress-1.eu-west-1.elb.amazonaws.com", hostedZoneId: "Z32O12XQLNTSW2", evaluateTargetHealth: true },
            retired: false,
          },
          new: { setIdentifier: "test-cluster", weight: 10, evaluateTargetHealth: true },
        },
      ],
    });
  });

  it("weights in range, whole numbers", () => {
    expect(errorsOf(withTraffic((t) => (t.weight = 101)))).toEqual([`${FILE}: traffic.weight: must be 0-100`]);
    expect(errorsOf(withTraffic((t) => (t.weight = -1)))).toEqual([`${FILE}: traffic.weight: must be 0-100`]);
    expect(errorsOf(withTraffic((t) => (t.weight = 12.5)))).toEqual([`${FILE}: traffic.weight: must be a whole number`]);
    expect(errorsOf(withTraffic((t) => (t.records[0].weight = 200)))).toEqual([`${FILE}: traffic.records[0].weight: must be 0-100`]);
  });

  it("never both zero: the old target always gets 100 - weight, and the rule catches a pair that sums to 0", () => {
    for (let w = 0; w <= 100; w++) {
      const [r] = resolveTraffic({ weight: w, records: withTraffic().traffic!.records }, "c").records;
      expect([r.new.weight, r.old.weight, r.new.weight + r.old.weight]).toEqual([w, 100 - w, 100]);
    }
    const input = withTraffic();
    const result = validateEnvironment(input, FILE);
    if (!result.ok) throw new Error("valid input expected");
    result.env.traffic!.records[0].old.weight = 0;
    result.env.traffic!.records[0].new.weight = 0;
    expect(checkTraffic(result.env, input)).toEqual([{ path: ["traffic", "records", 0, "weight"], message: "both records would have weight 0, which Route 53 treats as an even split" }]);
  });

  it("distinct set identifiers, one entry per name", () => {
    expect(errorsOf(withTraffic((t) => (t.records[0].new = { setIdentifier: "kops" })))).toEqual([
      `${FILE}: traffic.records[0].new.setIdentifier: "kops" names both records of shop.example.com; the weighted pair needs two distinct set identifiers`,
    ]);
    expect(errorsOf(withTraffic((t) => (t.records[0].old.setIdentifier = "test-cluster")))).toEqual([
      `${FILE}: traffic.records[0].old.setIdentifier: "test-cluster" names both records of shop.example.com; the weighted pair needs two distinct set identifiers`,
    ]);
    expect(errorsOf(withTraffic((t) => t.records.push(structuredClone(t.records[0]))))).toEqual([`${FILE}: traffic.records[1].name: shop.example.com is already listed in traffic.records[0]`]);
    expect(errorsOf(withTraffic((t) => (t.records[0].old.setIdentifier = "not ok!")))).toEqual([
      `${FILE}: traffic.records[0].old.setIdentifier: must be 1-63 characters of A-Z a-z 0-9 - _ . (starting and ending with a letter or digit)`,
    ]);
  });

  it("no name also managed by external-dns in the same environment", () => {
    const dns = { enabled: true, domainFilters: ["example.com"], hostedZoneIds: ["Z0EXAMPLE0000000000001"] };
    expect(errorsOf(withTraffic((_, e) => (e.addons = { externalDns: dns })))).toEqual([
      `${FILE}: traffic.records[0].name: is under example.com, which external-dns manages in this environment (addons.externalDns.domainFilters): two writers of one record undo each other; narrow the domain filters, or move this name with external-dns annotations instead`,
    ]);
    expect(errorsOf(withTraffic((_, e) => (e.addons = { externalDns: { ...dns, domainFilters: ["apps.example.com"] } })))).toEqual([]);
  });

  it("one kind of old target, with the settings that fit it; a new target needs an edge pool", () => {
    const lb = { dnsName: "a.elb.amazonaws.com", hostedZoneId: "Z32O12XQLNTSW2" };
    expect(errorsOf(withTraffic((t) => (t.records[0].old = { setIdentifier: "kops", loadBalancer: lb, cname: "old.example.com" })))).toEqual([
      `${FILE}: traffic.records[0].old: give either loadBalancer (an alias) or cname (a CNAME target), not both`,
    ]);
    expect(errorsOf(withTraffic((t) => (t.records[0].old = { setIdentifier: "kops", loadBalancer: lb, ttl: 60 })))).toEqual([
      `${FILE}: traffic.records[0].old.ttl: only applies to cname targets (alias records take the load balancer's TTL)`,
    ]);
    expect(errorsOf(withTraffic((t) => (t.records[0] = { ...t.records[0], old: { setIdentifier: "kops", cname: "old.example.com" }, new: { evaluateTargetHealth: false } })))).toEqual([
      `${FILE}: traffic.records[0].new.evaluateTargetHealth: only applies to alias records (the old target is a CNAME); give the new target a healthCheck instead`,
    ]);
    expect(errorsOf(withTraffic((_, e) => (e.workerPools = e.workerPools.filter((p) => p.class !== "edge"))))).toEqual([
      `${FILE}: traffic: needs a worker pool of class edge: the new target of every name is this cluster's edge load balancer`,
    ]);
    expect(errorsOf(withTraffic((t) => (t.records[0].new = { healthCheck: { intervalSeconds: 15 as 10 } })))).toEqual([`${FILE}: traffic.records[0].new.healthCheck.intervalSeconds: must be 10 or 30`]);
  });

  it("retires the old record only once the new cluster has all of the name", () => {
    expect(errorsOf(withTraffic((t) => (t.records[0].old.retired = true)))).toEqual([
      `${FILE}: traffic.records[0].old.retired: needs the new cluster at weight 100 first (it is at 10): retiring the old record sends every answer to this cluster`,
    ]);
    expect(errorsOf(withTraffic((t) => ((t.weight = 100), (t.records[0].old.retired = true))))).toEqual([]);
  });

  it("external-dns's weighted mode needs external-dns on", () => {
    const input = validInput();
    input.addons = { externalDns: { weightedRecords: {} } };
    expect(errorsOf(input)).toEqual([`${FILE}: addons.externalDns.weightedRecords: has no effect with external-dns disabled (addons.externalDns.enabled)`]);
  });
});

type RecordJson = {
  name: string;
  type: string;
  zone_id: string;
  set_identifier: string;
  weighted_routing_policy: { weight: number };
  alias?: { name: string; zone_id: string; evaluate_target_health: boolean };
  records?: string[];
  ttl?: number;
  health_check_id?: string;
  allow_overwrite: boolean;
};

describe("staging-traffic, as synthesized", () => {
  const stack = stackJson("staging-traffic");
  const records = resources<RecordJson>(stack, "aws_route53_record");

  it("has two weighted records per name: the old target and the cluster stack's edge load balancer, distinct set identifiers, weights adding up to 100", () => {
    const names = [...new Set(Object.values(records).map((r) => r.name))].sort();
    expect(names).toEqual(["api.acme-staging.example", "shop.acme-staging.example"]);
    for (const name of names) {
      const pair = Object.values(records).filter((r) => r.name === name);
      expect(pair).toHaveLength(2);
      expect(new Set(pair.map((r) => r.set_identifier)).size).toBe(2);
      expect(new Set(pair.map((r) => `${r.type} ${r.zone_id}`)).size).toBe(1);
      expect(pair.map((r) => r.weighted_routing_policy.weight).sort((a, b) => a - b)).toEqual([10, 90]);
      expect(pair.every((r) => r.allow_overwrite === false)).toBe(true);
    }
    expect(records.dns_shop_acme_staging_example_new).toMatchObject({
      set_identifier: "acme-staging",
      type: "A",
      alias: {
        name: "${data.terraform_remote_state.cluster_stack.outputs.edge_load_balancer_dns_name}",
        zone_id: "${data.terraform_remote_state.cluster_stack.outputs.edge_load_balancer_zone_id}",
        evaluate_target_health: true,
      },
      health_check_id: "${aws_route53_health_check.dns_shop_acme_staging_example_new_health.id}",
    });
    expect(records.dns_shop_acme_staging_example_old.alias).toEqual({ name: "kops-staging-ingress-1234567890.eu-west-1.elb.amazonaws.com", zone_id: "Z32O12XQLNTSW2", evaluate_target_health: true });
    expect(records.dns_api_acme_staging_example_old).toMatchObject({ type: "CNAME", ttl: 60, records: ["api.kops.acme-staging.example"] });
    expect(records.dns_api_acme_staging_example_new).toMatchObject({ type: "CNAME", ttl: 60, records: ["${data.terraform_remote_state.cluster_stack.outputs.edge_load_balancer_dns_name}"] });
  });

  it("checks the edge load balancer's health by its own DNS name", () => {
    expect(Object.values(resources(stack, "aws_route53_health_check"))).toEqual([
      expect.objectContaining({ fqdn: "${data.terraform_remote_state.cluster_stack.outputs.edge_load_balancer_dns_name}", type: "TCP", port: 443, request_interval: 30, failure_threshold: 3 }),
    ]);
  });

  it("has a state of its own, reads the cluster stack's state, and runs with the caller's credentials in the environment's account", () => {
    expect((stack.terraform as { backend: { s3: { key: string } } }).backend.s3.key).toBe("platform/eks/staging/staging-traffic.tfstate");
    expect(Object.keys(stack.data?.terraform_remote_state ?? {})).toEqual(["cluster_stack"]);
    const provider = stack.provider!.aws[0];
    expect(provider.allowed_account_ids).toEqual(["123456789012"]);
    expect(provider.assume_role).toBeUndefined();
    const cluster = stackJson("staging-cluster");
    expect(cluster.output?.edge_load_balancer_zone_id?.value).toBe("${aws_lb.edge_nlb.zone_id}");
    expect(cluster.output?.edge_load_balancer_dns_name?.value).toBe("${aws_lb.edge_nlb.dns_name}");
  });
});

/** Every leaf that differs between two stacks, as a path. */
function differences(a: unknown, b: unknown, at = ""): string[] {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return JSON.stringify(a) === JSON.stringify(b) ? [] : [at];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at ? `${at}.${k}` : k));
}

describe("the traffic stack's AWS provider", () => {
  it("can be pinned to the hosted zones' account and assume a role there", () => {
    const input = structuredClone(stagingInput) as EnvironmentInput;
    Object.assign(input.traffic!, { account: "999988887777", assumeRoleArn: "arn:aws:iam::999988887777:role/dns-changes" });
    const provider = (synthVariant(input, "environments/staging.ts").stacks as Record<string, StackJson>).traffic.provider!.aws[0];
    expect(provider.allowed_account_ids).toEqual(["999988887777"]);
    expect(provider.assume_role).toEqual([{ role_arn: "arn:aws:iam::999988887777:role/dns-changes", session_name: "terraform-staging-traffic" }]);
  });
});

describe("moving the weight", () => {
  const at = (weight: number, perRecord?: number) => {
    const input = structuredClone(stagingInput) as EnvironmentInput;
    input.traffic!.weight = weight;
    if (perRecord !== undefined) input.traffic!.records[1].weight = perRecord;
    return synthVariant(input, "environments/staging.ts").stacks as Record<string, StackJson>;
  };
  const base = at(10);

  it("synthesizes at 0, 10, 50 and 100 with weights w and 100 - w", () => {
    for (const w of [0, 10, 50, 100]) {
      const records = Object.entries(resources<RecordJson>(w === 10 ? base.traffic : at(w).traffic, "aws_route53_record"));
      for (const [address, r] of records) expect(r.weighted_routing_policy.weight).toBe(address.endsWith("_new") ? w : 100 - w);
    }
  });

  it("changes only the two records' weights of that name, in every stack", () => {
    const moved = at(10, 50);
    for (const role of Object.keys(base)) {
      const diff = differences(base[role], moved[role]);
      expect(diff, role).toEqual(
        role === "traffic"
          ? ["resource.aws_route53_record.dns_api_acme_staging_example_new.weighted_routing_policy.weight", "resource.aws_route53_record.dns_api_acme_staging_example_old.weighted_routing_policy.weight"]
          : [],
      );
    }
    expect(resources<RecordJson>(moved.traffic, "aws_route53_record").dns_api_acme_staging_example_new.weighted_routing_policy.weight).toBe(50);
  });

  it("decommissioning: retiring the old target at 100 deletes only the old record and its health check", () => {
    const full = at(100);
    const input = structuredClone(stagingInput) as EnvironmentInput;
    input.traffic!.weight = 100;
    input.traffic!.records[0].old = { ...input.traffic!.records[0].old, retired: true, healthCheck: { protocol: "TCP" } };
    const withCheck = structuredClone(stagingInput) as EnvironmentInput;
    withCheck.traffic!.weight = 100;
    withCheck.traffic!.records[0].old = { ...withCheck.traffic!.records[0].old, healthCheck: { protocol: "TCP" } };
    const before = synthVariant(withCheck, "environments/staging.ts").stacks as Record<string, StackJson>;
    const retired = synthVariant(input, "environments/staging.ts").stacks as Record<string, StackJson>;
    expect(differences(before.traffic, retired.traffic).filter((p) => !p.startsWith("//"))).toEqual([
      "resource.aws_route53_health_check.dns_shop_acme_staging_example_old_health",
      "resource.aws_route53_record.dns_shop_acme_staging_example_old",
    ]);
    expect(resources<RecordJson>(retired.traffic, "aws_route53_record").dns_shop_acme_staging_example_new.weighted_routing_policy.weight).toBe(100);
    expect(Object.keys(resources(full.traffic, "aws_route53_record"))).toHaveLength(4);
  });

  it("moving traffic.weight changes every name's two weights and nothing else", () => {
    const moved = at(50);
    for (const role of Object.keys(base)) {
      const diff = differences(base[role], moved[role]);
      expect(diff.every((p) => /^resource\.aws_route53_record\.[a-z_]+_(old|new)\.weighted_routing_policy\.weight$/.test(p)), `${role}: ${diff.join(", ")}`).toBe(true);
      expect(diff).toHaveLength(role === "traffic" ? 4 : 0);
    }
  });
});

describe("external-dns for per-service cut-overs", () => {
  it("publishes only resources annotated with this cluster's set identifier (default: the cluster name), in values the chart accepts", () => {
    const input = validInput();
    input.addons = { externalDns: { enabled: true, domainFilters: ["example.com"], hostedZoneIds: ["Z0EXAMPLE0000000000001"], weightedRecords: {} } };
    const result = validateEnvironment(input, FILE);
    if (!result.ok) throw new Error(result.errors.map(formatFieldError).join("\n"));
    const values = externalDns.values(result.env, { drainQueueUrl: "https://sqs" });
    expect(values.annotationFilter).toBe("external-dns.alpha.kubernetes.io/set-identifier=test-cluster");
    expect(checkChartValues(externalDns, values)).toEqual([]);
    input.addons.externalDns!.weightedRecords = { setIdentifier: "eks-blue" };
    const custom = validateEnvironment(input, FILE);
    expect(custom.ok && externalDns.values(custom.env, { drainQueueUrl: "https://sqs" }).annotationFilter).toBe("external-dns.alpha.kubernetes.io/set-identifier=eks-blue");
    expect(EXTERNAL_DNS_ANNOTATIONS).toEqual({
      hostname: "external-dns.alpha.kubernetes.io/hostname",
      setIdentifier: "external-dns.alpha.kubernetes.io/set-identifier",
      weight: "external-dns.alpha.kubernetes.io/aws-weight",
    });
  });

  it("is off unless asked for, and on in staging", () => {
    const plain = validateEnvironment(validInput(), FILE);
    expect(plain.ok && externalDns.values(plain.env, { drainQueueUrl: "https://sqs" }).annotationFilter).toBeUndefined();
    const helm = resources<{ name: string; values: string[] }>(stackJson("staging-addons"), "helm_release");
    const values = helmValues<Record<string, unknown>>(stackJson("staging-addons"), Object.values(helm).find((r) => r.name === "external-dns")!);
    expect(values.annotationFilter).toBe("external-dns.alpha.kubernetes.io/set-identifier=acme-staging");
  });
});
