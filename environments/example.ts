/**
 * The built-in example: a local backend and placeholder ids, so `npx cdktf synth` works on a fresh
 * clone with no AWS credentials. Copy it to start a real environment.
 */
import { defineEnvironment } from "../src/config/environment";

export default defineEnvironment({
  name: "example",
  account: "111122223333",
  region: "eu-west-1",
  state: { backend: "local" },
  network: {
    vpcId: "vpc-0a1b2c3d4e5f60001",
    privateSubnetIds: ["subnet-0a1b2c3d4e5f60011", "subnet-0a1b2c3d4e5f60012", "subnet-0a1b2c3d4e5f60013"],
  },
  cluster: {
    name: "example",
    version: "1.34",
  },
  workerPools: [
    { name: "system", class: "system" },
    { name: "general", class: "general", minSize: 1, maxSize: 5 },
  ],
});
