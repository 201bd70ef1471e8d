/**
 * src/cdktf-internals.ts against CDKTF itself. Its toTerraform and prepareStack are shortcuts of
 * CDKTF 0.21.0's: for every reference stack, what synth wrote must equal what CDKTF's own methods
 * write for the same construct tree, so a CDKTF (or fork) change that breaks a shortcut fails here.
 * And the internals stay in that one file: nothing else imports a private CDKTF path or overrides
 * the methods CDKTF calls during synthesis.
 */
import "../src/process-setup";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { buildEnvironment, buildWorkspaces } from "../src/app";
import { ProjectStack } from "../src/cdktf-internals";
import { PROJECT_ROOT, referenceEnvironments, stackJson, stackNames, type StackJson } from "./support/reference";

/** As the synthesizer writes it: keys whose value is undefined dropped. */
const asWritten = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * The reference environments built into a fresh app, as src/synth.ts builds them, and synthesized
 * with CDKTF's own prepareStack and toTerraform on every stack (own properties of each instance
 * shadow ProjectStack's overrides). Addresses still come from ProjectStack.allocateLogicalId: they are
 * meant to differ from CDKTF's; what is compared is how the stack is resolved and merged.
 */
async function synthWithCdktfOwnMethods(): Promise<{ stacks: Record<string, StackJson>; calls: number }> {
  const envs = await referenceEnvironments();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-cdktf-own-"));
  try {
    const app = new App({ outdir, stackTraces: false, skipValidation: true });
    const stacks: TerraformStack[] = [...envs.flatMap((env) => Object.values(buildEnvironment(app, env))), ...buildWorkspaces(app, envs)];
    let calls = 0;
    for (const stack of stacks) {
      stack.prepareStack = TerraformStack.prototype.prepareStack;
      stack.toTerraform = function (this: TerraformStack) {
        calls++;
        return TerraformStack.prototype.toTerraform.call(this);
      };
    }
    app.synth();
    const out: Record<string, StackJson> = {};
    for (const name of fs.readdirSync(path.join(outdir, "stacks"))) {
      out[name] = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8")) as StackJson;
    }
    return { stacks: out, calls };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe("ProjectStack's shortcuts produce what CDKTF's own methods produce", () => {
  it("for every stack of the reference environments", async () => {
    const own = await synthWithCdktfOwnMethods();
    const names = stackNames();
    expect(names.length).toBeGreaterThan(0);
    // CDKTF's toTerraform really ran, once per stack, and wrote the same stacks.
    expect(own.calls).toBe(names.length);
    expect(Object.keys(own.stacks).sort()).toEqual(names);
    for (const name of names) expect(stackJson(name), `${name}: one-pass synth differs from CDKTF's own`).toStrictEqual(own.stacks[name]);
  });

  it("for a stack with a stack-level override, where toTerraform hands over to CDKTF's version", () => {
    class ProbeStack extends ProjectStack {}
    const app = new App({ outdir: os.tmpdir(), stackTraces: false, skipValidation: true });
    const stack = new ProbeStack(app, "probe");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const queue = new SqsQueue(stack, "queue", { name: "q" });
    // A token in a stack override: only CDKTF's second resolution pass resolves it.
    stack.addOverride("locals.queue_arn", queue.arn);
    stack.prepareStack();
    const ours = asWritten(stack.toTerraform()) as StackJson;
    expect(ours.locals).toEqual({ queue_arn: "${aws_sqs_queue.queue.arn}" });
    expect(ours).toStrictEqual(asWritten(TerraformStack.prototype.toTerraform.call(stack)));
  });
});

/** Source files of the project (not node_modules, not generated output). */
function projectSources(): string[] {
  const files = [path.join(PROJECT_ROOT, "main.ts")];
  for (const dir of ["src", "scripts", "environments", "__tests__"]) {
    for (const rel of fs.readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true, encoding: "utf8" })) {
      if (/\.(c|m)?(ts|js)$/.test(rel) && !rel.split(path.sep).includes("node_modules")) files.push(path.join(PROJECT_ROOT, dir, rel));
    }
  }
  return files;
}

// Written in pieces so that this file does not match its own patterns.
const PRIVATE_IMPORT = new RegExp(`["']${"cdktf"}/lib/`);
const SYNTH_METHODS = ["toTerraform", "prepareStack", "allocateLogicalId", "registerIncomingCrossStackReference"].join("|");
/** A method or field definition in a class (`override toTerraform(`, `prepareStack = `) or an assignment (`x.prototype.toTerraform = `). */
const SYNTH_OVERRIDE = new RegExp(`^\\s*(?:(?:public|protected|private|override|readonly)\\s+)*(?:${SYNTH_METHODS})\\s*(?:\\(|=(?!=))|\\.(?:${SYNTH_METHODS})\\s*=(?!=)`, "m");
const INTERNALS = path.join(PROJECT_ROOT, "src", "cdktf-internals.ts");

describe("CDKTF's internals are used in src/cdktf-internals.ts only", () => {
  it("no other file imports a private CDKTF path", () => {
    const offenders = projectSources().filter((f) => f !== INTERNALS && PRIVATE_IMPORT.test(fs.readFileSync(f, "utf8")));
    expect(offenders.map((f) => path.relative(PROJECT_ROOT, f))).toEqual([]);
  });

  it("no other file outside the tests overrides a method CDKTF calls during synthesis", () => {
    const offenders = projectSources()
      .filter((f) => f !== INTERNALS && !f.startsWith(path.join(PROJECT_ROOT, "__tests__")))
      .filter((f) => SYNTH_OVERRIDE.test(fs.readFileSync(f, "utf8")));
    expect(offenders.map((f) => path.relative(PROJECT_ROOT, f))).toEqual([]);
  });

  it("the internals file is where they are, and the guards catch each form", () => {
    const internals = fs.readFileSync(INTERNALS, "utf8");
    expect(PRIVATE_IMPORT.test(internals)).toBe(true);
    expect(SYNTH_OVERRIDE.test(internals)).toBe(true);
    const lib = ["cdktf", "lib"].join("/");
    expect(PRIVATE_IMPORT.test(`import { deepMerge } from "${lib}/util";`)).toBe(true);
    expect(PRIVATE_IMPORT.test(`const t = require('${lib}/tokens/private/stack-trace');`)).toBe(true);
    expect(PRIVATE_IMPORT.test(`import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";`)).toBe(false);
    for (const definition of [
      "  override toTerraform(): Record<string, unknown> {",
      "  public allocateLogicalId(element: TerraformElement | Node): string {",
      "  prepareStack() {",
      "  registerIncomingCrossStackReference = () => {",
      "TerraformStack.prototype.toTerraform = function () {",
    ]) {
      expect(SYNTH_OVERRIDE.test(definition), definition).toBe(true);
    }
    for (const use of ["  const json = stack.toTerraform();", "  return this.allocateLogicalId(e);", "  if (s.prepareStack === undefined) {"]) {
      expect(SYNTH_OVERRIDE.test(use), use).toBe(false);
    }
  });
});
