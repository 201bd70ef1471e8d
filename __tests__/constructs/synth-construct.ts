/**
 * One construct synthesized alone, with CDKTF's Testing.synthScope (a bare stack, no project
 * stack logic), parsed, and read by resource type.
 */
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import type { Environment } from "../../src/config/environment";
import { validateEnvironment } from "../../src/environments/validate";
import { FILE, validInput } from "../support/fixtures";
import type { StackJson } from "../support/reference";

export function synthConstruct(build: (scope: Construct) => void): StackJson {
  return JSON.parse(Testing.synthScope(build)) as StackJson;
}

/** Resources of a type, by logical id. */
export function byId<T = Record<string, any>>(stack: StackJson, type: string): Record<string, T> {
  return (stack.resource?.[type] ?? {}) as Record<string, T>;
}

/** The resources of a type. */
export function all<T = Record<string, any>>(stack: StackJson, type: string): T[] {
  return Object.values(byId<T>(stack, type));
}

/** The one resource of a type; throws if there are none or several. */
export function only<T = Record<string, any>>(stack: StackJson, type: string): T {
  const found = all<T>(stack, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

/** How Terraform refers to an attribute of a resource: `${type.id.attribute}`. */
export function refTo(stack: StackJson, type: string, resource: unknown, attribute: string): string {
  const id = Object.entries(byId(stack, type)).find(([, r]) => r === resource)?.[0];
  if (!id) throw new Error(`not a ${type} of this stack`);
  return `\${${type}.${id}.${attribute}}`;
}

/** The test fixture environment (__tests__/support/fixtures.ts), validated: every default filled in. */
export function fixtureEnvironment(change: (input: ReturnType<typeof validInput>) => void = () => {}): Environment {
  const input = validInput();
  change(input);
  const result = validateEnvironment(input, FILE);
  if (!result.ok) throw new Error(`fixture invalid: ${JSON.stringify(result.errors)}`);
  return result.env;
}
