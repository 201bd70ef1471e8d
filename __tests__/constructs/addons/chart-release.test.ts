/**
 * A chart release: values handed over as one local, literal `${` and `%{` escaped so only
 * cross-stack references interpolate, and the namespace created unless it is kube-system.
 */
import { describe, expect, it } from "vitest";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { ChartRelease } from "../../../src/constructs/addons/chart-release";
import type { HelmAddon } from "../../../src/charts/addon";
import { metricsServer } from "../../../src/charts/metrics-server";
import { traefik } from "../../../src/charts/traefik";
import { only, refTo, synthConstruct } from "../synth-construct";

const synth = (addon: HelmAddon, values: Record<string, unknown>) => synthConstruct((scope) => new ChartRelease(scope, "release", { addon, values }));

describe("ChartRelease", () => {
  it("hands the values over as jsonencode of one local", () => {
    const stack = synth(metricsServer, { replicas: 2, args: ["--kubelet-insecure-tls"] });
    const [[name, value]] = Object.entries(stack.locals ?? {});
    expect(value).toEqual({ replicas: 2, args: ["--kubelet-insecure-tls"] });
    expect(only(stack, "helm_release").values).toEqual([`\${jsonencode(local.${name})}`]);
  });

  it("escapes template syntax in strings and keys, so Helm receives it literally", () => {
    const stack = synth(metricsServer, { "${key}": "a ${b} %{ if c }", nested: [{ x: "$${already}" }] });
    const [value] = Object.values(stack.locals ?? {});
    expect(value).toEqual({ "$${key}": "a $${b} %%{ if c }", nested: [{ x: "$$${already}" }] });
  });

  it("leaves references to other resources as interpolations", () => {
    const stack = synthConstruct((scope) => {
      const queue = new SqsQueue(scope, "queue", { name: "q" });
      new ChartRelease(scope, "release", { addon: metricsServer, values: { queueURL: queue.url, literal: "${not.a.ref}" } });
    });
    const [value] = Object.values(stack.locals ?? {}) as { queueURL: string; literal: string }[];
    expect(value).toEqual({ queueURL: refTo(stack, "aws_sqs_queue", only(stack, "aws_sqs_queue"), "url"), literal: "$${not.a.ref}" });
  });

  it("installs the pinned chart atomically, creating its namespace unless it is kube-system", () => {
    const kubeSystem = only(synth(metricsServer, {}), "helm_release");
    expect(kubeSystem).toMatchObject({ chart: metricsServer.chart.chart, version: metricsServer.chart.version, repository: metricsServer.chart.repository, namespace: "kube-system", create_namespace: false, atomic: true, cleanup_on_fail: true });
    expect(only(synth(traefik, {}), "helm_release")).toMatchObject({ namespace: "traefik", create_namespace: true });
  });
});
