/**
 * Which tag keys the admin role may write after a resource exists. Ownership and discovery tags
 * (the owner tag, the Kubernetes cluster tag, the autoscaler's and the drainer's) decide which
 * cluster's permissions, autoscaler and drainer act on a resource: they are written by create
 * calls only. Later tag changes may only touch the keys the stacks themselves manage.
 */
import { defaultTags } from "../naming/default-tags";
import type { Environment } from "../config/environment";
import { names, OWNER_TAG_KEY } from "../naming/names";

/** Keys that hand a resource to a cluster; patterns as IAM's StringLike reads them. */
export function protectedTagKeys(cluster: string): string[] {
  return [OWNER_TAG_KEY, "kubernetes.io/cluster/*", "k8s.io/cluster-autoscaler/enabled", names.autoscalerClusterTag(cluster), "aws-node-termination-handler/*"];
}

/** Keys a tag change on an existing resource may contain: the default tags but the owner, Name, and node-template tags. */
export function mutableTagKeys(env: Environment): string[] {
  const defaults = Object.keys(defaultTags(env, "")).filter((k) => k !== OWNER_TAG_KEY);
  return [...defaults, "Name", "k8s.io/cluster-autoscaler/node-template/*"];
}
