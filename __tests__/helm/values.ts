/**
 * A helm_release's values as Helm would receive them after `terraform apply`: every reference to
 * another stack's output replaced by what that stack produces (realistic values, typed as the
 * producing attribute is: a string stays a string, a number becomes a JSON number), and
 * Terraform's escapes (`$${`, `%%{`) turned back into the literal text.
 */
import type { Environment } from "../../src/config/environment";
import type { StackJson } from "../support/reference";
import { stackOverrides } from "../terraform/stack-fixtures";

const REFERENCE = /\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\}/g;

export interface ReleaseValues {
  /** The values, parsed. */
  values: Record<string, unknown>;
  /** Each reference found, with the value put in its place. */
  substituted: Map<string, unknown>;
}

/**
 * `document` is the helm_release's values string; `producers` the environment's other stacks, by
 * stack name. Fails on any interpolation that is not a plain cross-stack output.
 */
export function releaseValues(env: Environment, stackName: string, document: string, producers: Record<string, StackJson>): ReleaseValues {
  // Remote-state reads of this document only: stackOverrides answers each with what the producer's output holds.
  const reads = stackOverrides({ env, stackName, stack: { resource: { helm_release: { values: { values: [document] } } } }, producers });
  const outputs = new Map<string, Record<string, unknown>>();
  for (const o of reads) if (o.kind === "data") outputs.set(o.address.replace(/^data\.terraform_remote_state\./, ""), o.values.outputs as Record<string, unknown>);

  const substituted = new Map<string, unknown>();
  const valueOf = (state: string, output: string, ref: string) => {
    const v = outputs.get(state)?.[output];
    if (v === undefined) throw new Error(`${stackName}: no produced value for ${ref}`);
    substituted.set(ref, v);
    return v;
  };
  // A whole JSON string that is one reference takes the value's own JSON type.
  let text = document.replace(new RegExp(`"${REFERENCE.source}"`, "g"), (ref, state: string, output: string) =>
    JSON.stringify(valueOf(state, output, ref.slice(1, -1))),
  );
  // A reference inside a longer string: the value's text, escaped for JSON.
  text = text.replace(REFERENCE, (ref, state: string, output: string) => JSON.stringify(String(valueOf(state, output, ref))).slice(1, -1));
  const leftover = /(?<!\$)\$\{[^}]*\}|(?<!%)%\{[^}]*\}/.exec(text);
  if (leftover) throw new Error(`${stackName}: values carry a Terraform expression the render check cannot stand in for: ${leftover[0]}`);
  text = text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
  return { values: JSON.parse(text) as Record<string, unknown>, substituted };
}
