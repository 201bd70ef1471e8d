/**
 * external-dns for Route 53: records for Services, Ingresses and Gateway routes under the listed
 * domains, in the listed zones only. Owner id = cluster name and upsert-only by default, so two
 * clusters can share a zone during a migration without deleting each other's records.
 */
import { SERVICE_ACCOUNTS } from "../config/service-accounts";
import { policy } from "../iam/policy-document";
import type { HelmAddon } from "./addon";
import { placementOwned, serviceAccountOwned } from "./owned-values";
import { placementOn } from "./placement";

/** The annotations external-dns 0.21 (chart 1.21.1) reads for weighted Route 53 records. */
export const EXTERNAL_DNS_ANNOTATIONS = {
  hostname: "external-dns.alpha.kubernetes.io/hostname",
  setIdentifier: "external-dns.alpha.kubernetes.io/set-identifier",
  weight: "external-dns.alpha.kubernetes.io/aws-weight",
} as const;

export const externalDns: HelmAddon = {
  key: "externalDns",
  release: "external-dns",
  namespace: SERVICE_ACCOUNTS.externalDns.namespace,
  chart: { repository: "https://kubernetes-sigs.github.io/external-dns", chart: "external-dns", version: "1.21.1" },
  owned: () => [
    { path: ["provider"], reason: "Route 53 is what its role may change" },
    { path: ["env"], reason: "it carries the region (a list: extra values would replace it)" },
    { path: ["domainFilters"], reason: "set addons.externalDns.domainFilters instead" },
    { path: ["extraArgs"], reason: "it carries a --zone-id-filter per zone of addons.externalDns.hostedZoneIds (a list: extra values would replace it); set those instead" },
    { path: ["policy"], reason: "set addons.externalDns.policy instead (its role enforces upsert-only too)" },
    { path: ["registry"], reason: "TXT ownership records keep clusters sharing a zone off each other's records" },
    { path: ["txtOwnerId"], reason: "it is the cluster name, so clusters sharing a zone keep their own records" },
    ...serviceAccountOwned(["serviceAccount"]),
    ...placementOwned(),
  ],
  iam: (env) =>
    env.addons.externalDns.enabled
      ? {
          component: "external-dns",
          serviceAccount: SERVICE_ACCOUNTS.externalDns,
          permissions: (e, arns) =>
            policy(
              {
                Sid: "ChangeListedZonesOnly",
                Effect: "Allow",
                Action: "route53:ChangeResourceRecordSets",
                Resource: e.addons.externalDns.hostedZoneIds.map((z) => arns.hostedZone(z)),
                // upsert-only is then enforced by IAM too, not only by the flag.
                ...(e.addons.externalDns.policy === "upsert-only"
                  ? { Condition: { "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsActions": ["CREATE", "UPSERT"] } } }
                  : {}),
              },
              {
                Sid: "ReadListedZones",
                Effect: "Allow",
                Action: ["route53:ListResourceRecordSets", "route53:ListTagsForResource"],
                Resource: e.addons.externalDns.hostedZoneIds.map((z) => arns.hostedZone(z)),
              },
              { Sid: "FindZones", Effect: "Allow", Action: ["route53:ListHostedZones", "route53:ListTagsForResources"], Resource: "*" },
            ),
        }
      : undefined,
  values: (env) => {
    const cfg = env.addons.externalDns;
    return {
      provider: { name: "aws" },
      env: [{ name: "AWS_DEFAULT_REGION", value: env.region }],
      // gateway-httproute only where the Gateway API CRDs are known to exist: external-dns exits
      // when a source's resource type is missing, which would stop every other source too.
      sources: env.addons.traefik.enabled && env.addons.traefik.gatewayApi ? ["service", "ingress", "gateway-httproute"] : ["service", "ingress"],
      domainFilters: cfg.domainFilters,
      extraArgs: cfg.hostedZoneIds.map((z) => `--zone-id-filter=${z}`),
      policy: cfg.policy,
      registry: "txt",
      txtOwnerId: env.cluster.name,
      // Per-service cut-overs: nothing without this cluster's set identifier is published, so no
      // simple record ever claims a name the old cluster serves with a weighted one.
      ...(cfg.weightedRecords ? { annotationFilter: `${EXTERNAL_DNS_ANNOTATIONS.setIdentifier}=${cfg.weightedRecords.setIdentifier}` } : {}),
      serviceAccount: { create: true, name: SERVICE_ACCOUNTS.externalDns.name },
      ...placementOn(env, "system"),
      resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
    };
  },
};
