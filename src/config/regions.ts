/**
 * The AWS regions an environment may name, each with its partition (which every ARN the project
 * writes starts with). A region that only looks right (`eu-west-9`) would otherwise pass synth
 * and fail at the first API call. Only the three partitions the project writes ARNs and service
 * principals for are listed: standard, China and GovCloud (US).
 *
 * From the AWS SDK's partition data (aws-sdk-js-v3 util-endpoints partitions.json) plus the
 * regions opened since: ap-east-2 (Taipei) and ap-southeast-6 (New Zealand). A region AWS opens
 * later is one line here.
 */
export type Partition = "aws" | "aws-cn" | "aws-us-gov";

export const AWS_REGIONS: Readonly<Record<string, Partition>> = {
  "af-south-1": "aws",
  "ap-east-1": "aws",
  "ap-east-2": "aws",
  "ap-northeast-1": "aws",
  "ap-northeast-2": "aws",
  "ap-northeast-3": "aws",
  "ap-south-1": "aws",
  "ap-south-2": "aws",
  "ap-southeast-1": "aws",
  "ap-southeast-2": "aws",
  "ap-southeast-3": "aws",
  "ap-southeast-4": "aws",
  "ap-southeast-5": "aws",
  "ap-southeast-6": "aws",
  "ap-southeast-7": "aws",
  "ca-central-1": "aws",
  "ca-west-1": "aws",
  "eu-central-1": "aws",
  "eu-central-2": "aws",
  "eu-north-1": "aws",
  "eu-south-1": "aws",
  "eu-south-2": "aws",
  "eu-west-1": "aws",
  "eu-west-2": "aws",
  "eu-west-3": "aws",
  "il-central-1": "aws",
  "me-central-1": "aws",
  "me-south-1": "aws",
  "mx-central-1": "aws",
  "sa-east-1": "aws",
  "us-east-1": "aws",
  "us-east-2": "aws",
  "us-west-1": "aws",
  "us-west-2": "aws",
  "cn-north-1": "aws-cn",
  "cn-northwest-1": "aws-cn",
  "us-gov-east-1": "aws-us-gov",
  "us-gov-west-1": "aws-us-gov",
};

/** Why `text` is not a region, naming the nearest ones; undefined when it is one. */
export function regionProblem(text: string): string | undefined {
  if (Object.hasOwn(AWS_REGIONS, text)) return undefined;
  const all = Object.keys(AWS_REGIONS);
  // Same area and direction (eu-west-9 -> eu-west-1, -2, -3), else same area (eu-*).
  const stem = text.replace(/-\d+$/, "-");
  const area = text.split("-")[0] + "-";
  const near = all.filter((r) => r.startsWith(stem));
  const candidates = near.length > 0 ? near : all.filter((r) => r.startsWith(area));
  const hint = candidates.length > 0 ? `; did you mean ${candidates.join(", ")}?` : " of the aws, aws-cn or aws-us-gov partitions (listed in src/config/regions.ts)";
  return `"${text}" is not an AWS region${hint}`;
}
