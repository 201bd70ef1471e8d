/**
 * cert-manager with its CRDs, every component on the system nodes. With DNS-01 zones configured,
 * its service account gets a role that may only write `_acme-challenge` TXT records in them.
 */
import { SERVICE_ACCOUNTS } from "../config/service-accounts";
import { policy } from "../iam/policy-document";
import type { HelmAddon } from "./addon";
import { placementOwned, serviceAccountOwned } from "./owned-values";
import { placementOn } from "./placement";

export const certManager: HelmAddon = {
  key: "certManager",
  release: "cert-manager",
  namespace: SERVICE_ACCOUNTS.certManager.namespace,
  chart: { repository: "https://charts.jetstack.io", chart: "cert-manager", version: "v1.21.1" },
  owned: () => [
    ...serviceAccountOwned(["serviceAccount"]),
    ...placementOwned(),
    ...["webhook", "cainjector", "startupapicheck"].flatMap((part) => placementOwned([part])),
  ],
  iam: (env) =>
    env.addons.certManager.enabled && env.addons.certManager.dns01HostedZoneIds.length > 0
      ? {
          component: "cert-manager",
          serviceAccount: SERVICE_ACCOUNTS.certManager,
          permissions: (e, arns) =>
            policy(
              { Sid: "FollowChanges", Effect: "Allow", Action: "route53:GetChange", Resource: `arn:${arns.partition}:route53:::change/*` },
              {
                Sid: "ChallengeRecordsInListedZonesOnly",
                Effect: "Allow",
                Action: "route53:ChangeResourceRecordSets",
                Resource: e.addons.certManager.dns01HostedZoneIds.map((z) => arns.hostedZone(z)),
                Condition: {
                  "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] },
                  "ForAllValues:StringLike": { "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["_acme-challenge.*"] },
                },
              },
              {
                Sid: "ReadListedZones",
                Effect: "Allow",
                Action: "route53:ListResourceRecordSets",
                Resource: e.addons.certManager.dns01HostedZoneIds.map((z) => arns.hostedZone(z)),
              },
              { Sid: "FindZones", Effect: "Allow", Action: "route53:ListHostedZonesByName", Resource: "*" },
            ),
        }
      : undefined,
  values: (env) => {
    const placement = placementOn(env, "system");
    return {
      crds: { enabled: true, keep: true },
      replicaCount: 2,
      podDisruptionBudget: { enabled: true, minAvailable: 1 },
      ...placement,
      webhook: { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 }, ...placement },
      cainjector: { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 }, ...placement },
      startupapicheck: placement,
      serviceAccount: { create: true, name: SERVICE_ACCOUNTS.certManager.name },
    };
  },
};
