/**
 * Helm and Kubernetes providers for one cluster, configured from the cluster stack's outputs.
 * Authentication runs `aws eks get-token` as the admin role on every plan and apply: whoever runs
 * Terraform acts as that role, never as themselves, and no token is ever stored in state.
 */
import { Fn } from "cdktf";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import type { EnvironmentStack } from "./environment-stack";

export interface ClusterConnection {
  clusterName: string;
  region: string;
  /** API server URL (cluster stack output). */
  endpoint: string;
  /** Base64 CA certificate (cluster stack output). */
  certificateAuthority: string;
  /** Role to act as (access stack output). */
  adminRoleArn: string;
}

export function kubernetesProviders(stack: EnvironmentStack, c: ClusterConnection): { helm: HelmProvider; kubernetes: KubernetesProvider } {
  const exec = {
    apiVersion: "client.authentication.k8s.io/v1beta1",
    command: "aws",
    args: ["eks", "get-token", "--cluster-name", c.clusterName, "--region", c.region, "--role-arn", c.adminRoleArn],
  };
  const host = c.endpoint;
  const clusterCaCertificate = Fn.base64decode(c.certificateAuthority);
  return {
    helm: new HelmProvider(stack, "helm", { kubernetes: { host, clusterCaCertificate, exec } }),
    kubernetes: new KubernetesProvider(stack, "kubernetes", { host, clusterCaCertificate, exec: [exec] }),
  };
}
