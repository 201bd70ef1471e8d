/**
 * Field formats shared by the environment schema. Each one is a small zod schema with a message
 * a person can act on, because these strings end up in `file: field: reason` lines.
 */
import { z } from "zod";

export const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id");

export const region = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, "must be an AWS region such as eu-west-1");

/** Lower-case DNS-style names: they become IAM paths, SQS queue names and load balancer names. */
export const dnsName = (maxLength: number) =>
  z
    .string()
    .max(maxLength, `must be at most ${maxLength} characters`)
    .regex(
      /^[a-z][a-z0-9-]*[a-z0-9]$/,
      "must start with a letter, use only a-z, 0-9 and '-', and not end with '-'",
    );

export const iamName = z
  .string()
  .regex(/^[\w+=,.@-]{1,64}$/, "must be an IAM name (1-64 characters of A-Z a-z 0-9 +=,.@_-)");

export const vpcId = z.string().regex(/^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/, "must be a VPC id such as vpc-0a1b2c3d4e5f67890");

export const subnetId = z
  .string()
  .regex(/^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/, "must be a subnet id such as subnet-0a1b2c3d4e5f67890");

export const securityGroupId = z
  .string()
  .regex(/^sg-[0-9a-f]{8}([0-9a-f]{9})?$/, "must be a security group id such as sg-0a1b2c3d4e5f67890");

export const amiId = z.string().regex(/^ami-[0-9a-f]{8}([0-9a-f]{9})?$/, "must be an AMI id such as ami-0a1b2c3d4e5f67890");

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

export const cidr = z
  .string()
  .refine((s) => parseCidr(s) !== null, "must be an IPv4 CIDR with no host bits set, such as 10.0.0.0/16");

/** EC2 instance type names: family (with generation and attributes) dot size. */
export const instanceType = z
  .string()
  .regex(
    /^[a-z]+\d+[a-z0-9-]*\.(nano|micro|small|medium|large|metal|\d*xlarge|metal-\d+xl)$/,
    "must be an EC2 instance type such as m7i.large",
  );

const arnPattern = /^arn:aws(-cn|-us-gov)?:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/;

export const arn = z.string().regex(arnPattern, "must be an ARN (arn:aws:<service>:<region>:<account>:<resource>)");

export const iamPrincipalArn = z
  .string()
  .regex(
    /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/,
    "must be an IAM role or user ARN (arn:aws:iam::<account>:role/<name>)",
  );

export const iamPolicyArn = z
  .string()
  .regex(
    /^arn:aws(-cn|-us-gov)?:iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/,
    "must be an IAM policy ARN (arn:aws:iam::<account or aws>:policy/<name>)",
  );

export const kmsKeyArn = z
  .string()
  .regex(
    /^arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/,
    "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>)",
  );

export const hostedZoneId = z.string().regex(/^Z[0-9A-Z]{4,32}$/, "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ");

export const domainName = z
  .string()
  .regex(/^(?!-)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, "must be a lower-case DNS domain such as example.com");

/** Kubernetes resource quantities as kubelet accepts them (100m, 1Gi, 512Mi, 10%). */
export const quantity = z
  .string()
  .regex(/^\d+(\.\d+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|%)?$/, "must be a Kubernetes quantity such as 100m, 512Mi or 10%");

export const percentage = z
  .number()
  .int("must be a whole number")
  .min(0, "must be between 0 and 100")
  .max(100, "must be between 0 and 100");

export const nonNegativeInt = z.number().int("must be a whole number").min(0, "must be >= 0");

/** Tags as AWS accepts them: up to 128-character keys, 256-character values, no aws: prefix. */
export const tags = z.record(
  z
    .string()
    .max(128, "tag keys must be at most 128 characters")
    .refine((k) => !k.toLowerCase().startsWith("aws:"), "tag keys may not start with aws:"),
  z.string().max(256, "tag values must be at most 256 characters"),
);
