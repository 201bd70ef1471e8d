/**
 * The customer-managed KMS keys of a cluster: the key for its Kubernetes secrets and its
 * control-plane log group (`SecretsKey`), and, when the environment brings its own secrets key,
 * a key for the log group alone (`LogsKey`): CloudWatch Logs can only use a key whose key policy
 * admits the Logs service of the region, which a team's key rarely does and which this project
 * cannot check before apply. Rotation on; the account administers them through IAM, and
 * CloudWatch Logs may use them for this cluster's log group only.
 *
 * It lives in the access stack, created by an account administrator: KMS cannot scope tagging to
 * creation, so a role allowed to create and tag keys could tag, and then administer, any key of
 * the account. The admin role gets only what EKS needs (describe, grants for AWS resources).
 */
import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { names } from "../../naming/names";
import { clusterArns } from "../../naming/arns";
import { policy } from "../../iam/policy-document";
import { servicePrincipal } from "../../naming/partitions";
import { policyLocal } from "../shared/policy-local";

export interface ClusterKeyProps {
  account: string;
  region: string;
  cluster: string;
  /** Days before a deleted key is gone. */
  deletionWindowDays: number;
}

/** What a key is for: its description, its alias and its pinned Terraform address. */
interface KeyPurpose {
  description: string;
  alias: string;
  address: string;
}

class ClusterKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: ClusterKeyProps, purpose: KeyPurpose) {
    super(scope, id);
    const arns = clusterArns(props);
    this.key = new KmsKey(this, "key", {
      description: purpose.description,
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
    // Pinned address: a replaced key makes every secret in etcd (or every log event) unreadable.
    this.key.overrideLogicalId(purpose.address);
    new KmsAlias(this, "alias", { name: purpose.alias, targetKeyId: this.key.keyId });
  }

  get arn(): string {
    return this.key.arn;
  }
}

export class SecretsKey extends ClusterKey {
  constructor(scope: Construct, id: string, props: ClusterKeyProps) {
    super(scope, id, props, {
      description: `EKS ${props.cluster}: Kubernetes secrets and control-plane logs`,
      alias: names.kmsAlias(props.cluster),
      address: "secrets_key",
    });
  }
}

export class LogsKey extends ClusterKey {
  constructor(scope: Construct, id: string, props: ClusterKeyProps) {
    super(scope, id, props, {
      description: `EKS ${props.cluster}: control-plane logs (the secrets key is the environment's own)`,
      alias: `${names.kmsAlias(props.cluster)}-logs`,
      address: "logs_key",
    });
  }
}
