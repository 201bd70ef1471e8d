/**
 * One worker pool as a person writes it: a self-managed Auto Scaling Group with its own launch
 * template and IAM role. Split like the environment's files: this schema checks each field;
 * `worker-pool.ts` applies the class preset and the defaults (`resolvePool`); `rules/worker-pool.ts`
 * reports what is valid field by field but wrong as a whole, on the resolved pool.
 */
import * as f from "./formats";
import { POOL_CLASSES } from "./pool-presets";
import { boolean, list, number, object, oneOf, optional, record, string, stringOrObject, type Infer } from "./schema-kit";

export type { PoolClass } from "./pool-presets";

export const SPOT_ALLOCATION_STRATEGIES = [
  "price-capacity-optimized",
  "capacity-optimized",
  "capacity-optimized-prioritized",
  "lowest-price",
] as const;

/** Seconds a lifecycle hook must outlast the drain, for the drainer's own API calls. */
export const HOOK_MARGIN_SECONDS = 60;
/** The default hook heartbeat is the drain timeout plus this. */
export const DEFAULT_HOOK_EXTRA_SECONDS = 120;

const reserved = object({
  cpu: optional(f.quantity),
  memory: optional(f.quantity),
  "ephemeral-storage": optional(f.quantity),
  pid: optional(string({ pattern: /^\d+$/, message: "must be a whole number of process ids" })),
});

const evictionHard = object({
  "memory.available": optional(f.quantity),
  "nodefs.available": optional(f.quantity),
  "nodefs.inodesFree": optional(f.quantity),
  "imagefs.available": optional(f.quantity),
  "imagefs.inodesFree": optional(f.quantity),
  "pid.available": optional(f.quantity),
});

const instanceTypeEntry = stringOrObject(f.instanceType, object({ type: f.instanceType, weight: optional(f.intBetween(1, 999)) }));

export const workerPoolInputSchema = object({
  /** Pool name, unique in the environment; part of the ASG, launch template and role names. */
  name: f.dnsName(24),
  /** Preset the defaults come from. */
  class: oneOf(POOL_CLASSES),
  /** Default `al2023`. Amazon Linux 2 is end of life for EKS and not offered. */
  amiFamily: optional(oneOf(["al2023", "bottlerocket"])),
  /** Default: the architecture of the instance types (all must agree), else `x86_64`. */
  architecture: optional(oneOf(["x86_64", "arm64"])),
  /** Default: the EKS-recommended AMI from its public SSM parameter for the cluster version. */
  amiId: optional(f.amiId),
  /** Default: the class preset. Strings, or `{ type, weight }` for weighted capacity. */
  instanceTypes: optional(list(instanceTypeEntry, { min: 1, minMessage: "must list at least one instance type" })),
  minSize: optional(f.nonNegativeInt),
  maxSize: optional(number({ int: true, min: 0, max: 1000 })),
  /** Initial desired capacity; ignored after creation (the cluster autoscaler owns it). Default minSize. */
  desiredSize: optional(f.nonNegativeInt),
  /** Default: system and edge follow minSize; general 0. */
  onDemandBaseCapacity: optional(f.nonNegativeInt),
  /** Default: system and edge 100; general 0. */
  onDemandPercentageAboveBase: optional(f.percentage),
  /** Default `price-capacity-optimized`. */
  spotAllocationStrategy: optional(oneOf(SPOT_ALLOCATION_STRATEGIES)),
  /** Default true: replace spot nodes proactively on rebalance recommendations. */
  capacityRebalance: optional(boolean()),
  /** Default: the cluster's private subnets. */
  subnetIds: optional(list(f.subnetId, { min: 1, minMessage: "must list at least one subnet" })),
  /** Merged over the class labels. */
  labels: optional(record(string())),
  /** `key=value:Effect`. Replaces the class taints when given. */
  taints: optional(list(string())),
  kubelet: optional(
    object({
      /** Default: nodeadm / Bottlerocket compute it from the instance type. */
      maxPods: optional(f.intBetween(1, 737)),
      /** Merged over the class defaults. */
      kubeReserved: optional(reserved),
      systemReserved: optional(reserved),
      /** Default: the kubelet's own thresholds; signals not given keep their kubelet default. */
      evictionHard: optional(evictionHard),
    }),
  ),
  rootVolume: optional(
    object({
      /** Default: class preset (50 or 100 GiB). */
      sizeGiB: optional(f.intBetween(20, 16384)),
      /** Default gp3. */
      type: optional(oneOf(["gp3", "gp2", "io1", "io2"])),
      iops: optional(number({ int: true, min: 100, max: 256000 })),
      /** MiB/s, gp3 only. */
      throughput: optional(f.intBetween(125, 2000)),
      /** Default: the account's default EBS key. */
      kmsKeyArn: optional(f.kmsKeyArn),
    }),
  ),
  /** Added to the node security group. */
  securityGroupIds: optional(list(f.securityGroupId)),
  /** Attached to the node role besides the worker, CNI and ECR-pull policies. */
  iamPolicyArns: optional(list(f.iamPolicyArn)),
  /** Shell scripts run before the node joins (AL2023 only), in the order given. */
  extraShellScripts: optional(list(string({ min: 1 }))),
  /** Seconds the drainer gets to empty a node. Default 300. */
  drainTimeoutSeconds: optional(f.intBetween(30, 3600)),
  /** Lifecycle hook heartbeat. Default drainTimeoutSeconds + 120; at least drainTimeoutSeconds + 60. */
  hookHeartbeatSeconds: optional(f.intBetween(30, 7200)),
  /** IMDSv2 hop limit. Default 1: pods cannot reach the node's credentials. */
  metadataHopLimit: optional(f.intBetween(1, 64)),
  /** Rolling replacement when the launch template changes. */
  instanceRefresh: optional(
    object({
      /** Default 90. */
      minHealthyPercentage: optional(f.percentage),
      /** Default 180. */
      warmupSeconds: optional(f.nonNegativeInt),
    }),
  ),
});

export type WorkerPoolInput = Infer<typeof workerPoolInputSchema>;
