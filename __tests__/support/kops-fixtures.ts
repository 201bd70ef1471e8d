/**
 * The command line each vendored kops manifest is imported with: what its owner would pass.
 * kops created these clusters' networks, so the manifests carry no VPC or subnet ids; the ids
 * below stand for the ones `aws ec2 describe-subnets` would show. Single-zone clusters get a
 * subnet in a second zone (EKS needs two). Some pass --account, some leave the placeholder.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { validateEnvironment } from "../../src/environments/validate";
import type { Environment } from "../../src/config/environment";
import { parseArgs } from "../../src/import/kops/cli";
import { importKops, type KopsImportResult } from "../../src/import/kops/import";

export const KOPS_FIXTURE_ARGS: Record<string, string[]> = {
  "complex.yaml": [
    "--account", "111122223333",
    "--vpc-id", "vpc-0c0c0c0c0c0c0c001",
    "--subnet-id", "us-east-1a=subnet-0c0c0c0c0c0c0c011",
    "--subnet-id", "us-east-1a-private=subnet-0c0c0c0c0c0c0c012",
    "--subnet-id", "us-east-1a-utility=subnet-0c0c0c0c0c0c0c013",
    "--add-subnet", "Private:us-east-1b=subnet-0c0c0c0c0c0c0c022",
    "--add-subnet", "Utility:us-east-1b=subnet-0c0c0c0c0c0c0c023",
  ],
  "existing_iam.yaml": [
    "--vpc-id", "vpc-0e1a0e1a0e1a0e1a1",
    "--subnet-id", "us-east-1a=subnet-0e1a0e1a0e1a0e1a1",
    "--subnet-id", "us-east-1b=subnet-0e1a0e1a0e1a0e1a2",
    "--subnet-id", "us-east-1c=subnet-0e1a0e1a0e1a0e1a3",
  ],
  "existing_sg.yaml": [
    "--account", "111122223333",
    "--vpc-id", "vpc-0e5a0e5a0e5a0e5a1",
    "--subnet-id", "us-east-1a=subnet-0e5a0e5a0e5a0e5a1",
    "--subnet-id", "us-east-1b=subnet-0e5a0e5a0e5a0e5a2",
    "--subnet-id", "us-east-1c=subnet-0e5a0e5a0e5a0e5a3",
  ],
  "karpenter.yaml": [
    "--name", "karpenter",
    "--vpc-id", "vpc-0ca0ca0ca0ca0ca01",
    "--subnet-id", "us-east-1a=subnet-0ca0ca0ca0ca0ca11",
    "--add-subnet", "Public:us-east-1b=subnet-0ca0ca0ca0ca0ca12",
  ],
  "mixed_instances.yaml": [
    "--account", "111122223333",
    "--vpc-id", "vpc-0a1a1a1a1a1a1a1a1",
    "--subnet-id", "us-east-1a=subnet-0a1a1a1a1a1a1a1a1",
    "--subnet-id", "us-east-1b=subnet-0a1a1a1a1a1a1a1a2",
    "--subnet-id", "us-east-1c=subnet-0a1a1a1a1a1a1a1a3",
  ],
  "mixed_instances_spot.yaml": [
    "--name", "mixedinstances-spot",
    "--account", "111122223333",
    "--vpc-id", "vpc-0b1b1b1b1b1b1b1b1",
    "--subnet-id", "us-east-1a=subnet-0b1b1b1b1b1b1b1b1",
    "--subnet-id", "us-east-1b=subnet-0b1b1b1b1b1b1b1b2",
    "--subnet-id", "us-east-1c=subnet-0b1b1b1b1b1b1b1b3",
  ],
  "privatecilium.yaml": [
    "--vpc-id", "vpc-0c1c1c1c1c1c1c1c1",
    "--subnet-id", "us-east-1a=subnet-0c1c1c1c1c1c1c1c1",
    "--subnet-id", "utility-us-east-1a=subnet-0c1c1c1c1c1c1c1c2",
    "--add-subnet", "Private:us-east-1b=subnet-0c1c1c1c1c1c1c1c3",
    "--add-subnet", "Utility:us-east-1b=subnet-0c1c1c1c1c1c1c1c4",
  ],
  // Written for this project (see SOURCE.txt): ids in the spec, so only the account.
  "feature_tour.yaml": ["--account", "123456789012"],
  "shared_subnet.yaml": [
    "--account", "111122223333",
    "--add-subnet", "Public:us-east-1b=subnet-0d1d1d1d1d1d1d1d2",
  ],
};


export const KOPS_FIXTURE_DIR = path.resolve(__dirname, "../fixtures/kops");

/** Every manifest in the fixture folder; each must have its command line above. */
export function kopsFixtures(): string[] {
  return fs.readdirSync(KOPS_FIXTURE_DIR).filter((f) => f.endsWith(".yaml")).sort();
}

/** One fixture imported in memory, as the CLI would with its command line. */
export function importFixture(fixture: string): KopsImportResult {
  const args = KOPS_FIXTURE_ARGS[fixture];
  if (!args) throw new Error(`no command line for kops fixture ${fixture}: add it to KOPS_FIXTURE_ARGS`);
  const parsed = parseArgs([fixture, ...args]);
  if (parsed.errors.length > 0) throw new Error(parsed.errors.join("\n"));
  return importKops(fs.readFileSync(path.join(KOPS_FIXTURE_DIR, fixture), "utf8"), fixture, parsed.options);
}

/** Every fixture's environment, validated as synth validates it. */
export function importedEnvironments(): { file: string; env: Environment }[] {
  return kopsFixtures().map((fixture) => {
    const result = importFixture(fixture);
    const file = `environments/${result.name}.ts`;
    const checked = validateEnvironment(result.environment, file);
    if (!checked.ok) throw new Error(checked.errors.map((e) => `${e.file}: ${e.path.join(".")}: ${e.message}`).join("\n"));
    return { file, env: checked.env };
  });
}
