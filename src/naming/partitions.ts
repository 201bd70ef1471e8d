/**
 * The partition of a region, from the table of regions the schema accepts (src/config/regions.ts),
 * so an ARN never gets a partition by guesswork: a region outside the table is refused by
 * validation, and asking for its partition here is a programming error.
 */
import { AWS_REGIONS, type Partition } from "../config/regions";

/** The ARN partition of a region: aws, aws-cn or aws-us-gov. */
export function partitionOf(region: string): Partition {
  if (!Object.hasOwn(AWS_REGIONS, region)) throw new Error(`no partition known for region "${region}" (src/config/regions.ts)`);
  return AWS_REGIONS[region]!;
}

/** The DNS suffix of AWS endpoints and service principals in a region's partition. */
export function dnsSuffix(region: string): string {
  return partitionOf(region) === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

/** An AWS service principal (`eks.amazonaws.com`) as the region's partition spells it. */
export function servicePrincipal(service: string, region: string): string {
  return `${service}.${dnsSuffix(region)}`;
}
