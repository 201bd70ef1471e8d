/** Synthesizes an environment variant in-process (for tests that change one thing and compare). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { validateEnvironment } from "../../src/environments/validate";
import type { Environment } from "../../src/config/environment";
import { synthesize } from "../../src/synth";
import type { StackJson } from "./reference";

export function synthVariant(input: unknown, file = "environments/variant.ts"): { env: Environment; stacks: Record<string, StackJson> } {
  const result = validateEnvironment(input, file);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path.join(".")}: ${e.message}`).join("\n"));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-variant-"));
  try {
    synthesize([{ file, env: result.env }], dir);
    const stacks: Record<string, StackJson> = {};
    for (const name of fs.readdirSync(path.join(dir, "stacks"))) {
      stacks[name.slice(result.env.name.length + 1)] = JSON.parse(fs.readFileSync(path.join(dir, "stacks", name, "cdk.tf.json"), "utf8")) as StackJson;
    }
    return { env: result.env, stacks };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
