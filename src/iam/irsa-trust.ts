/** Trust policy letting exactly one Kubernetes service account assume a role through the cluster's OIDC provider. */
import { policy, type PolicyDocument } from "./policy-document";

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

export function irsaTrust(oidcProviderArn: string, issuerHost: string, sa: ServiceAccountRef): PolicyDocument {
  return policy({
    Sid: "OneServiceAccount",
    Effect: "Allow",
    Principal: { Federated: oidcProviderArn },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
      StringEquals: {
        [`${issuerHost}:sub`]: `system:serviceaccount:${sa.namespace}:${sa.name}`,
        [`${issuerHost}:aud`]: "sts.amazonaws.com",
      },
    },
  });
}
