/**
 * The customer-managed KMS key for the cluster's Kubernetes secrets and its control-plane log
 * group. Rotation on; the account administers it through IAM, and CloudWatch Logs may use it for
 * this cluster's log group only.
 *
 * It lives in the access stack, created by an account administrator: KMS cannot scope tagging to
 * creation, so a role allowed to create and tag keys could tag, and then administer, any key of
 * the account. The admin role gets only what EKS needs (describe, grants for AWS resources).
 */
import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { names } from "../config/names";
import { clusterArns } from "../iam/cluster-arns";
import { policy, servicePrincipal } from "../iam/policy-document";
import { policyLocal } from "./policy-local";

export interface SecretsKeyProps {
  account: string;
  region: string;
  cluster: string;
  /** Days before a deleted key is gone. */
  deletionWindowDays: number;
}

export class SecretsKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: SecretsKeyProps) {
    super(scope, id);
    const arns = clusterArns(props);
    this.key = new KmsKey(this, "key", {
      description: `EKS ${props.cluster}: Kubernetes secrets and control-plane logs`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowDays,
      policy: policyLocal(
        this,
        "key-policy",
        policy(
          {
            Sid: "AccountAdministersThroughIam",
            Effect: "Allow",
            Principal: { AWS: `arn:${arns.partition}:iam::${props.account}:root` },
            Action: "kms:*",
            Resource: "*",
          },
          {
            Sid: "ClusterLogGroupOnly",
            Effect: "Allow",
            Principal: { Service: servicePrincipal(`logs.${props.region}`, props.region) },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": arns.logGroup } },
          },
        ),
      ),
    });
    // Pinned address: a replaced key makes every secret in etcd unreadable.
    this.key.overrideLogicalId("secrets_key");
    new KmsAlias(this, "alias", { name: names.kmsAlias(props.cluster), targetKeyId: this.key.keyId });
  }

  get arn(): string {
    return this.key.arn;
  }
}
