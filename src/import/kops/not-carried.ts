/**
 * The kops fields this import knows and does not carry, each with the reason the report gives.
 * Keys are field paths with list positions written `[]`; `a.b.*` covers every field directly
 * under `a.b` that the mappers did not carry. A field in neither the mappers nor this table is
 * unknown: it is reported as a warning naming its document and path. `null`: not configuration
 * (metadata), read silently.
 */
import type { Path } from "../../config/errors";
import type { FieldReader } from "./ledger";

export type Catalogue = Readonly<Record<string, string | null>>;

const CONTROL_PLANE = "control-plane setting: EKS runs and configures the control plane";
const KOPS_STATE = "kops's own state store; this project keeps Terraform state instead";
const IAM_STACK = "IAM is the access stack's: every role and policy is made there";
const POD_IDENTITY = "workloads get AWS permissions through EKS Pod Identity roles of their own (see docs/kops-migration.md)";
const NO_SSH = "nodes have no SSH key and no SSH ingress: use kubectl debug node/<name>, or SSM Session Manager through a pool's iamPolicyArns";
const NODE_FILES = "nothing is copied or run on nodes besides the pool's extraShellScripts: move it to a shell script there, or to a DaemonSet";
const CHART_SETTINGS = "our add-on runs with its own settings; pass chart values under addons.<add-on>.values if you need one";
const VPC_REUSED = "the VPC and its subnets are reused as they are; their addressing and routes stay with whoever manages them";

const METADATA: Catalogue = {
  apiVersion: null,
  kind: null,
  "metadata.name": null,
  "metadata.creationTimestamp": null,
  "metadata.labels": null,
  "metadata.annotations": null,
  "metadata.generation": null,
  "metadata.uid": null,
  "metadata.resourceVersion": null,
};

export const CLUSTER_FIELDS: Catalogue = {
  ...METADATA,
  "spec.channel": "kops add-on channel: EKS versions and managed add-ons take its place",
  "spec.addons": "kops add-on channels: add-ons here are the environment's addons",
  "spec.configBase": KOPS_STATE,
  "spec.configStore": KOPS_STATE,
  "spec.secretStore": KOPS_STATE,
  "spec.keyStore": KOPS_STATE,
  "spec.cloudProvider": "EKS runs on AWS; nothing to choose",
  "spec.cloudConfig": "the AWS cloud provider's configuration is EKS's",
  "spec.masterPublicName": "the EKS endpoint has a DNS name of its own: point kubeconfigs at it (aws eks update-kubeconfig)",
  "spec.masterInternalName": "the EKS endpoint has a DNS name of its own",
  "spec.additionalSANs": "EKS issues the API server's certificate",
  "spec.networkCIDR": VPC_REUSED,
  "spec.additionalNetworkCIDRs": VPC_REUSED,
  "spec.subnets[].cidr": VPC_REUSED,
  "spec.subnets[].ipv6CIDR": VPC_REUSED,
  "spec.subnets[].egress": VPC_REUSED,
  "spec.subnets[].publicIP": VPC_REUSED,
  "spec.subnets[].additionalRoutes": VPC_REUSED,
  "spec.subnets[].region": VPC_REUSED,
  "spec.topology.dns": "no Route 53 records for the API: EKS publishes its endpoint",
  "spec.topology.bastion": "no bastions: use kubectl debug or SSM Session Manager",
  "spec.topology.*": "topology follows from the subnets (private and utility) and the API's load balancer type",
  "spec.dnsZone": "no Route 53 records for the API: EKS publishes its endpoint (external-dns takes its zones from addons.externalDns.hostedZoneIds)",
  "spec.dnsControllerGossipConfig": "kops gossip DNS: an EKS cluster needs none",
  "spec.gossipConfig": "kops gossip DNS: an EKS cluster needs none",
  "spec.clusterDNSDomain": "EKS clusters use cluster.local",
  "spec.podCIDR": "the VPC CNI gives pods addresses from the VPC's subnets; there is no pod overlay range",
  "spec.nonMasqueradeCIDR": "the VPC CNI gives pods addresses from the VPC's subnets; there is no pod overlay range",
  "spec.sshAccess": NO_SSH,
  "spec.sshKeyName": NO_SSH,
  "spec.sshKeyNames": NO_SSH,
  "spec.nodePortAccess": "node ports are not opened to other networks: expose services through the edge load balancer",
  "spec.egressProxy": "no proxy settings: set them in a pool's extraShellScripts if the nodes need one",
  "spec.isolateMasters": CONTROL_PLANE,
  "spec.isolateControlPlane": CONTROL_PLANE,
  "spec.updatePolicy": "node OS updates come with new AMIs, rolled by instance refresh",
  "spec.externalPolicies": `node-role permissions are not carried: ${POD_IDENTITY}; a policy nodes still need goes in a pool's iamPolicyArns`,
  "spec.additionalPolicies": `node-role permissions are not carried: ${POD_IDENTITY}; a policy nodes still need goes in a pool's iamPolicyArns`,
  "spec.fileAssets": NODE_FILES,
  "spec.hooks": NODE_FILES,
  "spec.etcdClusters": "EKS runs and backs up etcd",
  "spec.containerd": "the EKS AMIs configure containerd",
  "spec.docker": "the EKS AMIs run containerd, not Docker",
  "spec.containerRuntime": "the EKS AMIs run containerd",
  "spec.kubeDNS": "CoreDNS is an EKS managed add-on",
  "spec.kubeAPIServer": CONTROL_PLANE,
  "spec.kubeControllerManager": CONTROL_PLANE,
  "spec.kubeScheduler": CONTROL_PLANE,
  "spec.cloudControllerManager": CONTROL_PLANE,
  "spec.externalCloudControllerManager": CONTROL_PLANE,
  "spec.masterKubelet": CONTROL_PLANE,
  "spec.controlPlaneKubelet": CONTROL_PLANE,
  "spec.kubeProxy": "kube-proxy is an EKS managed add-on",
  "spec.kubelet.*": "kubelet setting this project does not expose: the EKS AMI's defaults apply (anonymous auth is off, webhook authorization is on)",
  "spec.ntp": "the EKS AMIs use the Amazon Time Sync Service",
  "spec.networking": "EKS runs the Amazon VPC CNI (a managed add-on) instead of kops's network plugin",
  "spec.api.dns": "the API is reached through the EKS endpoint",
  "spec.api.loadBalancer.*": "the API's load balancer is EKS's: only its type (public or internal) is carried, into the endpoint settings",
  "spec.api.publicName": "the EKS endpoint has a DNS name of its own: point kubeconfigs at it (aws eks update-kubeconfig)",
  "spec.api.additionalSANs": "EKS issues the API server's certificate",
  "spec.api.access": "the API's access list is kubernetesApiAccess",
  "spec.authentication.aws.*": "EKS access entries replace aws-iam-authenticator; only its identity mappings are carried",
  "spec.authentication.aws.identityMappings[].username": "EKS names the user after the IAM principal (a role session's name); bind RBAC to the entry's groups instead",
  "spec.authentication.oidc": "OIDC sign-in for people is an EKS identity provider configuration, which this project does not manage",
  "spec.authentication.kopeio": "kopeio authentication does not exist on EKS",
  "spec.authorization": "EKS authorizes with RBAC (and the Node authorizer)",
  "spec.nodeAuthorization": "EKS authorizes nodes with the Node authorizer",
  "spec.assets": "kops asset mirrors: images come from ECR and the add-ons' chart repositories",
  "spec.iam.*": IAM_STACK,
  "spec.iam.permissionsBoundary": `${IAM_STACK}; every cluster role carries this project's own permissions boundary`,
  "spec.iam.useServiceAccountExternalPermissions": POD_IDENTITY,
  "spec.iam.serviceAccountExternalPermissions": POD_IDENTITY,
  "spec.serviceAccountIssuerDiscovery": `EKS has an OIDC issuer of its own; ${POD_IDENTITY}`,
  "spec.serviceOIDCProvider": `EKS has an OIDC issuer of its own; ${POD_IDENTITY}`,
  "spec.podIdentityWebhook": "EKS Pod Identity needs no webhook",
  "spec.encryptionConfig": "Kubernetes secrets are always envelope-encrypted with a KMS key here",
  "spec.disableSubnetTags": "this project tags nothing in your subnets",
  "spec.useHostCertificates": "not carried: the EKS AMIs trust the system certificate store",
  "spec.sysctlParameters": "no sysctl settings: set them in a pool's extraShellScripts",
  "spec.rollingUpdate": "pools roll with an Auto Scaling instance refresh (instanceRefresh.minHealthyPercentage, default 90)",
  "spec.clusterAutoscaler.*": CHART_SETTINGS,
  "spec.metricsServer.*": CHART_SETTINGS,
  "spec.certManager.*": CHART_SETTINGS,
  "spec.externalDns.*": CHART_SETTINGS,
  "spec.nodeTerminationHandler.*": "the drainer runs in queue-processor mode with this cluster's own queue, drain tag and lifecycle hooks",
  "spec.nodeProblemDetector": "not installed by this project: run it as a workload if you need it",
  "spec.awsLoadBalancerController": "not installed by this project: the edge load balancer is Terraform's; install the controller yourself if Services of type LoadBalancer need it",
  "spec.snapshotController": "not installed by this project: the EBS CSI driver comes with the default StorageClass (addons.clusterObjects.defaultStorageClass)",
  "spec.karpenter": "Karpenter is not supported yet: its instance groups are not carried",
  "spec.warmPool": "warm pools are not supported",
  "spec.target": "kops's own Terraform output settings",
};

export const INSTANCE_GROUP_FIELDS: Catalogue = {
  ...METADATA,
  "spec.image": "pools run the EKS-optimized AL2023 AMI (or Bottlerocket, amiFamily): Ubuntu, CoreOS and Flatcar images are not carried",
  "spec.associatePublicIp": "nodes get no public addresses: they reach the internet through the subnets' routes (a NAT gateway)",
  "spec.securityGroupOverride": "nodes use this cluster's node security group",
  "spec.suspendProcesses": "Auto Scaling processes stay on: instance refresh and AZ rebalancing drain nodes through the lifecycle hook",
  "spec.cpuCredits": "T-family credit mode is not set (the AWS default applies)",
  "spec.volumes": "pools have a root volume only: give workloads EBS persistent volumes (the default StorageClass) instead",
  "spec.volumeMounts": "pools have a root volume only: give workloads EBS persistent volumes (the default StorageClass) instead",
  "spec.packages": "no packages installed at boot: install them in an extraShellScripts entry (dnf on AL2023), or bake them into your images",
  "spec.hooks": NODE_FILES,
  "spec.fileAssets": NODE_FILES,
  "spec.instanceMetadata.httpTokens": "IMDSv2 is always required",
  "spec.instanceProtection": "scale-in protection would keep cluster-autoscaler and instance refresh from removing nodes",
  "spec.iam": `each pool gets its own node role from the access stack; ${POD_IDENTITY}`,
  "spec.maxPrice": "spot instances pay the current spot price, never more than on-demand",
  "spec.rootVolumeDeleteOnTermination": "root volumes are always deleted with their instance",
  "spec.rootVolumeOptimization": "the launch template does not set EBS optimization (current instance types are EBS-optimized)",
  "spec.rootVolumeEncryption": "root volumes are always encrypted",
  "spec.externalLoadBalancers": "the old load balancer stays with the kops cluster (the old target of a traffic cut-over); an edge pool registers in this cluster's own network load balancer",
  "spec.targetGroups": "the old target groups stay with the kops cluster; an edge pool registers in this cluster's own network load balancer",
  "spec.rollingUpdate": "pools roll with an Auto Scaling instance refresh (instanceRefresh.minHealthyPercentage, default 90)",
  "spec.cloudLabels": "pools take no tags of their own: environment tags (tags) reach every resource, and the autoscaler's node-template tags are made from labels and taints",
  "spec.mixedInstancesPolicy.spotInstancePools": "only applies to the lowest-price strategy; price-capacity-optimized chooses pools itself",
  "spec.mixedInstancesPolicy.instanceRequirements": "attribute-based instance selection is not supported: list the instance types",
  "spec.mixedInstancesPolicy.onDemandAllocationStrategy": "on-demand capacity follows the order of the instance types",
  "spec.kubelet.*": "kubelet setting this project does not expose: the EKS AMI's defaults apply",
  "spec.warmPool": "warm pools are not supported",
  "spec.tenancy": "instances use default tenancy",
  "spec.compressUserData": "user-data is rendered by this project",
  "spec.sysctlParameters": "no sysctl settings: set them in the pool's extraShellScripts",
  "spec.zones": "pools take subnets, not zones",
  "spec.detailedInstanceMonitoring": "detailed monitoring is always on",
  "spec.instanceInterruptionBehavior": "spot instances are terminated on interruption (after the drainer has drained them)",
  "spec.capacityReservationPreference": "capacity reservations are not used",
  "spec.manager": null,
  "spec.role": null,
  "spec.additionalUserData[].name": null,
  "spec.additionalUserData[].type": null,
  "spec.containerd": "the EKS AMIs configure containerd",
  "spec.updatePolicy": "node OS updates come with new AMIs, rolled by instance refresh",
};

/** `spec.subnets[].egress` for `["spec", "subnets", 0, "egress"]`. */
export function catalogueKey(path: Path): string {
  return path.map((s) => (typeof s === "number" ? "[]" : s)).join(".").replace(/\.\[\]/g, "[]");
}

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => typeof v === "object" && v !== null;
const isEmpty = (v: unknown) => v === null || v === undefined || (isContainer(v) && Object.keys(v).length === 0);

/**
 * Accounts for every field of the document the mappers left alone: each one is dropped with the
 * catalogue's reason, or reported as unknown. Empty values (`iam: {}`) set nothing and are skipped.
 */
export function sweepDocument(reader: FieldReader, catalogue: Catalogue): void {
  const { doc, ledger } = reader;
  const visit = (path: Path, value: unknown): void => {
    if (path.length > 0 && ledger.isAccounted(doc, path)) return;
    if (path.length > 0) {
      const k = catalogueKey(path);
      const parent = catalogueKey(path.slice(0, -1));
      const wildcard = typeof path[path.length - 1] === "string" ? catalogue[`${parent}.*`] : undefined;
      const reason = k in catalogue ? catalogue[k] : wildcard;
      if (reason === null) return ledger.read(doc, path);
      if (reason !== undefined && !ledger.hasEntriesBelow(doc, path)) {
        if (!isEmpty(value)) ledger.drop(doc, path, value, reason);
        return;
      }
    }
    if (isContainer(value) && !isEmpty(value)) {
      for (const [k, v] of Object.entries(value)) visit([...path, Array.isArray(value) ? Number(k) : k], v);
      return;
    }
    if (isEmpty(value)) return;
    ledger.warnUnknown(doc, path, value);
  };
  visit([], reader.doc.body);
}
