/**
 * The environment file's schema. Strict everywhere: an unknown key is a typo until proven
 * otherwise, and a silently ignored typo in infrastructure config is an outage waiting to happen.
 * Defaults are the secure choice; each one is named in the field's comment.
 */
import { z } from "zod";
import * as f from "./formats";
import { workerPoolInputSchema } from "./worker-pool-schema";
import { addonsInputSchema } from "./addons-schema";

export const KUBERNETES_VERSIONS = ["1.33", "1.34", "1.35"] as const;
export const CLUSTER_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;
/** Retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
export const EKS_ACCESS_POLICIES = [
  "AmazonEKSClusterAdminPolicy",
  "AmazonEKSAdminPolicy",
  "AmazonEKSEditPolicy",
  "AmazonEKSViewPolicy",
  "AmazonEKSAdminViewPolicy",
] as const;

const s3StateBackend = z.strictObject({
  backend: z.literal("s3"),
  bucket: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name (3-63 characters: a-z 0-9 . -)"),
  /** Default: the environment's region. */
  region: f.region.optional(),
  /** State keys are `<keyPrefix>/<stack>.tfstate`. Default: the environment name. */
  keyPrefix: z.string().regex(/^[\w.-]+(\/[\w.-]+)*$/, "must be a path such as platform/staging").optional(),
  /** Default: the bucket's default encryption (SSE-S3); `encrypt` is always on. */
  kmsKeyArn: f.kmsKeyArn.optional(),
});

const cloudStateBackend = z.strictObject({
  backend: z.literal("cloud"),
  organization: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a Terraform Cloud organization name"),
  /** Default app.terraform.io; set it for Terraform Enterprise. */
  hostname: z.string().regex(/^[a-z0-9.-]+$/, "must be a host name").optional(),
  /** Terraform Cloud project the workspaces live in. Default: the organization's default project. */
  project: z.string().min(1).optional(),
  /** Workspace names are `<workspacePrefix><stack>`. Default "". */
  workspacePrefix: z.string().regex(/^[A-Za-z0-9_-]*$/, "may use only A-Z a-z 0-9 _ -").optional(),
});

const localStateBackend = z.strictObject({ backend: z.literal("local") });

const stateSchema = z.discriminatedUnion("backend", [s3StateBackend, cloudStateBackend, localStateBackend], {
  error: () => 'backend must be "s3", "cloud" or "local"',
});

const remoteStateSource = z.discriminatedUnion(
  "backend",
  [
    z.strictObject({
      backend: z.literal("s3"),
      bucket: s3StateBackend.shape.bucket,
      key: z.string().min(1, "must not be empty"),
      region: f.region,
    }),
    z.strictObject({
      backend: z.literal("cloud"),
      organization: cloudStateBackend.shape.organization,
      workspace: z.string().regex(/^[A-Za-z0-9_-]{1,90}$/, "must be a workspace name"),
      hostname: cloudStateBackend.shape.hostname,
    }),
  ],
  { error: () => 'backend must be "s3" or "cloud"' },
);

const networkSchema = z
  .strictObject({
    vpcId: f.vpcId.optional(),
    /** At least two, in distinct availability zones: the cluster and the worker pools use them. */
    privateSubnetIds: z.array(f.subnetId).optional(),
    /** For the edge load balancer. */
    publicSubnetIds: z.array(f.subnetId).optional(),
    /** Read the network from an existing Terraform stack's state instead. */
    remoteState: z
      .strictObject({
        source: remoteStateSource,
        /** Names of that stack's outputs. */
        outputs: z.strictObject({
          vpcId: z.string().min(1),
          privateSubnetIds: z.string().min(1),
          publicSubnetIds: z.string().min(1).optional(),
        }),
      })
      .optional(),
  })
  .superRefine((n, ctx) => {
    const direct = n.vpcId !== undefined || n.privateSubnetIds !== undefined || n.publicSubnetIds !== undefined;
    if (direct && n.remoteState) {
      ctx.addIssue({ code: "custom", path: ["remoteState"], message: "give either vpcId and subnet ids, or remoteState, not both" });
    } else if (!n.remoteState) {
      if (!n.vpcId) ctx.addIssue({ code: "custom", path: ["vpcId"], message: "is required unless the network comes from remoteState" });
      if (!n.privateSubnetIds) {
        ctx.addIssue({ code: "custom", path: ["privateSubnetIds"], message: "is required unless the network comes from remoteState" });
      }
    }
    for (const key of ["privateSubnetIds", "publicSubnetIds"] as const) {
      const ids = n[key];
      if (!ids) continue;
      if (ids.length < 2) ctx.addIssue({ code: "custom", path: [key], message: `needs at least two subnets in distinct availability zones; got ${ids.length}` });
      const dup = ids.find((id, i) => ids.indexOf(id) !== i);
      if (dup) ctx.addIssue({ code: "custom", path: [key], message: `lists ${dup} twice` });
    }
  });

const accessEntrySchema = z.strictObject({
  principalArn: f.iamPrincipalArn,
  /** Kubernetes groups for RBAC bindings of your own. */
  kubernetesGroups: z.array(z.string().regex(/^[a-z0-9][a-z0-9:._-]*$/, "must be a Kubernetes group name")).optional(),
  /** EKS access policies, cluster-wide or limited to namespaces. */
  policies: z
    .array(
      z.strictObject({
        policy: z.enum(EKS_ACCESS_POLICIES),
        /** Default: cluster-wide. */
        namespaces: z.array(f.dnsName(63)).min(1, "list at least one namespace, or leave it out for cluster scope").optional(),
      }),
    )
    .optional(),
});

const addonVersion = z.strictObject({
  /** Default: the version EKS marks as default for the cluster's Kubernetes version. */
  version: z.string().regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, "must be an EKS add-on version such as v1.19.2-eksbuild.1").optional(),
});

const clusterSchema = z.strictObject({
  /** EKS cluster name; every AWS name of the cluster derives from it. */
  name: f.dnsName(100),
  version: z.enum(KUBERNETES_VERSIONS, { error: () => `must be one of ${KUBERNETES_VERSIONS.join(", ")} (the versions EKS supports in standard support)` }),
  /** Default STANDARD: no silent move to paid extended support. */
  supportType: z.enum(["STANDARD", "EXTENDED"]).optional(),
  endpoint: z
    .strictObject({
      /** Always true: nodes and in-VPC tooling reach the API privately. */
      privateAccess: z.literal(true, { error: () => "must stay true: nodes reach the API server through the private endpoint" }).optional(),
      /** Default false. */
      publicAccess: z.boolean().optional(),
      /** Required when publicAccess is true; 0.0.0.0/0 is refused. */
      publicAccessCidrs: z.array(f.cidr).optional(),
      /** Networks (VPN, CI agents) admitted to the private endpoint on 443. Default none. */
      privateAccessCidrs: z.array(f.cidr).optional(),
    })
    .optional(),
  /** Default 172.20.0.0/16. */
  serviceCidr: f.cidr.optional(),
  /** Default api, audit, authenticator. */
  logTypes: z.array(z.enum(CLUSTER_LOG_TYPES)).optional(),
  /** Default 90. */
  logRetentionDays: z.union(LOG_RETENTION_DAYS.map((d) => z.literal(d)), {
    error: () => `must be one of ${LOG_RETENTION_DAYS.join(", ")}`,
  }).optional(),
  secretsEncryption: z
    .strictObject({
      /** Bring your own key. Default: a key created for this cluster, with rotation. */
      kmsKeyArn: f.kmsKeyArn.optional(),
      /** Default 30. */
      deletionWindowDays: z.number().int().min(7, "must be 7-30").max(30, "must be 7-30").optional(),
    })
    .optional(),
  /** Access entries besides the admin role, which always gets cluster-admin. */
  accessEntries: z.array(accessEntrySchema).optional(),
  /** EKS managed add-on versions. */
  addons: z
    .strictObject({
      vpcCni: addonVersion.optional(),
      kubeProxy: addonVersion.optional(),
      coredns: addonVersion.optional(),
      podIdentityAgent: addonVersion.optional(),
      ebsCsiDriver: addonVersion.optional(),
    })
    .optional(),
});

const edgeSchema = z.strictObject({
  /** Default internet-facing (in the public subnets). */
  scheme: z.enum(["internet-facing", "internal"]).optional(),
  /** TCP listeners and the node ports they forward to. Default 80 -> 8000, 443 -> 8443. */
  listeners: z
    .array(
      z.strictObject({
        port: z.number().int().min(1, "must be 1-65535").max(65535, "must be 1-65535"),
        targetPort: z.number().int().min(1024, "must be 1024-65535 (an unprivileged host port)").max(65535, "must be 1024-65535"),
      }),
    )
    .min(1, "needs at least one listener")
    .optional(),
  /** Who may connect to the load balancer. Default 0.0.0.0/0 (it is the public entry point). */
  allowedCidrs: z.array(f.cidr).min(1).optional(),
});

export const environmentInputSchema = z.strictObject({
  /** Environment name: stack names are `<name>-access`, `<name>-cluster`, `<name>-addons`. */
  name: f.dnsName(24),
  account: f.accountId,
  region: f.region,
  state: stateSchema,
  access: z
    .strictObject({
      /** Default `<cluster>-eks-admin`. */
      roleName: f.iamName.optional(),
      /** Default `<cluster>-eks-admins`. */
      groupName: z.string().regex(/^[\w+=,.@-]{1,128}$/, "must be an IAM group name").optional(),
      /** IAM user names added to the group. Default none: membership is managed elsewhere. */
      members: z.array(z.string().regex(/^[\w+=,.@-]{1,64}$/, "must be an IAM user name")).optional(),
      /** Default true: people assuming the admin role need MFA. */
      requireMfa: z.boolean().optional(),
      /**
       * Roles of automation that cannot do MFA (a Terraform Cloud dynamic-credentials role, a CI
       * runner) trusted to assume the admin role without it. Default none.
       */
      automationRoleArns: z.array(f.iamPrincipalArn).optional(),
      /** Default 3600 (one hour). */
      maxSessionDurationSeconds: z.number().int().min(3600, "must be 3600-43200").max(43200, "must be 3600-43200").optional(),
    })
    .optional(),
  network: networkSchema,
  cluster: clusterSchema,
  workerPools: z.array(workerPoolInputSchema).min(1, "needs at least one pool (a system pool runs the drainer and autoscaler)"),
  /** The edge load balancer, used when a pool of class edge exists. */
  edge: edgeSchema.optional(),
  drainer: z
    .strictObject({
      /** Default irsa: a role only the drainer's service account can assume. `node`: the system nodes' role (the seed design). */
      identity: z.enum(["irsa", "node"]).optional(),
    })
    .optional(),
  addons: addonsInputSchema.optional(),
  /** Added to every resource through the providers' default tags. */
  tags: f.tags.optional(),
});

export type EnvironmentInput = z.input<typeof environmentInputSchema>;
export type ParsedEnvironmentInput = z.output<typeof environmentInputSchema>;
