/**
 * Base of every stack: one Terraform state per stack, in the environment's backend, and resource
 * addresses people can read in a plan (`aws_eks_cluster.cluster`, `aws_autoscaling_group.pool_general_asg`)
 * instead of CDKTF's hashed ones. Addresses come from construct paths, so they only change when a
 * construct is renamed or moved, which is exactly when a `moved` block is due.
 *
 * Values cross stacks through named outputs of the producing stack, read from its state
 * (`outputsOf`), not through CDKTF's automatic cross-stack references: the names are a stable
 * contract (a refactor of the producer cannot rename what consumers read), the outputs are not
 * marked sensitive (plans of the consumer stay readable), and synth skips CDKTF's extra
 * resolution pass that only exists to discover automatic references (a third of synth time).
 */
import { Construct } from "constructs";
import {
  CloudBackend,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
  type TerraformBackend,
  type TerraformRemoteState,
} from "cdktf";
// The resolver and merge CDKTF's own toTerraform uses (see toTerraform below).
import { resolve } from "cdktf/lib/_tokens";
import { deepMerge } from "cdktf/lib/util";
import type { IConstruct, Node } from "constructs";
import type { Environment } from "../config/environment";
import { localStatePath, s3StateKey, stackName, workspaceName, type StackRole } from "../naming/state";


export class EnvironmentStack extends TerraformStack {
  private readonly logicalIds = new Map<string, string>();
  private readonly idsByNode = new WeakMap<Node, string>();
  private hasStackOverrides = false;
  private readonly remoteStates = new Map<EnvironmentStack, TerraformRemoteState>();
  readonly backend: TerraformBackend;

  constructor(
    scope: Construct,
    readonly env: Environment,
    readonly role: StackRole,
  ) {
    super(scope, stackName(env, role));
    this.backend = this.configureBackend();
  }

  /** A named output other stacks may read; the name is part of the stacks' contract. */
  publish(name: string, value: string | Record<string, string>, description: string): void {
    new TerraformOutput(this, name, { value, description });
  }

  /**
   * The published outputs of `producer`, read from its state. Also makes this stack depend on it,
   * so `cdktf deploy` applies them in order.
   */
  outputsOf(producer: EnvironmentStack): TerraformRemoteState {
    let state = this.remoteStates.get(producer);
    if (!state) {
      state = producer.backend.getRemoteStateDataSource(this, `${producer.role}-stack`, producer.node.id);
      this.addDependency(producer);
      this.remoteStates.set(producer, state);
    }
    return state;
  }

  /**
   * The stack as Terraform JSON, resolved in one walk. CDKTF's own version resolves every element,
   * merges the fragments, then resolves the merged tree again: a second full walk over values that
   * hold no tokens any more. Tokens could only remain in stack-level overrides, which these stacks
   * never set; if one ever does, CDKTF's version runs instead. The output is the same.
   */
  toTerraform(): Record<string, unknown> {
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
      deepMerge(metadata, resolve(this, e.toMetadata()));
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
    for (const e of elements) deepMerge(tf, resolve(this, e.toTerraform(), true));
    return tf;
  }

  addOverride(path: string, value: unknown): void {
    this.hasStackOverrides = true;
    super.addOverride(path, value);
  }

  /** Explicit outputs only (see above), so the preparing resolution pass has nothing to find. */
  prepareStack(): void {
    this.ensureBackendExists();
  }

  registerIncomingCrossStackReference(fromStack: TerraformStack): TerraformRemoteState {
    throw new Error(
      `${this.node.id} refers directly to a resource of ${fromStack.node.id}. Publish the value as an output of ` +
        `${fromStack.node.id} (publish) and read it here with outputsOf(): stacks share named outputs only.`,
    );
  }

  private configureBackend(): TerraformBackend {
    const name = stackName(this.env, this.role);
    const s = this.env.state;
    switch (s.backend) {
      case "s3": {
        const backend = new S3Backend(this, {
          bucket: s.bucket,
          key: s3StateKey(s, name),
          region: s.region,
          encrypt: true,
          ...(s.kmsKeyArn ? { kmsKeyId: s.kmsKeyArn } : {}),
        });
        // S3-native locking (Terraform >= 1.10); cdktf 0.21's S3BackendConfig has no field for it.
        backend.addOverride("use_lockfile", true);
        return backend;
      }
      case "cloud":
        return new CloudBackend(this, {
          organization: s.organization,
          hostname: s.hostname,
          workspaces: new NamedCloudWorkspace(workspaceName(s, name), s.project),
        });
      case "local":
        // A relative path keeps the output identical on every machine, and resolves to the same
        // file from the stack's own folder and from the folders of stacks that read its outputs.
        return new LocalBackend(this, { path: localStatePath(name) });
    }
  }

  /** Construct path below the stack, snake_cased: `pool-general/asg` -> `pool_general_asg`. */
  allocateLogicalId(element: TerraformElement | Node): string {
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
}
