/** Every Helm add-on, in install order. */
import type { HelmAddon } from "./addon";
import { certManager } from "./cert-manager";
import { clusterAutoscaler } from "./cluster-autoscaler";
import { externalDns } from "./external-dns";
import { metricsServer } from "./metrics-server";
import { nodeTerminationHandler } from "./node-termination-handler";
import { traefik } from "./traefik";

export const HELM_ADDONS: readonly HelmAddon[] = [nodeTerminationHandler, clusterAutoscaler, metricsServer, certManager, externalDns, traefik];
