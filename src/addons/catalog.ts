/** Every Helm add-on, in install order. */
import type { Environment } from "../config/environment";
import type { AddonIam, HelmAddon } from "./addon";
import { certManager } from "./cert-manager";
import { clusterAutoscaler } from "./cluster-autoscaler";
import { externalDns } from "./external-dns";
import { metricsServer } from "./metrics-server";
import { nodeTerminationHandler } from "./node-termination-handler";
import { traefik } from "./traefik";

export const HELM_ADDONS: readonly HelmAddon[] = [nodeTerminationHandler, clusterAutoscaler, metricsServer, certManager, externalDns, traefik];

/** The add-ons of an environment that call AWS, with the IAM role each needs. */
export function addonIamRoles(env: Environment): { addon: HelmAddon; iam: AddonIam }[] {
  return HELM_ADDONS.flatMap((addon) => {
    const iam = addon.iam?.(env);
    return iam ? [{ addon, iam }] : [];
  });
}
