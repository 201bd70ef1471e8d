/**
 * What the admin role may let EKS do with the cluster's key: only through EKS (`kms:ViaService`),
 * and only grants for the operations envelope encryption of secrets uses.
 */
import type { Condition } from "./policy-document";
import { servicePrincipal } from "../naming/partitions";

/** Operations a grant EKS creates for the cluster may allow. */
export const EKS_GRANT_OPERATIONS = ["Encrypt", "Decrypt", "DescribeKey", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo", "RetireGrant"];

export function kmsGrantConditions(region: string): Condition {
  return {
    StringEquals: { "kms:ViaService": servicePrincipal(`eks.${region}`, region) },
    "ForAllValues:StringEquals": { "kms:GrantOperations": EKS_GRANT_OPERATIONS },
  };
}
