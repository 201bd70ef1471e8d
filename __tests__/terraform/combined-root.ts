/**
 * One Terraform root that includes every checked stack as a module, so Terraform starts and
 * loads the AWS provider's schema once per check instead of once per stack.
 *
 * - The validate root includes the stacks validated with their provider blocks, exactly as
 *   synthesized (backend blocks are ignored in modules, as `-backend=false` ignores them in a root).
 * - The test root includes copies without provider or backend blocks, so the modules use the
 *   root's AWS provider for their environment, which the test file mocks (one aliased
 *   `mock_provider` per environment, since mocked ARNs carry account and region). Each stack's
 *   assertions become outputs of its module copy (a test can only read module outputs) and the
 *   test file asserts on those, prefixing every message with the stack's name.
 *
 * Terraform's time grows with the resources of every stack, once per walk (validate, plan, apply,
 * and the clean-up's refresh, destroy plan and destroy). So stacks whose provider block is made by
 * the same code as a validated one's (the imported environments, weight variants) are left out of
 * the validate root: `terraform test` runs the same validate walk over every module of the test
 * root before it plans, and their copy there differs only by the provider block and the added
 * check outputs (validating them twice cost half of `terraform validate`'s time). Mocked
 * providers are shared per account and region: values that name a cluster or a network come from
 * per-stack overrides (stack-fixtures.ts), not from the mocks.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Environment } from "../../src/config/environment";
import type { StackJson } from "../support/reference";
import { awsMockDefaults } from "./aws-mocks";
import { hcl, type Assertion } from "./hcl";
import type { Override } from "./stack-fixtures";

export interface CheckedStack {
  name: string;
  env: Environment;
  config: StackJson;
  overrides: Override[];
  assertions: Assertion[];
  /**
   * true: the same code makes its provider block as a stack whose block is validated
   * (awsProvider), so it is validated by `terraform test`'s own validate step only, in the test
   * root, and left out of the validate root.
   */
  providerValidatedElsewhere?: boolean;
}

/** One mocked provider per account and region: `a123456789012_eu_west_1`. */
export const mockAlias = (env: Environment) => `a${env.account}_${env.region.replace(/-/g, "_")}`;

/** `staging-cluster` -> `staging_cluster`, the module's name in the root. */
export const moduleName = (stack: string) => stack.replace(/[^A-Za-z0-9_]/g, "_");

const AWS_PROVIDER = { aws: { source: "hashicorp/aws", version: "5.100.0" } };

function writeJson(file: string, value: unknown) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** The stacks `terraform validate` checks with their provider blocks; the rest only `terraform test` validates. */
export const validateRootStacks = (stacks: CheckedStack[]) => stacks.filter((s) => !s.providerValidatedElsewhere);

export function writeValidateRoot(dir: string, stacks: CheckedStack[]): void {
  const included = validateRootStacks(stacks);
  for (const s of included) writeJson(path.join(dir, s.name, "cdk.tf.json"), s.config);
  writeJson(path.join(dir, "main.tf.json"), {
    module: Object.fromEntries(included.map((s) => [moduleName(s.name), { source: `./${s.name}` }])),
  });
}

/**
 * An assertion as an expression a module can output. Module code cannot read its own outputs, so
 * `output.x` becomes the output's value: the expression itself, or the template as a string.
 */
function inModuleScope(condition: string, stack: StackJson): string {
  const expression = (value: unknown): string => {
    if (value !== null && typeof value === "object") {
      return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} = ${expression(v)}`).join(", ")} }`;
    }
    if (typeof value !== "string") throw new Error(`cannot read output value ${JSON.stringify(value)}`);
    const single = /^\$\{([^{}]*)\}$/.exec(value);
    return single ? `(${single[1]})` : `(${JSON.stringify(value)})`;
  };
  // String literals are skipped: a script asserted on may well mention output.txt.
  return condition.replace(/"(?:[^"\\]|\\.)*"|\boutput\.([A-Za-z0-9_]+)/g, (match, name: string | undefined) => {
    if (name === undefined) return match;
    const value = stack.output?.[name]?.value;
    if (value === undefined) throw new Error(`assertion reads output ${name}, which the stack does not have`);
    return expression(value);
  });
}

export function writeTestRoot(dir: string, stacks: CheckedStack[]): void {
  const groups = new Map(stacks.map((s) => [mockAlias(s.env), s.env]));
  for (const s of stacks) {
    const { provider: _provider, terraform, ...rest } = s.config as StackJson & { terraform?: Record<string, unknown> };
    const { backend: _backend, cloud: _cloud, ...terraformRest } = terraform ?? {};
    writeJson(path.join(dir, s.name, "cdk.tf.json"), { ...rest, terraform: terraformRest });
    writeJson(path.join(dir, s.name, "checks.tf.json"), {
      output: Object.fromEntries(s.assertions.map((a, i) => [`check_${i}`, { value: `\${${inModuleScope(a.condition, s.config)}}` }])),
    });
  }
  writeJson(path.join(dir, "main.tf.json"), {
    terraform: { required_providers: AWS_PROVIDER },
    provider: { aws: [...groups.entries()].map(([alias, env]) => ({ alias, region: env.region })) },
    module: Object.fromEntries(stacks.map((s) => [moduleName(s.name), { source: `./${s.name}`, providers: { aws: `aws.${mockAlias(s.env)}` } }])),
  });

  const out: string[] = ["# Generated by __tests__/terraform: every stack applied against a mocked AWS API."];
  for (const [alias, env] of groups) {
    const mocks = awsMockDefaults(env);
    out.push(`mock_provider "aws" {\n  alias = ${hcl(alias)}`);
    for (const [type, defaults] of Object.entries(mocks.resources)) out.push(`  mock_resource "${type}" {\n    defaults = ${hcl(defaults, "    ")}\n  }`);
    for (const [type, defaults] of Object.entries(mocks.data)) out.push(`  mock_data "${type}" {\n    defaults = ${hcl(defaults, "    ")}\n  }`);
    out.push("}");
  }
  for (const s of stacks) {
    for (const o of s.overrides) {
      out.push(`override_${o.kind === "data" ? "data" : "resource"} {\n  target = module.${moduleName(s.name)}.${o.address}\n  values = ${hcl(o.values, "  ")}\n}`);
    }
  }
  out.push('run "apply" {\n  command = apply');
  for (const s of stacks) {
    s.assertions.forEach((a, i) => {
      out.push(`  assert {\n    condition     = module.${moduleName(s.name)}.check_${i}\n    error_message = ${hcl(`${s.name}: ${a.message}`)}\n  }`);
    });
  }
  out.push("}");
  fs.writeFileSync(path.join(dir, "main.tftest.hcl"), `${out.join("\n")}\n`);
}
