/** A valid environment input to break one field at a time. */
import type { EnvironmentInput } from "../../src/config/environment";

export const FILE = "environments/test.ts";

export function validInput(): EnvironmentInput & Record<string, unknown> {
  return structuredClone({
    name: "test",
    account: "123456789012",
    region: "eu-west-1",
    state: { backend: "s3" as const, bucket: "acme-terraform-state", keyPrefix: "eks/test" },
    network: {
      vpcId: "vpc-0123456789abcdef0",
      privateSubnetIds: ["subnet-0123456789abcdef1", "subnet-0123456789abcdef2"],
      publicSubnetIds: ["subnet-0123456789abcdef3", "subnet-0123456789abcdef4"],
    },
    cluster: { name: "test-cluster", version: "1.34" as const },
    workerPools: [
      { name: "system", class: "system" as const },
      { name: "edge", class: "edge" as const },
      { name: "general", class: "general" as const, minSize: 3, maxSize: 10 },
    ],
  });
}
