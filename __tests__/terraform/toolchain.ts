/**
 * Finds Terraform and the hashicorp/aws provider for the offline checks, and writes the CLI
 * configuration that points Terraform at them. Chosen here, by the test harness, never in the
 * project: on a machine with registry access Terraform uses the normal registry.
 *
 * Environment variables:
 *   TERRAFORM_BINARY      terraform to use (default: `terraform` on PATH)
 *   TF_PROVIDER_MIRROR    folder holding registry.terraform.io/ (default: searched in the usual places)
 *   TF_TEST_USE_REGISTRY  1: no mirror, install from the registry (machines with network access)
 *   SKIP_TERRAFORM_TESTS  1: skip validate and test, loudly (they otherwise fail when Terraform is missing)
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT } from "../support/reference";

export const AWS_PROVIDER_VERSION = "5.100.0";

export interface Toolchain {
  terraform: string;
  version: string;
  /** Environment for every Terraform command. */
  env: NodeJS.ProcessEnv;
  /** Where the provider comes from, for the log. */
  providerSource: string;
}

export type ToolchainResult = { ok: true; toolchain: Toolchain } | { ok: false; missing: string };

function platform(): string {
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string] ?? process.arch;
  return `${process.platform}_${arch}`;
}

function mirrorCandidates(): string[] {
  const home = os.homedir();
  return [
    "/opt/tf-plugins",
    path.join(home, ".terraform.d", "plugins"),
    path.join(home, ".local", "share", "terraform", "plugins"),
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
  ];
}

/** True when `dir` holds hashicorp/aws at our version for this platform, packed or unpacked. */
function mirrorHasAws(dir: string): boolean {
  const base = path.join(dir, "registry.terraform.io", "hashicorp", "aws");
  return (
    fs.existsSync(path.join(base, AWS_PROVIDER_VERSION, platform())) ||
    fs.existsSync(path.join(base, `terraform-provider-aws_${AWS_PROVIDER_VERSION}_${platform()}.zip`))
  );
}

export const skipRequested = () => process.env.SKIP_TERRAFORM_TESTS === "1";

export function findToolchain(): ToolchainResult {
  const terraform = process.env.TERRAFORM_BINARY ?? "terraform";
  let version: string;
  try {
    const out = execFileSync(terraform, ["version", "-json"], { encoding: "utf8", env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" } });
    version = (JSON.parse(out) as { terraform_version: string }).terraform_version;
  } catch {
    return { ok: false, missing: `Terraform not found ("${terraform}" did not run). Install Terraform ${pinnedVersion()} or set TERRAFORM_BINARY.` };
  }
  const [major, minor] = version.split(".").map(Number);
  if (major < 1 || (major === 1 && minor < 11)) {
    return { ok: false, missing: `Terraform ${version} is too old: mock_provider tests and S3 locking need >= 1.11 (pinned ${pinnedVersion()}).` };
  }

  const work = path.join(PROJECT_ROOT, "node_modules", ".cache", "eks-terraform");
  // Kept between runs: the provider binary is copied into the cache once, then linked.
  const pluginCache = path.join(work, "plugin-cache");
  fs.mkdirSync(pluginCache, { recursive: true });
  const cliConfig = path.join(work, "terraform.tfrc");

  let providerSource: string;
  let installation: string;
  if (process.env.TF_TEST_USE_REGISTRY === "1") {
    providerSource = "registry.terraform.io (TF_TEST_USE_REGISTRY=1)";
    installation = "";
  } else {
    const explicit = process.env.TF_PROVIDER_MIRROR;
    const candidates = explicit ? [explicit] : mirrorCandidates();
    const mirror = candidates.find(mirrorHasAws);
    if (!mirror) {
      return {
        ok: false,
        missing:
          `hashicorp/aws ${AWS_PROVIDER_VERSION} for ${platform()} not found in a filesystem mirror (looked in ${candidates.join(", ")}). ` +
          "Set TF_PROVIDER_MIRROR to the folder that holds registry.terraform.io/, or TF_TEST_USE_REGISTRY=1 on a machine with registry access.",
      };
    }
    providerSource = `filesystem mirror ${mirror}`;
    installation = `
provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}`;
  }
  fs.writeFileSync(cliConfig, `plugin_cache_dir = ${JSON.stringify(pluginCache)}\ndisable_checkpoint = true\n${installation}\n`);
  return {
    ok: true,
    toolchain: {
      terraform,
      version,
      providerSource,
      env: {
        ...process.env,
        TF_CLI_CONFIG_FILE: cliConfig,
        TF_IN_AUTOMATION: "1",
        TF_INPUT: "0",
        CHECKPOINT_DISABLE: "1",
        // The cache may be shared by parallel inits of the same provider version.
        TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: "1",
      },
    },
  };
}

export function pinnedVersion(): string {
  return fs.readFileSync(path.join(PROJECT_ROOT, ".terraform-version"), "utf8").trim();
}
