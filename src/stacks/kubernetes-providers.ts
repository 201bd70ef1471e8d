/**
 * Helm and Kubernetes providers for one cluster, configured from the cluster stack's outputs.
 * They act as the admin role, never as whoever runs Terraform, and no token is ever stored in a
 * plan or in state:
 *
 * - `token` (default): an ephemeral `aws_eks_cluster_auth` of the stack's own AWS provider, which
 *   assumes the admin role. Ephemeral resources (Terraform 1.10+) are opened anew in every plan
 *   and apply, so an apply approved an hour after its plan still gets a fresh token, and it works
 *   wherever the AWS provider's credentials work (Terraform Cloud's dynamic credentials reach only
 *   providers, not a CLI). The token lives 15 minutes from the start of the run: see
 *   `KUBERNETES_TOKEN_SECONDS` and the release timeout.
 * - `exec`: `aws eks get-token --role-arn` on every call, for teams that run long applies and have
 *   the AWS CLI where Terraform runs.
 */
import { Fn, Token } from "cdktf";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import type { EnvironmentStack } from "./environment-stack";

/** Lifetime of an EKS authentication token (presigned STS GetCallerIdentity URL). */
export const KUBERNETES_TOKEN_SECONDS = 15 * 60;

/** Terraform address of the ephemeral token. */
const TOKEN_RESOURCE = "cluster_auth";

export interface ClusterConnection {
  clusterName: string;
  region: string;
  /** API server URL (cluster stack output). */
  endpoint: string;
  /** Base64 CA certificate (cluster stack output). */
  certificateAuthority: string;
  /** Role to act as (access stack output). */
  adminRoleArn: string;
  auth: "token" | "exec";
}

export function kubernetesProviders(stack: EnvironmentStack, c: ClusterConnection): { helm: HelmProvider; kubernetes: KubernetesProvider } {
  const host = c.endpoint;
  const clusterCaCertificate = Fn.base64decode(c.certificateAuthority);
  if (c.auth === "exec") {
    const exec = {
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", c.clusterName, "--region", c.region, "--role-arn", c.adminRoleArn],
    };
    return {
      helm: new HelmProvider(stack, "helm", { kubernetes: { host, clusterCaCertificate, exec } }),
      kubernetes: new KubernetesProvider(stack, "kubernetes", { host, clusterCaCertificate, exec: [exec] }),
    };
  }
  // CDKTF 0.21 has no construct for ephemeral resources: the block is written into the stack's
  // JSON directly, and the providers reference it by address.
  stack.addOverride(`ephemeral.aws_eks_cluster_auth.${TOKEN_RESOURCE}`, { name: c.clusterName });
  stack.addOverride("terraform.required_version", ">= 1.10.0");
  const token = Token.asString(`\${ephemeral.aws_eks_cluster_auth.${TOKEN_RESOURCE}.token}`);
  return {
    helm: new HelmProvider(stack, "helm", { kubernetes: { host, clusterCaCertificate, token } }),
    kubernetes: new KubernetesProvider(stack, "kubernetes", { host, clusterCaCertificate, token }),
  };
}
