/** The cluster's KMS keys: rotation, pinned addresses, and a key policy that admits Logs for this log group only. */
import { describe, expect, it } from "vitest";
import { LogsKey, SecretsKey, type ClusterKeyProps } from "../../../src/constructs/access/secrets-key";
import { documentOf } from "../../support/reference";
import { byId, only, refTo, synthConstruct } from "../synth-construct";

const props: ClusterKeyProps = { account: "123456789012", region: "eu-west-1", cluster: "team-a", deletionWindowDays: 30 };

describe.each([
  ["SecretsKey", SecretsKey, "secrets_key", "alias/eks/team-a"],
  ["LogsKey", LogsKey, "logs_key", "alias/eks/team-a-logs"],
] as const)("%s", (_, Key, address, alias) => {
  const stack = synthConstruct((scope) => new Key(scope, "key", props));
  const key = byId(stack, "aws_kms_key")[address];

  it("sits at its pinned address, rotates, and waits the asked days before deletion", () => {
    expect(Object.keys(byId(stack, "aws_kms_key"))).toEqual([address]);
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
  });

  it("is named by its alias", () => {
    expect(only(stack, "aws_kms_alias")).toEqual({ name: alias, target_key_id: refTo(stack, "aws_kms_key", key, "key_id") });
  });

  it("is administered by the account through IAM, and used by CloudWatch Logs for this cluster's log group only", () => {
    const doc = documentOf(stack, key.policy);
    expect(doc.Statement).toHaveLength(2);
    expect(doc.Statement[0]).toMatchObject({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*" });
    expect(doc.Statement[1]).toMatchObject({
      Effect: "Allow",
      Principal: { Service: "logs.eu-west-1.amazonaws.com" },
      Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/eks/team-a/cluster" } },
    });
    expect(doc.Statement[1].Action).not.toContain("kms:*");
  });
});
