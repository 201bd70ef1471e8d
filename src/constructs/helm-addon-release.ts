/**
 * One Helm add-on as a helm_release: the pinned chart, its namespace, and its values as one JSON
 * document (valid YAML) in which only references to other stacks interpolate.
 */
import { Construct } from "constructs";
import { Release } from "@cdktf/provider-helm/lib/release";
import type { HelmAddon } from "../addons/addon";

/**
 * Values as a Terraform string: pretty JSON, with literal `${` / `%{` escaped so only CDKTF
 * tokens (`${TfToken[...]}`, the cross-stack references) become interpolations.
 */
export function helmValuesDocument(values: Record<string, unknown>): string {
  return JSON.stringify(values, null, 2)
    .replace(/\$\{(?!TfToken\[)/g, () => "$${")
    .replace(/%\{/g, () => "%%{");
}

export interface HelmAddonReleaseProps {
  addon: HelmAddon;
  values: Record<string, unknown>;
}

export class HelmAddonRelease extends Construct {
  readonly release: Release;

  constructor(scope: Construct, id: string, props: HelmAddonReleaseProps) {
    super(scope, id);
    const { addon } = props;
    this.release = new Release(this, "release", {
      name: addon.release,
      namespace: addon.namespace,
      createNamespace: addon.namespace !== "kube-system",
      repository: addon.chart.repository,
      chart: addon.chart.chart,
      version: addon.chart.version,
      values: [helmValuesDocument(props.values)],
      // A failed upgrade rolls back instead of leaving a half-applied release.
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      timeout: 600,
      maxHistory: 10,
    });
  }
}
