/**
 * Synthesis with nothing half-written: environments are validated first, the app is synthesized
 * into a staging folder beside the output folder, and only then are the files moved into place.
 * Invalid input, or a construct that throws, leaves the output folder exactly as it was.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { App, TerraformDataSource, TerraformOutput, TerraformRemoteState, TerraformResource, type TerraformStack } from "cdktf";
import { buildEnvironment, buildWorkspaces } from "./app";
import { ConfigError, formatFieldError } from "./config/errors";
import { environmentWarnings } from "./config/warnings";
import { loadEnvironments, type ModuleImporter } from "./environments/load";
import type { LoadedEnvironment } from "./environments/validate";

export interface StackSummary {
  stack: string;
  resources: number;
  dataSources: number;
  outputs: number;
  file: string;
}

/** Synthesizes environments into `outdir`; returns a summary per stack. */
export function synthesize(envs: LoadedEnvironment[], outdir: string): StackSummary[] {
  const parent = path.dirname(path.resolve(outdir));
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, ".staging-"));
  try {
    // No stack traces in construct metadata: they cost time and make output machine-specific.
    // No construct validations: the cloud backend's (and moved blocks') shell out to
    // `terraform version`, and synth must work without Terraform installed. What they would
    // catch is covered by .terraform-version (1.11.4) and by `terraform validate` in npm test.
    const app = new App({ outdir: staging, stackTraces: false, skipValidation: true });
    const stacks: TerraformStack[] = envs.flatMap(({ env }) => Object.values(buildEnvironment(app, env)));
    stacks.push(...buildWorkspaces(app, envs.map((e) => e.env)));
    app.synth();
    publish(staging, outdir);
    return stacks.map((stack) => summarize(stack, outdir)).sort((a, b) => a.stack.localeCompare(b.stack));
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Terraform's own working files in a stack's folder, kept across syntheses (ignored by git): a
 * `cdktf deploy` or `terraform init` there needs them again. Folders (`.terraform/`) are kept too.
 */
const TERRAFORM_WORKING_FILES = new Set([".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup", ".terraform.tfstate.lock.info"]);

/**
 * Moves a finished synth into `outdir`, removing stacks that no longer exist and every other file
 * a stack's folder holds that this synth did not write: the binary `plan` and
 * `generated_resources.tf` that `cdktf diff` / `cdktf deploy` leave, and the `cdk.tf` and
 * `metadata.json` of a `cdktf synth --hcl`. generated/ is then exactly what synth writes.
 */
function publish(staging: string, outdir: string): void {
  const stagedStacks = path.join(staging, "stacks");
  const targetStacks = path.join(outdir, "stacks");
  fs.mkdirSync(targetStacks, { recursive: true });
  const stacks = fs.readdirSync(stagedStacks);
  for (const stack of stacks) {
    const target = path.join(targetStacks, stack);
    fs.mkdirSync(target, { recursive: true });
    const files = fs.readdirSync(path.join(stagedStacks, stack));
    for (const file of files) fs.renameSync(path.join(stagedStacks, stack, file), path.join(target, file));
    for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
      if (entry.isDirectory() || files.includes(entry.name) || TERRAFORM_WORKING_FILES.has(entry.name)) continue;
      fs.rmSync(path.join(target, entry.name), { force: true });
    }
  }
  for (const existing of fs.readdirSync(targetStacks)) {
    if (!stacks.includes(existing)) fs.rmSync(path.join(targetStacks, existing), { recursive: true, force: true });
  }
  fs.renameSync(path.join(staging, "manifest.json"), path.join(outdir, "manifest.json"));
}

/** Counted on the construct tree: reading the written JSON back would cost more than the count. */
function summarize(stack: TerraformStack, outdir: string): StackSummary {
  let resources = 0;
  let dataSources = 0;
  let outputs = 0;
  for (const x of stack.node.findAll()) {
    if (TerraformDataSource.isTerraformDataSource(x) || x instanceof TerraformRemoteState) dataSources++;
    else if (TerraformResource.isTerraformResource(x)) resources++;
    else if (TerraformOutput.isTerraformOutput(x)) outputs++;
  }
  const file = path.join(outdir, "stacks", stack.node.id, "cdk.tf.json");
  return { stack: stack.node.id, resources, dataSources, outputs, file: path.relative(process.cwd(), file).split(path.sep).join("/") };
}

/** The CLI entry: validate, synthesize, print a line per stack. Returns the exit code. */
export async function main(root: string, importer?: ModuleImporter): Promise<number> {
  const started = performance.now();
  let envs: LoadedEnvironment[];
  try {
    envs = await loadEnvironments(path.join(root, "environments"), root, importer);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n${e.errors.length} problem(s) found; nothing was written.\n`);
    return 1;
  }
  for (const { file, env } of envs) {
    for (const w of environmentWarnings(file, env)) process.stderr.write(`warning: ${formatFieldError(w)}\n`);
  }
  const outdir = process.env.CDKTF_OUTDIR ?? path.join(root, "generated");
  const summaries = synthesize(envs, outdir);
  const width = Math.max(...summaries.map((s) => s.stack.length));
  for (const s of summaries) {
    process.stdout.write(
      `${s.stack.padEnd(width)}  ${String(s.resources).padStart(4)} resources  ${String(s.dataSources).padStart(3)} data  ${String(s.outputs).padStart(3)} outputs  ${s.file}\n`,
    );
  }
  // performance.now() counts from the process's start: the time a person waited, start-up included.
  const total = performance.now();
  process.stdout.write(
    `Synthesized ${summaries.length} stacks of ${envs.length} environments in ${(total / 1000).toFixed(1)} s (${Math.round(total - started)} ms after start-up).\n`,
  );
  return 0;
}
