/**
 * Base of every environment stack: one Terraform state per stack, in the environment's backend
 * (S3, HCP Terraform or local), and the way stacks share values.
 *
 * Values cross stacks through named outputs of the producing stack (`publish`), read from its state
 * (`outputsOf`), not through CDKTF's automatic cross-stack references: the names are a stable
 * contract (a refactor of the producer cannot rename what consumers read), and the outputs are not
 * marked sensitive (plans of the consumer stay readable). Readable addresses, the refusal of direct
 * references and the faster synth this allows come from ProjectStack (src/cdktf-internals.ts).
 */
import { Construct } from "constructs";
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformOutput, type TerraformBackend, type TerraformRemoteState } from "cdktf";
import { ProjectStack } from "../cdktf-internals";
import type { Environment } from "../config/environment";
import { localStatePath, s3StateKey, stackName, workspaceName, type StackRole } from "../naming/state";

export class EnvironmentStack extends ProjectStack {
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
}
