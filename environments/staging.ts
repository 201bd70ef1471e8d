/**
 * Staging: state in S3 with S3-native locking, the network read from the state of the existing
 * network stack, a public endpoint limited to the office and VPN ranges.
 */
import { defineEnvironment } from "../src/config/environment";
import { ADDON_VERSIONS_1_34, pinnedManagedAddons } from "./_addon-versions";

export default defineEnvironment({
  name: "staging",
  account: "123456789012",
  region: "eu-west-1",
  state: {
    backend: "s3",
    bucket: "acme-terraform-state",
    keyPrefix: "platform/eks/staging",
  },
  network: {
    remoteState: {
      source: { backend: "s3", bucket: "acme-terraform-state", key: "network/staging.tfstate", region: "eu-west-1" },
      outputs: { vpcId: "vpc_id", privateSubnetIds: "private_subnet_ids", publicSubnetIds: "public_subnet_ids" },
    },
  },
  cluster: {
    name: "acme-staging",
    version: "1.34",
    endpoint: {
      publicAccess: true,
      publicAccessCidrs: ["203.0.113.0/24", "198.51.100.16/28"],
    },
    logRetentionDays: 30,
    managedAddons: pinnedManagedAddons(ADDON_VERSIONS_1_34),
    accessEntries: [
      {
        principalArn: "arn:aws:iam::123456789012:role/developers",
        policies: [{ policy: "AmazonEKSEditPolicy", namespaces: ["apps", "jobs"] }],
      },
      {
        // Read-only access for support engineers, through the `view` binding of addons.clusterObjects.
        principalArn: "arn:aws:iam::123456789012:role/support",
        kubernetesGroups: ["acme:viewers"],
      },
    ],
  },
  workerPools: [
    // AMIs pinned (eu-west-1, AL2023 for 1.34): a new image rolls the pool only in a reviewed commit.
    { name: "system", class: "system", amiId: "ami-0c4a1e2b3d5f60718" },
    { name: "edge", class: "edge", minSize: 2, maxSize: 4, amiId: "ami-0c4a1e2b3d5f60718" },
    {
      name: "general",
      class: "general",
      architecture: "arm64",
      amiId: "ami-0e7b9d1c3a5f24806",
      // One size and family kind: cluster-autoscaler models the group on one of its types.
      instanceTypes: ["m7g.xlarge", "m6g.xlarge", "m8g.xlarge", "m7gd.xlarge", "m6gd.xlarge"],
      minSize: 2,
      maxSize: 20,
      extraShellScripts: ["#!/bin/bash\nset -euo pipefail\necho \"node $(hostname) joining ${CLUSTER_NAME:-acme-staging}\" >> /var/log/bootstrap-extra.log\n"],
    },
  ],
  // The drain queue's alarms notify a topic this stack creates (subscribe the team to it).
  drainer: { alarmTopic: "create" },
  addons: {
    externalDns: {
      enabled: true,
      domainFilters: ["staging.acme.example"],
      hostedZoneIds: ["Z0STAGINGACME00000001"],
      // Services move one by one: only those annotated with this cluster's set identifier (its
      // name) are published, each as a weighted record beside the old cluster's.
      weightedRecords: {},
    },
    certManager: { enabled: true, dns01HostedZoneIds: ["Z0STAGINGACME00000001"] },
    // Staging still has Ingresses of class nginx from the old cluster: Traefik serves them as is.
    traefik: { enabled: true, serveIngressNginxClass: true, gatewayApi: true },
    clusterObjects: { defaultStorageClass: true, readOnlyGroups: ["acme:viewers"] },
  },
  // Deployed from GitHub Actions (.github/workflows/): the access stack creates the OIDC provider and
  // the plan and apply roles; applies need the protected GitHub environment "staging".
  ci: { github: { repository: "acme/platform-eks" } },
  // The shop moves over from the kops cluster: 1 in 10 DNS answers name this cluster's edge load
  // balancer (docs/kops-migration.md, "6. The traffic"). Raise the weight one reviewed commit at a time.
  traffic: {
    weight: 10,
    records: [
      {
        name: "shop.acme-staging.example",
        hostedZoneId: "Z0STAGINGSHOP0000001",
        old: {
          setIdentifier: "kops",
          loadBalancer: { dnsName: "kops-staging-ingress-1234567890.eu-west-1.elb.amazonaws.com", hostedZoneId: "Z32O12XQLNTSW2" },
        },
        new: { healthCheck: { protocol: "TCP", port: 443 } },
      },
      {
        name: "api.acme-staging.example",
        hostedZoneId: "Z0STAGINGSHOP0000001",
        old: { setIdentifier: "kops", cname: "api.kops.acme-staging.example", ttl: 60 },
      },
    ],
  },
  tags: { CostCenter: "platform", DataClassification: "internal" },
});
