/**
 * The command line each vendored kops manifest is imported with: what its owner would pass.
 * kops created these clusters' networks, so the manifests carry no VPC or subnet ids; the ids
 * below stand for the ones `aws ec2 describe-subnets` would show. Single-zone clusters get a
 * subnet in a second zone (EKS needs two). Some pass --account, some leave the placeholder.
 */
export const KOPS_FIXTURE_ARGS: Record<string, string[]> = {
  "complex.yaml": [
    "--account", "111122223333",
    "--vpc-id", "vpc-0c0c0c0c0c0c0c001",
    "--subnet-id", "us-test-1a=subnet-0c0c0c0c0c0c0c011",
    "--subnet-id", "us-east-1a-private=subnet-0c0c0c0c0c0c0c012",
    "--subnet-id", "us-east-1a-utility=subnet-0c0c0c0c0c0c0c013",
    "--add-subnet", "Private:us-test-1b=subnet-0c0c0c0c0c0c0c022",
    "--add-subnet", "Utility:us-test-1b=subnet-0c0c0c0c0c0c0c023",
  ],
  "existing_iam.yaml": [
    "--vpc-id", "vpc-0e1a0e1a0e1a0e1a1",
    "--subnet-id", "us-test-1a=subnet-0e1a0e1a0e1a0e1a1",
    "--subnet-id", "us-test-1b=subnet-0e1a0e1a0e1a0e1a2",
    "--subnet-id", "us-test-1c=subnet-0e1a0e1a0e1a0e1a3",
  ],
  "existing_sg.yaml": [
    "--account", "111122223333",
    "--vpc-id", "vpc-0e5a0e5a0e5a0e5a1",
    "--subnet-id", "us-test-1a=subnet-0e5a0e5a0e5a0e5a1",
    "--subnet-id", "us-test-1b=subnet-0e5a0e5a0e5a0e5a2",
    "--subnet-id", "us-test-1c=subnet-0e5a0e5a0e5a0e5a3",
  ],
  "karpenter.yaml": [
    "--name", "karpenter",
    "--vpc-id", "vpc-0ca0ca0ca0ca0ca01",
    "--subnet-id", "us-test-1a=subnet-0ca0ca0ca0ca0ca11",
    "--add-subnet", "Public:us-test-1b=subnet-0ca0ca0ca0ca0ca12",
  ],
  "mixed_instances.yaml": [
    "--account", "111122223333",
    "--vpc-id", "vpc-0a1a1a1a1a1a1a1a1",
    "--subnet-id", "us-test-1a=subnet-0a1a1a1a1a1a1a1a1",
    "--subnet-id", "us-test-1b=subnet-0a1a1a1a1a1a1a1a2",
    "--subnet-id", "us-test-1c=subnet-0a1a1a1a1a1a1a1a3",
  ],
  "mixed_instances_spot.yaml": [
    "--name", "mixedinstances-spot",
    "--account", "111122223333",
    "--vpc-id", "vpc-0b1b1b1b1b1b1b1b1",
    "--subnet-id", "us-test-1a=subnet-0b1b1b1b1b1b1b1b1",
    "--subnet-id", "us-test-1b=subnet-0b1b1b1b1b1b1b1b2",
    "--subnet-id", "us-test-1c=subnet-0b1b1b1b1b1b1b1b3",
  ],
  "privatecilium.yaml": [
    "--vpc-id", "vpc-0c1c1c1c1c1c1c1c1",
    "--subnet-id", "us-test-1a=subnet-0c1c1c1c1c1c1c1c1",
    "--subnet-id", "utility-us-test-1a=subnet-0c1c1c1c1c1c1c1c2",
    "--add-subnet", "Private:us-test-1b=subnet-0c1c1c1c1c1c1c1c3",
    "--add-subnet", "Utility:us-test-1b=subnet-0c1c1c1c1c1c1c1c4",
  ],
  "shared_subnet.yaml": [
    "--account", "111122223333",
    "--add-subnet", "Public:us-test-1b=subnet-0d1d1d1d1d1d1d1d2",
  ],
};
