/** metrics-server: resource metrics for `kubectl top` and autoscaling, twice on the system nodes. */
import type { HelmAddon } from "./addon";
import { placementOwned } from "./owned-values";
import { placementOn } from "./placement";

export const metricsServer: HelmAddon = {
  key: "metricsServer",
  release: "metrics-server",
  namespace: "kube-system",
  chart: { repository: "https://kubernetes-sigs.github.io/metrics-server", chart: "metrics-server", version: "3.13.1" },
  owned: () => placementOwned(),
  values: (env) => ({
    replicas: 2,
    podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
    ...placementOn(env, "system"),
  }),
};
