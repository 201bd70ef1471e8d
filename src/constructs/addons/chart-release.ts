/**
 * One Helm add-on as a helm_release: the pinned chart, its namespace, and its values as a Terraform
 * local handed to the release as `jsonencode(local.<name>)` (like the policies, src/constructs/
 * policy-local.ts). In the committed JSON the values are then a readable, multi-line object, so a
 * new pool or an enabled add-on shows as changed keys in `git diff` instead of one rewritten
 * line. Only references to other stacks interpolate.
 */
import { Construct } from "constructs";
import { Fn, TerraformLocal } from "cdktf";
import { Release } from "@cdktf/provider-helm/lib/release";
import type { HelmAddon } from "../../charts/addon";

const escapeTemplate = (s: string) => s.replace(/\$\{(?!TfToken\[)/g, () => "$${").replace(/%\{/g, () => "%%{");

/**
 * Strings in a local, and the keys of its objects, are Terraform templates: a literal `${` / `%{`
 * is escaped (`$${`, `%%{`) so only CDKTF tokens (`${TfToken[...]}`, the cross-stack references)
 * become interpolations.
 */
export function escapeHelmValues(value: unknown): unknown {
  if (typeof value === "string") return escapeTemplate(value);
  if (Array.isArray(value)) return value.map(escapeHelmValues);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeTemplate(k), escapeHelmValues(v)]));
  }
  return value;
}

export interface ChartReleaseProps {
  addon: HelmAddon;
  values: Record<string, unknown>;
}

export class ChartRelease extends Construct {
  readonly release: Release;

  constructor(scope: Construct, id: string, props: ChartReleaseProps) {
    super(scope, id);
    const { addon } = props;
    // JSON is YAML, so Helm reads jsonencode's output as it read the JSON document before.
    const values = new TerraformLocal(this, "values", escapeHelmValues(props.values));
    this.release = new Release(this, "release", {
      name: addon.release,
      namespace: addon.namespace,
      createNamespace: addon.namespace !== "kube-system",
      repository: addon.chart.repository,
      chart: addon.chart.chart,
      version: addon.chart.version,
      values: [Fn.jsonencode(values.asAnyMap)],
      // A failed upgrade rolls back instead of leaving a half-applied release.
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      timeout: 600,
      maxHistory: 10,
    });
  }
}
