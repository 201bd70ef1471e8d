/**
 * The add-ons layer's own checks of an environment: where its charts can be placed, and the extra
 * Helm values a file adds (check-extra-values.ts). src/environments/rules.ts runs them with the
 * other layers' rules.
 */
import type { EnvironmentRule, Issue } from "../config/rules/rule";
import { checkAddonValues } from "./check-extra-values";
import { placementOn } from "./placement";

/** Add-ons are pinned to a pool class by the labels all its pools share: there must be one. */
export const chartsCanBePlaced: EnvironmentRule = (env) => {
  const a = env.addons;
  const out: Issue[] = [];
  const systemAddons = a.nodeTerminationHandler.enabled || a.clusterAutoscaler.enabled || a.metricsServer.enabled || a.externalDns.enabled || a.certManager.enabled;
  if (systemAddons && env.workerPools.some((p) => p.class === "system") && Object.keys(placementOn(env, "system").nodeSelector).length === 0) {
    out.push({ path: ["workerPools"], message: "the system pools share no label, so cluster add-ons cannot be pinned to them; give them a common label such as workload-class=system" });
  }
  if (a.traefik.enabled && env.edge !== undefined && Object.keys(placementOn(env, "edge").nodeSelector).length === 0) {
    out.push({ path: ["workerPools"], message: "the edge pools share no label, so Traefik cannot be pinned to them; give them a common label such as workload-class=edge" });
  }
  return out;
};

/** Extra Helm values are checked on top of generated values, which need the rest of the file to be valid. */
export const extraValuesFitCharts: EnvironmentRule = (env) => checkAddonValues(env);
