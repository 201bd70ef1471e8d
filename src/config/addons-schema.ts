/**
 * In-cluster add-ons of the `<env>-addons` stack. Each can be switched off, and each takes extra
 * Helm values that are merged over the generated ones and checked against the pinned chart.
 */
import { z } from "zod";
import * as f from "./formats";

/** Extra Helm values, deep-merged over what the project generates. */
const helmValues = z.record(z.string(), z.unknown());

const addon = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({
    enabled: z.boolean().optional(),
    values: helmValues.optional(),
    ...shape,
  });

export const addonsInputSchema = z.strictObject({
  /** aws-node-termination-handler in queue-processor mode. Default on: without it nodes are not drained. */
  nodeTerminationHandler: addon({}).optional(),
  /** Default on. */
  clusterAutoscaler: addon({}).optional(),
  /** Default on. */
  metricsServer: addon({}).optional(),
  /** Route 53 records for Services, Ingresses and Gateway routes. Default off. */
  externalDns: addon({
    /** Only names under these domains are managed. */
    domainFilters: z.array(f.domainName).min(1, "list at least one domain").optional(),
    /** The only zones external-dns may change. Required when enabled. */
    hostedZoneIds: z.array(f.hostedZoneId).min(1, "list at least one hosted zone").optional(),
    /** Default upsert-only: records are never deleted, so two clusters can share a zone during a migration. */
    policy: z.enum(["upsert-only", "sync"]).optional(),
  }).optional(),
  /** Default off. */
  certManager: addon({
    /** DNS-01 through Route 53, limited to these zones. Default: no DNS-01 role. */
    dns01HostedZoneIds: z.array(f.hostedZoneId).min(1, "list at least one hosted zone").optional(),
  }).optional(),
  /** Edge ingress on the edge nodes. Default: on when an edge pool exists. */
  traefik: addon({
    /**
     * Also serve Ingresses of class `nginx` (Traefik's ingress-nginx provider), so a cluster
     * migrating from ingress-nginx keeps its Ingress objects as they are. Default false.
     */
    serveIngressNginxClass: z.boolean().optional(),
  }).optional(),
  /** Cluster-wide Kubernetes objects. */
  clusterObjects: z
    .strictObject({
      /** Default false: an encrypted gp3 StorageClass marked default (adds the EBS CSI driver). */
      defaultStorageClass: z.boolean().optional(),
      /** Kubernetes groups bound to the built-in `view` ClusterRole. Default none. */
      readOnlyGroups: z.array(z.string().regex(/^[a-z0-9][a-z0-9:._-]*$/, "must be a Kubernetes group name")).optional(),
    })
    .optional(),
});

export type AddonsInput = z.input<typeof addonsInputSchema>;
