/**
 * Production: state in Terraform Cloud (one named workspace per stack), a private endpoint only
 * (reached through the VPN range and the Terraform Cloud agents' subnet), one pool on Bottlerocket.
 */
import { defineEnvironment } from "../src/config/environment";
import { ADDON_VERSIONS_1_34, pinnedManagedAddons } from "./_addon-versions";

export default defineEnvironment({
  name: "production",
  account: "210987654321",
  region: "eu-central-1",
  state: {
    backend: "cloud",
    organization: "acme",
    project: "platform",
    // Runs of the cluster and add-ons workspaces on the agents in 10.10.8.0/24 (the private endpoint).
    agentPoolId: "apool-PlatformProd01",
    vcsRepo: { identifier: "acme/eks-platform", branch: "main", githubAppInstallationId: "ghain-AcmePlatform1" },
  },
  adminRole: {
    members: ["alice", "bob"],
    // No automationRoleArns: the access stack creates the workspaces' plan and apply roles (dynamic
    // credentials, one workspace and one run phase each), and the admin role trusts the apply roles.
    maxSessionDurationSeconds: 3600,
  },
  network: {
    vpcId: "vpc-0fedcba9876543210",
    privateSubnetIds: ["subnet-0aaa1111bbbb22221", "subnet-0aaa1111bbbb22222", "subnet-0aaa1111bbbb22223"],
    publicSubnetIds: ["subnet-0ccc3333dddd44441", "subnet-0ccc3333dddd44442", "subnet-0ccc3333dddd44443"],
  },
  cluster: {
    name: "acme-production",
    version: "1.34",
    endpoint: {
      publicAccess: false,
      privateAccessCidrs: ["10.200.0.0/16", "10.10.8.0/24"],
    },
    logTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    logRetentionDays: 365,
    // 110 pods per node on the general pool: more addresses than the interfaces hold one by one.
    managedAddons: pinnedManagedAddons(ADDON_VERSIONS_1_34, { prefixDelegation: true }),
    accessEntries: [
      {
        principalArn: "arn:aws:iam::210987654321:role/sre-oncall",
        policies: [{ policy: "AmazonEKSAdminViewPolicy" }],
      },
      {
        principalArn: "arn:aws:iam::210987654321:role/auditors",
        kubernetesGroups: ["acme:auditors"],
      },
    ],
  },
  workerPools: [
    // AMIs pinned (eu-central-1, for 1.34): a new image rolls the pool only in a reviewed commit.
    { name: "system", class: "system", minSize: 3, maxSize: 5, amiId: "ami-0a9d3f5e7b1c24680" },
    {
      name: "edge",
      class: "edge",
      amiId: "ami-0a9d3f5e7b1c24680",
      minSize: 3,
      maxSize: 9,
      kubelet: { evictionHard: { "memory.available": "200Mi", "nodefs.available": "10%" } },
    },
    {
      name: "general",
      class: "general",
      amiFamily: "bottlerocket",
      amiId: "ami-0b2e4c6d8f0a13579",
      minSize: 3,
      maxSize: 60,
      onDemandBaseCapacity: 2,
      onDemandPercentageAboveBase: 20,
      instanceTypes: ["m7i.2xlarge", "m6i.2xlarge", "m7a.2xlarge", "m6a.2xlarge", "m5.2xlarge"],
      kubelet: { maxPods: 110, evictionHard: { "memory.available": "500Mi" } },
      rootVolume: { sizeGiB: 200, iops: 6000, throughput: 250 },
      drainTimeoutSeconds: 600,
    },
  ],
  // The drain queue's alarms notify the on-call topic the platform team already runs.
  drainer: { alarmTopic: "arn:aws:sns:eu-central-1:210987654321:platform-oncall" },
  addons: {
    externalDns: {
      enabled: true,
      domainFilters: ["acme.example", "api.acme.example"],
      hostedZoneIds: ["Z0PRODACME0000000001", "Z0PRODACME0000000002"],
    },
    certManager: { enabled: true, dns01HostedZoneIds: ["Z0PRODACME0000000001"] },
    traefik: {
      enabled: true,
      gatewayApi: true,
      // Extra chart values, checked against the pinned chart's schema like the generated ones.
      values: { deployment: { terminationGracePeriodSeconds: 90 }, accessLog: { enabled: true, format: "json" } },
    },
    clusterObjects: { defaultStorageClass: true, readOnlyGroups: ["acme:auditors"] },
  },
  tags: { CostCenter: "platform", DataClassification: "confidential" },
});
