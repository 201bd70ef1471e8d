/**
 * cluster-autoscaler: discovers this cluster's groups by their tags, balances similar groups, and
 * prefers the spot-heavy general pools (priority expander, least-waste among equals). Its write
 * actions are limited to groups carrying this cluster's autoscaler tag.
 */
import { names } from "../naming/names";
import { SERVICE_ACCOUNTS } from "../config/service-accounts";
import { policy } from "../iam/policy-document";
import type { HelmAddon } from "./addon";
import { placementOwned, serviceAccountOwned } from "./owned-values";
import { placementOn } from "./placement";

/**
 * The autoscaler's minor version should match the cluster's. Image tags per Kubernetes version,
 * from the autoscaler's release list (as mapped by aws-ia/terraform-aws-eks-blueprints-addons#516).
 */
export const AUTOSCALER_IMAGE_TAGS: Record<string, string> = {
  "1.33": "v1.33.5",
  "1.34": "v1.34.4",
  "1.35": "v1.35.1",
};

/** The tags auto-discovery matches; the ASGs carry both (src/naming/worker-pool-tags.ts). */
export const autoDiscoveryTags = (cluster: string) => ["k8s.io/cluster-autoscaler/enabled", names.autoscalerClusterTag(cluster)];

export const clusterAutoscaler: HelmAddon = {
  key: "clusterAutoscaler",
  release: "cluster-autoscaler",
  namespace: SERVICE_ACCOUNTS.clusterAutoscaler.namespace,
  chart: { repository: "https://kubernetes.github.io/autoscaler", chart: "cluster-autoscaler", version: "9.59.0" },
  // Documented in values.yaml as "Additional container arguments" and "the priority config map".
  openPaths: ["extraArgs", "expanderPriorities"],
  owned: () => [
    { path: ["cloudProvider"], reason: "the autoscaler scales this cluster's Auto Scaling groups" },
    { path: ["awsRegion"], reason: "it is the environment's region" },
    { path: ["autoDiscovery"], reason: "the autoscaler finds this cluster's groups, and only those, by the tags every pool's group carries" },
    { path: ["autoscalingGroups"], reason: "groups are discovered by tag; add a worker pool instead" },
    { path: ["image", "tag"], reason: "the autoscaler's version follows cluster.version" },
    { path: ["extraArgs", "expander"], reason: "the priority,least-waste expander scales the spot-heavy general pools first" },
    { path: ["expanderPriorities"], reason: "the priorities follow the pools' classes" },
    ...serviceAccountOwned(["rbac", "serviceAccount"]),
    ...placementOwned(),
  ],
  iam: (env) =>
    env.addons.clusterAutoscaler.enabled
      ? {
          component: "cluster-autoscaler",
          serviceAccount: SERVICE_ACCOUNTS.clusterAutoscaler,
          permissions: (e, arns) =>
            policy(
              {
                Sid: "Discover",
                Effect: "Allow",
                Action: [
                  "autoscaling:DescribeAutoScalingGroups",
                  "autoscaling:DescribeAutoScalingInstances",
                  "autoscaling:DescribeLaunchConfigurations",
                  "autoscaling:DescribeScalingActivities",
                  "autoscaling:DescribeTags",
                  "ec2:DescribeImages",
                  "ec2:DescribeInstanceTypes",
                  "ec2:DescribeLaunchTemplateVersions",
                  "ec2:GetInstanceTypesFromInstanceRequirements",
                ],
                Resource: "*",
              },
              {
                Sid: "ScaleOnlyThisClustersGroups",
                Effect: "Allow",
                Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
                Resource: arns.autoScalingGroups,
                Condition: { StringEquals: { [`autoscaling:ResourceTag/${names.autoscalerClusterTag(e.cluster.name)}`]: "owned" } },
              },
            ),
        }
      : undefined,
  values: (env) => {
    const c = env.cluster.name;
    const general = env.workerPools.filter((p) => p.class === "general").map((p) => `^${names.autoScalingGroup(c, p.name)}$`);
    return {
      cloudProvider: "aws",
      awsRegion: env.region,
      autoDiscovery: { clusterName: c, tags: autoDiscoveryTags(c) },
      image: { tag: AUTOSCALER_IMAGE_TAGS[env.cluster.version] },
      extraArgs: {
        logtostderr: true,
        stderrthreshold: "info",
        v: 4,
        expander: "priority,least-waste",
        "balance-similar-node-groups": true,
        "skip-nodes-with-local-storage": false,
      },
      // Higher wins: scale the spot-heavy general pools first, anything else after.
      expanderPriorities: general.length > 0 ? { 50: general, 10: [".*"] } : { 10: [".*"] },
      rbac: {
        serviceAccount: { create: true, name: SERVICE_ACCOUNTS.clusterAutoscaler.name },
      },
      ...placementOn(env, "system"),
      resources: { requests: { cpu: "100m", memory: "300Mi" }, limits: { memory: "600Mi" } },
    };
  },
};
