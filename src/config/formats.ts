/**
 * Field formats shared by the environment schema. Each one is a small schema with a message a
 * person can act on, because these strings end up in `file: field: reason` lines.
 */
import { regionProblem } from "./regions";
import { number, record, string } from "./schema-kit";

export const accountId = string({ pattern: /^\d{12}$/, message: "must be a 12-digit AWS account id" });

/** A region of a partition the project writes ARNs for (src/config/regions.ts), not just one that looks like it. */
export const region = string({
  pattern: /^[a-z]{2}(-gov)?-[a-z]+-\d+$/,
  message: "must be an AWS region such as eu-west-1",
  refine: [[(s) => regionProblem(s) === undefined, (s) => regionProblem(s)!]],
});

/** Lower-case DNS-style names: they become IAM paths, SQS queue names and load balancer names. */
export const dnsName = (maxLength: number) =>
  string({
    max: maxLength,
    pattern: /^[a-z][a-z0-9-]*[a-z0-9]$/,
    message: "must start with a letter, use only a-z, 0-9 and '-', and not end with '-'",
  });

export const iamName = string({ pattern: /^[\w+=,.@-]{1,64}$/, message: "must be an IAM name (1-64 characters of A-Z a-z 0-9 +=,.@_-)" });

const awsId = (prefix: string, what: string) =>
  string({ pattern: new RegExp(`^${prefix}-[0-9a-f]{8}([0-9a-f]{9})?$`), message: `must be ${what} such as ${prefix}-0a1b2c3d4e5f67890` });

export const vpcId = awsId("vpc", "a VPC id");
export const subnetId = awsId("subnet", "a subnet id");
export const securityGroupId = awsId("sg", "a security group id");
export const amiId = awsId("ami", "an AMI id");

/** Parses a dotted-quad IPv4 address; null when it is not one. */
function ipv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const octets = parts.map((p) => (/^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : NaN));
  return octets.every((o) => o >= 0 && o <= 255) ? octets : null;
}

/** A CIDR whose address has no bits set below its prefix (AWS rejects 10.0.0.1/16). */
export function parseCidr(text: string): { octets: number[]; prefix: number } | null {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!m) return null;
  const octets = ipv4(m[1]);
  const prefix = Number(m[2]);
  if (!octets || prefix > 32) return null;
  const value = octets.reduce((acc, o) => acc * 256 + o, 0);
  const hostBits = 2 ** (32 - prefix);
  return value % hostBits === 0 ? { octets, prefix } : null;
}

export const cidr = string({
  refine: [[(s) => parseCidr(s) !== null, "must be an IPv4 CIDR with no host bits set, such as 10.0.0.0/16"]],
});

/** EC2 instance type names: family (with generation and attributes) dot size. */
export const instanceType = string({
  pattern: /^[a-z]+\d+[a-z0-9-]*\.(nano|micro|small|medium|large|metal|\d*xlarge|metal-\d+xl)$/,
  message: "must be an EC2 instance type such as m7i.large",
});

export const iamPrincipalArn = string({
  pattern: /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/,
  message: "must be an IAM role or user ARN (arn:aws:iam::<account>:role/<name>)",
});

export const iamPolicyArn = string({
  pattern: /^arn:aws(-cn|-us-gov)?:iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/,
  message: "must be an IAM policy ARN (arn:aws:iam::<account or aws>:policy/<name>)",
});

export const kmsKeyArn = string({
  pattern: /^arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/,
  message: "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>)",
});

export const snsTopicArn = /^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/** Where alarms notify: "none", "create" (a topic of the stack's own) or an SNS topic ARN. */
export const alarmTopic = string({
  refine: [[(s) => s === "none" || s === "create" || snsTopicArn.test(s), 'must be "none", "create" or an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)']],
});

export const hostedZoneId = string({ pattern: /^Z[0-9A-Z]{4,32}$/, message: "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ" });

export const domainName = string({ pattern: /^(?!-)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, message: "must be a lower-case DNS domain such as example.com" });

/** Kubernetes resource quantities as kubelet accepts them (100m, 1Gi, 512Mi, 10%). */
export const quantity = string({ pattern: /^\d+(\.\d+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|%)?$/, message: "must be a Kubernetes quantity such as 100m, 512Mi or 10%" });

/** Kubernetes group names, as used in access entries and RBAC bindings. */
export const kubernetesGroup = string({ pattern: /^[a-z0-9][a-z0-9:._-]*$/, message: "must be a Kubernetes group name" });

export const percentage = number({ int: true, min: 0, max: 100 });

export const nonNegativeInt = number({ int: true, min: 0 });

/** An integer in a range, reported as "must be <min>-<max>". */
export const intBetween = (min: number, max: number, range = `must be ${min}-${max}`) => number({ int: true, min, max, range });

/** Tags as AWS accepts them: up to 128-character keys, 256-character values, no aws: prefix. */
export const tags = record(
  string({ max: 256 }),
  string({ max: 128, refine: [[(k) => !k.toLowerCase().startsWith("aws:"), "tag keys may not start with aws:"]] }),
);
