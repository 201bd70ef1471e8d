/**
 * Runs `terraform init`, `validate` and `test` for synthesized stacks, each in a working folder
 * of its own, a few at a time. Provider binaries come from one shared plugin cache, so the
 * 700 MB AWS provider is linked, not copied, per stack.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
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

export interface StackCheck {
  stack: string;
  /** cdk.tf.json content. */
  config: string;
  /** main.tftest.hcl content. */
  testFile: string;
}

/** A resource in the state a mocked apply left behind. */
export interface AppliedResource {
  address: string;
  type: string;
  values: Record<string, unknown>;
}

export interface StackResult {
  stack: string;
  init: CommandResult;
  validate?: { valid: boolean; diagnostics: unknown[]; raw: CommandResult };
  test?: {
    status: string;
    passed: number;
    failed: number;
    errored: number;
    messages: string[];
    /** The applied state of the last run (from -verbose), for checks HCL cannot express. */
    applied: AppliedResource[];
    raw: CommandResult;
  };
}

async function checkStack(toolchain: Toolchain, root: string, check: StackCheck): Promise<StackResult> {
  const dir = path.join(root, check.stack);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), check.config);
  fs.writeFileSync(path.join(dir, "main.tftest.hcl"), check.testFile);
  const init = await run(toolchain, ["init", "-backend=false", "-input=false", "-no-color"], dir);
  if (init.code !== 0) return { stack: check.stack, init };

  const v = await run(toolchain, ["validate", "-json", "-no-color"], dir);
  const parsed = JSON.parse(v.stdout || "{}") as { valid?: boolean; diagnostics?: unknown[] };
  const validate = { valid: parsed.valid === true && v.code === 0, diagnostics: parsed.diagnostics ?? [], raw: v };

  const t = await run(toolchain, ["test", "-verbose", "-json", "-no-color"], dir);
  const lines = t.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const state = lines.filter((l) => l.type === "test_state").pop()?.test_state as { root_module?: { resources?: AppliedResource[] } } | undefined;
  // The verbose output also carries the provider schemas (~15 MB); keep only the state.
  t.stdout = "";
  const summary = lines.find((l) => l.type === "test_summary")?.test_summary as
    | { status: string; passed: number; failed: number; errored: number }
    | undefined;
  const messages = lines
    .filter((l) => l["@level"] === "error" || (l.diagnostic as { severity?: string } | undefined)?.severity === "error")
    .map((l) => {
      const d = l.diagnostic as { summary?: string; detail?: string } | undefined;
      return d ? `${d.summary ?? ""}: ${d.detail ?? ""}` : String(l["@message"]);
    });
  return {
    stack: check.stack,
    init,
    validate,
    test: {
      status: summary?.status ?? "unknown",
      passed: summary?.passed ?? 0,
      failed: summary?.failed ?? 0,
      errored: summary?.errored ?? 0,
      messages,
      applied: (state?.root_module?.resources ?? []).map(({ address, type, values }) => ({ address, type, values })),
      raw: t,
    },
  };
}

/** Checks every stack, `concurrency` at a time; the first one alone, so it fills the plugin cache. */
export async function checkStacks(toolchain: Toolchain, checks: StackCheck[], concurrency = Math.max(1, os.cpus().length)): Promise<StackResult[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "eks-terraform-"));
  try {
    const results: StackResult[] = [];
    if (checks.length === 0) return results;
    results.push(await checkStack(toolchain, root, checks[0]));
    let next = 1;
    const worker = async () => {
      while (next < checks.length) {
        const check = checks[next++];
        results.push(await checkStack(toolchain, root, check));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return results;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
