/**
 * Everything this project does with CDKTF beyond its documented use, in one file: the one private
 * module path it imports, the one it patches, and every CDKTF method it overrides. Written against
 * cdktf 0.21.0, the last release. When moving to the community fork or another version, this file is
 * the checklist: __tests__/cdktf-internals.test.ts compares the shortcuts below with CDKTF's own code
 * for every reference stack, and guards that no other file reaches into CDKTF's internals.
 *
 * Why: readable resource addresses, a faster synth, and stacks that share named outputs
 * only (no automatic cross-stack references). Each piece says what it relies on.
 */
import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformOutput, TerraformStack, Tokenization, type TerraformRemoteState } from "cdktf";
import type { IConstruct, Node } from "constructs";
// Private: CDKTF's merge of element fragments (nested objects merged, arrays concatenated,
// `undefined` deletes a key). Ours must merge exactly as CDKTF's toTerraform does, so it uses
// CDKTF's. Check: still exported from lib/util, same semantics (the equivalence test will tell).
import { deepMerge } from "cdktf/lib/util";

/** The resolver CDKTF's own toTerraform uses (it builds the same one in the private lib/_tokens). */
const RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * Base of every stack of the project. Overrides four TerraformStack methods:
 *
 * - allocateLogicalId: addresses from construct paths (`aws_eks_cluster.cluster`), not CDKTF's hashed
 *   ids. Relies on CDKTF calling it (through getLogicalId) for every element and every reference.
 * - toTerraform: one resolution walk instead of CDKTF's two (see there).
 * - prepareStack: skips CDKTF's discovery pass for automatic cross-stack references (see there).
 * - registerIncomingCrossStackReference: refuses automatic cross-stack references.
 *
 * addOverride is overridden only to notice stack-level overrides, which make toTerraform fall back.
 */
export abstract class ProjectStack extends TerraformStack {
  private readonly logicalIds = new Map<string, string>();
  private readonly idsByNode = new WeakMap<Node, string>();
  private hasStackOverrides = false;

  /**
   * The stack as Terraform JSON, resolved in one walk. CDKTF 0.21.0's version resolves every
   * element, merges the fragments and stack overrides, then resolves the merged tree again: a second
   * full walk over values that hold no tokens any more. Tokens could only remain in stack-level
   * overrides (addOverride on the stack): a stack that has any, such as the add-ons stacks with
   * their ephemeral cluster token, gets CDKTF's version instead.
   * Relies on: the layout of CDKTF's output (`//` metadata and outputs, then merged fragments) and
   * TerraformElement.toMetadata/toTerraform. Check: CDKTF's TerraformStack.toTerraform unchanged.
   */
  override toTerraform(): Record<string, unknown> {
    if (this.hasStackOverrides) return super.toTerraform() as Record<string, unknown>;
    const elements: TerraformElement[] = [];
    const visit = (c: IConstruct) => {
      if (TerraformElement.isTerraformElement(c)) elements.push(c);
      for (const child of c.node.children) if (!TerraformStack.isStack(child)) visit(child);
    };
    visit(this);
    const metadata: Record<string, unknown> = { version: this.node.tryGetContext("cdktfVersion"), stackName: this.node.id, backend: "local" };
    const outputs: Record<string, unknown> = {};
    for (const e of elements) {
      deepMerge(metadata, this.resolveTokens(e.toMetadata(), false));
      if (TerraformOutput.isTerraformOutput(e)) {
        // The output's construct path, nested, ending in its Terraform name.
        const leaf = e.node.path.split("/").reduceRight<unknown>((inner, part) => ({ [part]: inner }), e.friendlyUniqueId);
        deepMerge(outputs, leaf as Record<string, unknown>);
      }
    }
    const tf: Record<string, unknown> = { "//": { metadata, outputs } };
    // Resolved in "preparing" mode, the only mode in which CDKTF notices a reference to another
    // stack's resource: registerIncomingCrossStackReference then refuses it, instead of the
    // reference being written out pointing at a resource this stack does not have.
    for (const e of elements) deepMerge(tf, this.resolveTokens(e.toTerraform(), true));
    return tf;
  }

  override addOverride(path: string, value: unknown): void {
    this.hasStackOverrides = true;
    super.addOverride(path, value);
  }

  /**
   * CDKTF 0.21.0's version also resolves every element in "preparing" mode, only to discover
   * automatic cross-stack references and create their outputs and remote states (a third of synth
   * time). Our stacks share explicit outputs only, so that pass has nothing to find; toTerraform's
   * single walk is itself in preparing mode, so a stray reference is still refused.
   * Check: CDKTF's prepareStack does nothing else besides ensureBackendExists.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  /**
   * Called by CDKTF (App.crossStackReference) when a token of this stack resolves to another
   * stack's element. Stacks share named outputs only: a stable contract, not sensitive, readable.
   */
  override registerIncomingCrossStackReference(fromStack: TerraformStack): TerraformRemoteState {
    throw new Error(
      `${this.node.id} refers directly to a resource of ${fromStack.node.id}. Publish the value as an output of ` +
        `${fromStack.node.id} (publish) and read it here with outputsOf(): stacks share named outputs only.`,
    );
  }

  /**
   * Construct path below the stack, snake_cased: `pool-general/asg` -> `pool_general_asg`. Addresses
   * change only when a construct is renamed or moved, exactly when a `moved` block is due.
   * Check: CDKTF still routes every logical id through this method (documented as overridable).
   */
  override allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    // Asked for on every reference to the element while resolving: compute once.
    const known = this.idsByNode.get(node);
    if (known !== undefined) return known;
    const scopes = node.scopes;
    const id = scopes
      .slice(scopes.indexOf(this) + 1)
      .map((c) => c.node.id)
      .join("_")
      .replace(/[^A-Za-z0-9_]/g, "_");
    const owner = this.logicalIds.get(id);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(`Two constructs map to the Terraform address "${id}": ${owner} and ${node.path}. Rename one.`);
    }
    this.logicalIds.set(id, node.path);
    this.idsByNode.set(node, id);
    return id;
  }

  /** CDKTF's token resolution, through its public API, as its own toTerraform calls it. */
  private resolveTokens(value: unknown, preparing: boolean): Record<string, unknown> {
    return Tokenization.resolve(value, { scope: this, preparing, resolver: RESOLVER }) as Record<string, unknown>;
  }
}

/**
 * CDKTF records the full stack trace of every token it creates (tens of thousands per synth), only
 * to name where a token came from if it ever fails to resolve. This replaces that capture with an
 * empty trace; the output is byte for byte the same. Relies on cdktf 0.21.0's private module
 * lib/tokens/private/stack-trace, whose `captureStackTrace` export CDKTF looks up on every call.
 * Check: the module and export still exist; if not, this throws at start-up rather than going quiet.
 */
export function skipTokenStackTraces(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stackTrace = require("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace?: () => string[] };
  if (typeof stackTrace.captureStackTrace !== "function") {
    throw new Error("cdktf/lib/tokens/private/stack-trace no longer exports captureStackTrace: update src/cdktf-internals.ts");
  }
  stackTrace.captureStackTrace = () => [];
}
