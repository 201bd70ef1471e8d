/** AWS managed policies the access stack attaches, by ARN. */
import { partitionOf } from "../naming/partitions";

export function awsManagedPolicies(region: string) {
  const arn = (name: string) => `arn:${partitionOf(region)}:iam::aws:policy/${name}`;
  return {
    clusterPolicy: arn("AmazonEKSClusterPolicy"),
    workerNode: arn("AmazonEKSWorkerNodePolicy"),
    /** Pull-only (2024): narrower than AmazonEC2ContainerRegistryReadOnly. */
    ecrPull: arn("AmazonEC2ContainerRegistryPullOnly"),
  };
}
