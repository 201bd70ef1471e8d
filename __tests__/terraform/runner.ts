/**
 * Runs `terraform init`, `validate` and `test` over the combined roots (combined-root.ts) and
 * attributes what Terraform reports to the stack it concerns. The AWS provider binary comes from
 * a plugin cache shared by both roots and kept between runs.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { moduleName, validateRootStacks, writeTestRoot, writeValidateRoot, type CheckedStack } from "./combined-root";
import type { Toolchain } from "./toolchain";

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export function run(toolchain: Toolchain, args: string[], cwd: string): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(toolchain.terraform, args, { cwd, env: toolchain.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr, ms: performance.now() - started }));
  });
}

/** A resource in the state the mocked apply left behind. */
export interface AppliedResource {
  address: string;
  type: string;
  values: Record<string, unknown>;
}

interface Diagnostic {
  severity: string;
  summary: string;
  detail?: string;
  range?: { filename?: string };
}

export interface StackResult {
  stack: string;
  /** Validation errors in this stack's files (for stacks only terraform test validates: its errors there). */
  validateErrors: string[];
  /** Assertions that failed and other errors concerning this stack. */
  testErrors: string[];
  /** Number of this stack's assertions that ran. */
  assertions: number;
  applied: AppliedResource[];
}

export interface CombinedResult {
  init: CommandResult[];
  validate: CommandResult & { valid: boolean };
  test: CommandResult & { status: string; passed: number; failed: number; errored: number };
  /** Errors no stack can be blamed for (they fail every stack). */
  globalErrors: string[];
  stacks: Map<string, StackResult>;
}

const describe = (d: Diagnostic) => `${d.summary}${d.detail ? `: ${d.detail}` : ""}`;

export async function checkCombined(toolchain: Toolchain, stacks: CheckedStack[]): Promise<CombinedResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "eks-terraform-"));
  try {
    const validateDir = path.join(root, "validate");
    const testDir = path.join(root, "test");
    writeValidateRoot(validateDir, stacks);
    writeTestRoot(testDir, stacks);
    const init = ["init", "-backend=false", "-input=false", "-no-color"];
    // The first init fills the plugin cache; the second links from it.
    const initValidate = await run(toolchain, init, validateDir);
    const initTest = await run(toolchain, init, testDir);
    const [validate, test] = await Promise.all([
      run(toolchain, ["validate", "-json", "-no-color"], validateDir),
      run(toolchain, ["test", "-verbose", "-json", "-no-color"], testDir),
    ]);

    const results = new Map<string, StackResult>(
      stacks.map((s) => [s.name, { stack: s.name, validateErrors: [], testErrors: [], assertions: s.assertions.length, applied: [] }]),
    );
    const globalErrors: string[] = [];
    for (const r of [initValidate, initTest]) if (r.code !== 0) globalErrors.push(`terraform init failed:\n${r.stderr}${r.stdout}`);
    const stackOfFile = (file?: string) => stacks.find((s) => file?.startsWith(`${s.name}/`))?.name;
    const validated = new Set(validateRootStacks(stacks).map((s) => s.name));

    const v = JSON.parse(validate.stdout || "{}") as { valid?: boolean; diagnostics?: Diagnostic[] };
    for (const d of (v.diagnostics ?? []).filter((x) => x.severity === "error")) {
      const stack = stackOfFile(d.range?.filename);
      if (stack) results.get(stack)!.validateErrors.push(describe(d));
      else globalErrors.push(`validate: ${describe(d)}`);
    }
    if (validate.code !== 0 && !v.diagnostics?.length) globalErrors.push(`terraform validate failed:\n${validate.stderr}`);

    const lines = test.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = lines.find((l) => l.type === "test_summary")?.test_summary as { status: string; passed: number; failed: number; errored: number } | undefined;
    for (const l of lines) {
      const d = l.diagnostic as Diagnostic | undefined;
      if (d?.severity !== "error") continue;
      const text = describe(d);
      const inFile = stackOfFile(d.range?.filename);
      const stack = stacks.find((s) => (d.detail ?? "").startsWith(`${s.name}: `))?.name ?? inFile;
      if (stack) results.get(stack)!.testErrors.push(text);
      else globalErrors.push(`test: ${text}`);
      // Stacks left out of the validate root are validated by terraform test's own validate step:
      // an error in their files fails their validate check too.
      if (inFile && !validated.has(inFile)) results.get(inFile)!.validateErrors.push(`terraform test: ${text}`);
    }
    const state = lines.filter((l) => l.type === "test_state").pop()?.test_state as
      | { root_module?: { child_modules?: { address: string; resources?: AppliedResource[] }[] } }
      | undefined;
    for (const child of state?.root_module?.child_modules ?? []) {
      const stack = stacks.find((s) => child.address === `module.${moduleName(s.name)}`);
      if (stack) results.get(stack.name)!.applied = (child.resources ?? []).map(({ address, type, values }) => ({ address, type, values }));
    }
    // The verbose output also carries the provider schemas (~15 MB); keep only what was read.
    test.stdout = "";
    if (test.code !== 0 && !summary) globalErrors.push(`terraform test failed:\n${test.stderr}`);

    return {
      init: [initValidate, initTest],
      validate: { ...validate, valid: v.valid === true && validate.code === 0 },
      test: { ...test, status: summary?.status ?? "unknown", passed: summary?.passed ?? 0, failed: summary?.failed ?? 0, errored: summary?.errored ?? 0 },
      globalErrors,
      stacks: results,
    };
  } finally {
    // EKS_KEEP_TERRAFORM_ROOT=1 keeps the roots for running terraform by hand.
    if (process.env.EKS_KEEP_TERRAFORM_ROOT) console.log(`Terraform roots kept in ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
}
