/**
 * In-cluster add-ons of the `<env>-addons` stack. Each can be switched off, and each takes extra
 * Helm values that are merged over the generated ones and checked against the pinned chart.
 */
import * as f from "./formats";
import { boolean, list, object, oneOf, optional, record, type Infer, type Schema } from "./schema-kit";
import { setIdentifier } from "./traffic-schema";

/** Extra Helm values, deep-merged over what the project generates; checked against the chart. */
const helmValues = record<unknown>({ check: () => true });

const addon = <S extends Record<string, Schema<unknown>>>(shape: S) =>
  object({
    enabled: optional(boolean()),
    values: optional(helmValues),
    ...shape,
  });

export const addonsInputSchema = object({
  /**
   * How the add-ons stack's Helm and Kubernetes providers get their token. Default `token`: an
   * ephemeral `aws_eks_cluster_auth` of the stack's own AWS provider (which assumes the admin
   * role), so it works wherever the AWS provider does, Terraform Cloud's dynamic credentials
   * included, and no token is kept in a plan or state. `exec`: `aws eks get-token --role-arn`,
   * refreshed on every call (needs the AWS CLI where Terraform runs).
   */
  kubernetesAuth: optional(oneOf(["token", "exec"])),
  /** aws-node-termination-handler in queue-processor mode. Default on: without it nodes are not drained. */
  nodeTerminationHandler: optional(addon({})),
  /** Default on. */
  clusterAutoscaler: optional(addon({})),
  /** Default on. */
  metricsServer: optional(addon({})),
  /** Route 53 records for Services, Ingresses and Gateway routes. Default off. */
  externalDns: optional(
    addon({
      /** Only names under these domains are managed. */
      domainFilters: optional(list(f.domainName, { min: 1, minMessage: "list at least one domain" })),
      /** The only zones external-dns may change. Required when enabled. */
      hostedZoneIds: optional(list(f.hostedZoneId, { min: 1, minMessage: "list at least one hosted zone" })),
      /** Default upsert-only: records are never deleted, so two clusters can share a zone during a migration. */
      policy: optional(oneOf(["upsert-only", "sync"])),
      /**
       * Per-service cut-overs: publish only Services, Ingresses and routes annotated with this
       * cluster's set identifier (`external-dns.alpha.kubernetes.io/set-identifier`), each as a
       * weighted record (`external-dns.alpha.kubernetes.io/aws-weight`), so every name this cluster
       * publishes can share its name with the old cluster's record. Default off.
       */
      weightedRecords: optional(
        object({
          /** Default: the cluster name. */
          setIdentifier: optional(setIdentifier),
        }),
      ),
    }),
  ),
  /** Default off. */
  certManager: optional(
    addon({
      /** DNS-01 through Route 53, limited to these zones. Default: no DNS-01 role. */
      dns01HostedZoneIds: optional(list(f.hostedZoneId, { min: 1, minMessage: "list at least one hosted zone" })),
    }),
  ),
  /** Edge ingress on the edge nodes. Default: on when an edge pool exists. */
  traefik: optional(
    addon({
      /**
       * Also serve Ingresses of class `nginx` (Traefik's ingress-nginx provider), so a cluster
       * migrating from ingress-nginx keeps its Ingress objects as they are. Default false.
       */
      serveIngressNginxClass: optional(boolean()),
      /**
       * Serve Gateway API routes (GatewayClass, default Gateway, HTTPRoutes). Needs the Gateway
       * API standard-channel CRDs in the cluster: no pinned chart installs them (Traefik's chart
       * stopped shipping them), and Traefik with the provider on but no CRDs stops routing.
       * Default false.
       */
      gatewayApi: optional(boolean()),
    }),
  ),
  /** Cluster-wide Kubernetes objects. */
  clusterObjects: optional(
    object({
      /** Default false: an encrypted gp3 StorageClass marked default (adds the EBS CSI driver). */
      defaultStorageClass: optional(boolean()),
      /** Kubernetes groups bound to the built-in `view` ClusterRole. Default none. */
      readOnlyGroups: optional(list(f.kubernetesGroup)),
    }),
  ),
});

export type AddonsInput = Infer<typeof addonsInputSchema>;

