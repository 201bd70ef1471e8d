/**
 * The environment file's schema. Strict everywhere: an unknown key is a typo until proven
 * otherwise, and a silently ignored typo in infrastructure config is an outage waiting to happen.
 * Defaults are the secure choice; each one is named in the field's comment.
 */
import { addonsInputSchema } from "./addons-schema";
import { ciInputSchema } from "./ci-schema";
import * as f from "./formats";
import type { ManagedAddonKey } from "./managed-addons";
import { boolean, list, literal, object, oneOf, optional, rule, string, tagged, type Infer } from "./schema-kit";
import { trafficInputSchema } from "./traffic-schema";
import { workerPoolInputSchema } from "./worker-pool-schema";

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

const bucket = string({ pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, message: "must be an S3 bucket name (3-63 characters: a-z 0-9 . -)" });
const organization = string({ pattern: /^[A-Za-z0-9_-]{1,64}$/, message: "must be a Terraform Cloud organization name" });
const hostname = string({ pattern: /^[a-z0-9.-]+$/, message: "must be a host name" });

const stateSchema = tagged(
  "backend",
  {
    s3: object({
      backend: literal("s3"),
      bucket,
      /** Default: the environment's region. */
      region: optional(f.region),
      /** State keys are `<keyPrefix>/<stack>.tfstate`. Default: the environment name. */
      keyPrefix: optional(string({ pattern: /^[\w.-]+(\/[\w.-]+)*$/, message: "must be a path such as platform/staging" })),
      /** Default: the bucket's default encryption (SSE-S3); `encrypt` is always on. */
      kmsKeyArn: optional(f.kmsKeyArn),
    }),
    cloud: object({
      backend: literal("cloud"),
      organization,
      /** Default app.terraform.io; set it for Terraform Enterprise. */
      hostname: optional(hostname),
      /** Terraform Cloud project the workspaces live in. Default: the organization's default project. */
      project: optional(string({ min: 1 })),
      /** Workspace names are `<workspacePrefix><stack>`. Default "". */
      workspacePrefix: optional(string({ pattern: /^[A-Za-z0-9_-]*$/, message: "may use only A-Z a-z 0-9 _ -" })),
      /**
       * Runs of the cluster and add-ons workspaces on this agent pool (`apool-...`), for a private
       * API endpoint the hosted runners cannot reach. Default none: HCP Terraform's own runners.
       */
      agentPoolId: optional(string({ pattern: /^apool-[A-Za-z0-9]+$/, message: "must be an agent pool id (apool-...)" })),
      /** The repository the workspaces run from (VCS-driven). Default none: CLI/API-driven workspaces. */
      vcsRepo: optional(
        rule(
        object({
          /** `<owner>/<repository>`. */
          identifier: string({ pattern: /^[\w.-]+\/[\w.-]+$/, message: "must be <owner>/<repository>" }),
          /** Default: the repository's default branch. */
          branch: optional(string({ min: 1 })),
          /** OAuth token of the VCS connection (`ot-...`); give this or githubAppInstallationId. */
          oauthTokenId: optional(string({ pattern: /^ot-[A-Za-z0-9]+$/, message: "must be an OAuth token id (ot-...)" })),
          /** GitHub App installation (`ghain-...`); give this or oauthTokenId. */
          githubAppInstallationId: optional(string({ pattern: /^ghain-[A-Za-z0-9]+$/, message: "must be a GitHub App installation id (ghain-...)" })),
        }),
        (v, add) => {
          if ((v.oauthTokenId === undefined) === (v.githubAppInstallationId === undefined)) add([], "needs exactly one of oauthTokenId and githubAppInstallationId");
        },
        ),
      ),
      /**
       * Default true: the access stack creates the account's IAM OIDC provider for the hostname. Set
       * false in every environment but one when several share an account (IAM holds one per host).
       */
      createOidcProvider: optional(boolean()),
    }),
    local: object({ backend: literal("local") }),
  },
  'must be "s3", "cloud" or "local"',
);

const remoteStateSource = tagged(
  "backend",
  {
    s3: object({ backend: literal("s3"), bucket, key: string({ min: 1 }), region: f.region }),
    cloud: object({
      backend: literal("cloud"),
      organization,
      workspace: string({ pattern: /^[A-Za-z0-9_-]{1,90}$/, message: "must be a workspace name" }),
      hostname: optional(hostname),
    }),
  },
  'must be "s3" or "cloud"',
);

const networkSchema = rule(
  object({
    vpcId: optional(f.vpcId),
    /** At least two, in distinct availability zones: the cluster and the worker pools use them. */
    privateSubnetIds: optional(list(f.subnetId)),
    /** For the edge load balancer. */
    publicSubnetIds: optional(list(f.subnetId)),
    /** Read the network from an existing Terraform stack's state instead. */
    remoteState: optional(
      object({
        source: remoteStateSource,
        /** Names of that stack's outputs. */
        outputs: object({
          vpcId: string({ min: 1 }),
          privateSubnetIds: string({ min: 1 }),
          publicSubnetIds: optional(string({ min: 1 })),
        }),
      }),
    ),
  }),
  (n, add) => {
    const direct = n.vpcId !== undefined || n.privateSubnetIds !== undefined || n.publicSubnetIds !== undefined;
    if (direct && n.remoteState) {
      add(["remoteState"], "give either vpcId and subnet ids, or remoteState, not both");
    } else if (!n.remoteState) {
      if (!n.vpcId) add(["vpcId"], "is required unless the network comes from remoteState");
      if (!n.privateSubnetIds) add(["privateSubnetIds"], "is required unless the network comes from remoteState");
    }
    for (const key of ["privateSubnetIds", "publicSubnetIds"] as const) {
      const ids = n[key];
      if (!ids) continue;
      if (ids.length < 2) add([key], `needs at least two subnets in distinct availability zones; got ${ids.length}`);
      const dup = ids.find((id, i) => ids.indexOf(id) !== i);
      if (dup) add([key], `lists ${dup} twice`);
    }
  },
);

const accessEntrySchema = object({
  principalArn: f.iamPrincipalArn,
  /** Kubernetes groups for RBAC bindings of your own. */
  kubernetesGroups: optional(list(f.kubernetesGroup)),
  /** EKS access policies, cluster-wide or limited to namespaces. */
  policies: optional(
    list(
      object({
        policy: oneOf(EKS_ACCESS_POLICIES),
        /** Default: cluster-wide. */
        namespaces: optional(list(f.dnsName(63), { min: 1, minMessage: "list at least one namespace, or leave it out for cluster scope" })),
      }),
    ),
  ),
});

const addonVersion = object({
  /** Default: the version EKS marks as default for the cluster's Kubernetes version. */
  version: optional(string({ pattern: /^v\d+\.\d+\.\d+-eksbuild\.\d+$/, message: "must be an EKS add-on version such as v1.19.2-eksbuild.1" })),
});

const clusterSchema = object({
  /** EKS cluster name; every AWS name of the cluster derives from it. */
  name: f.dnsName(100),
  version: oneOf(KUBERNETES_VERSIONS, `must be one of ${KUBERNETES_VERSIONS.join(", ")} (the versions EKS supports in standard support)`),
  /** Default STANDARD: no silent move to paid extended support. */
  supportType: optional(oneOf(["STANDARD", "EXTENDED"])),
  endpoint: optional(
    object({
      /** Always true: nodes and in-VPC tooling reach the API privately. */
      privateAccess: optional(literal(true, "must stay true: nodes reach the API server through the private endpoint")),
      /** Default false. */
      publicAccess: optional(boolean()),
      /** Required when publicAccess is true; 0.0.0.0/0 is refused. */
      publicAccessCidrs: optional(list(f.cidr)),
      /** Networks (VPN, CI agents) admitted to the private endpoint on 443. Default none. */
      privateAccessCidrs: optional(list(f.cidr)),
    }),
  ),
  /** Default 172.20.0.0/16. */
  serviceCidr: optional(f.cidr),
  /** Default api, audit, authenticator. */
  logTypes: optional(list(oneOf(CLUSTER_LOG_TYPES))),
  /** Default 90. */
  logRetentionDays: optional(oneOf(LOG_RETENTION_DAYS, `must be one of ${LOG_RETENTION_DAYS.join(", ")}`)),
  secretsEncryption: optional(
    object({
      /** Bring your own key. Default: a key created for this cluster, with rotation. */
      kmsKeyArn: optional(f.kmsKeyArn),
      /** Default 30. */
      deletionWindowDays: optional(f.intBetween(7, 30)),
    }),
  ),
  /** Access entries besides the admin role, which always gets cluster-admin. */
  accessEntries: optional(list(accessEntrySchema)),
  /** EKS managed add-ons (versions and settings); Helm releases are the top-level `addons`. */
  managedAddons: optional(
    object({
      vpcCni: optional(
        object({
          version: addonVersion.shape.version,
          /**
           * Give each node's interfaces /28 prefixes instead of single addresses, so a node can
           * run far more pods (set the pools' kubelet.maxPods, up to 110 below 30 vCPUs). Needs
           * Nitro instances and subnets with free contiguous /28 blocks. Default false.
           */
          prefixDelegation: optional(boolean()),
        }),
      ),
      kubeProxy: optional(addonVersion),
      coredns: optional(addonVersion),
      podIdentityAgent: optional(addonVersion),
      ebsCsiDriver: optional(addonVersion),
    } satisfies Record<ManagedAddonKey, unknown>),
  ),
}, { renamed: { addons: "managedAddons" } });

const edgeSchema = object({
  /** Default internet-facing (in the public subnets). */
  scheme: optional(oneOf(["internet-facing", "internal"])),
  /** TCP listeners and the node ports they forward to. Default 80 -> 8000, 443 -> 8443. */
  listeners: optional(
    list(
      object({
        port: f.intBetween(1, 65535),
        targetPort: f.intBetween(1024, 65535, "must be 1024-65535 (an unprivileged host port)"),
      }),
      { min: 1, minMessage: "needs at least one listener" },
    ),
  ),
  /** Who may connect to the load balancer. Default 0.0.0.0/0 (it is the public entry point). */
  allowedCidrs: optional(list(f.cidr, { min: 1 })),
  /**
   * Host port of Traefik's ping endpoint on edge nodes, which the load balancer health-checks over
   * HTTP (a terminating Traefik fails it before it stops accepting). Default 8080.
   */
  healthCheckPort: optional(f.intBetween(1024, 65535, "must be 1024-65535 (an unprivileged host port)")),
});

export const environmentInputSchema = object({
  /** Environment name: stack names are `<name>-access`, `<name>-cluster`, `<name>-addons`. */
  name: f.dnsName(24),
  account: f.accountId,
  region: f.region,
  state: stateSchema,
  /** The admin role that creates and administers the cluster, and the IAM group allowed to assume it. */
  adminRole: optional(
    object({
      /** Default `<cluster>-eks-admin`. */
      roleName: optional(f.iamName),
      /** Default `<cluster>-eks-admins`. */
      groupName: optional(string({ pattern: /^[\w+=,.@-]{1,128}$/, message: "must be an IAM group name" })),
      /** IAM user names added to the group. Default none: membership is managed elsewhere. */
      members: optional(list(string({ pattern: /^[\w+=,.@-]{1,64}$/, message: "must be an IAM user name" }))),
      /** Default true: people assuming the admin role need MFA. */
      requireMfa: optional(boolean()),
      /**
       * Roles of automation that cannot do MFA (a Terraform Cloud dynamic-credentials role, a CI
       * runner) trusted to assume the admin role without it. Default none.
       */
      automationRoleArns: optional(list(f.iamPrincipalArn)),
      /** Default 3600 (one hour). */
      maxSessionDurationSeconds: optional(f.intBetween(3600, 43200)),
    }),
  ),
  network: networkSchema,
  cluster: clusterSchema,
  workerPools: list(workerPoolInputSchema, { min: 1, minMessage: "needs at least one pool (a system pool runs the drainer and autoscaler)" }),
  /** The edge load balancer, used when a pool of class edge exists. */
  edge: optional(edgeSchema),
  drainer: optional(
    object({
      /**
       * Default pod-identity: a role EKS Pod Identity gives only to the drainer's service account.
       * `node`: the system nodes' role (the seed design), which any pod on their host network can read.
       */
      identity: optional(oneOf(["pod-identity", "node"])),
      /**
       * Where the drain queue's CloudWatch alarms (dead-letter queue not empty, oldest message too
       * old) notify: "create" makes an SNS topic in the cluster stack (output drain_alarm_topic_arn),
       * an SNS topic ARN in the environment's region uses yours. Default "none": alarms only.
       */
      alarmTopic: optional(f.alarmTopic),
    }),
  ),
  addons: optional(addonsInputSchema),
  /** Deployment pipeline (GitHub Actions roles). Default none. */
  ci: optional(ciInputSchema),
  /** A weighted Route 53 cut-over from an old cluster to this one: the `<env>-traffic` stack. Default none. */
  traffic: optional(trafficInputSchema),
  /** Added to every resource through the providers' default tags. */
  tags: optional(f.tags),
}, { renamed: { access: "adminRole" } });

export type EnvironmentInput = Infer<typeof environmentInputSchema>;
