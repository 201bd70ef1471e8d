/**
 * Base of every stack: one Terraform state per stack, in the environment's backend, and resource
 * addresses people can read in a plan (`aws_eks_cluster.cluster`, `aws_autoscaling_group.pool_general_asg`)
 * instead of CDKTF's hashed ones. Addresses come from construct paths, so they only change when a
 * construct is renamed or moved, which is exactly when a `moved` block is due.
 */
import { Construct } from "constructs";
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformElement, TerraformStack } from "cdktf";
import type { Node } from "constructs";
import type { Environment } from "../config/environment";

export type StackRole = "access" | "cluster" | "addons";

export const stackName = (env: Environment, role: StackRole) => `${env.name}-${role}`;

/** Where the local backend keeps state: `<project>/.terraform-state/`, relative to generated/stacks/<stack>/. */
export const LOCAL_STATE_DIR = "../../../.terraform-state";

export class EnvironmentStack extends TerraformStack {
  private readonly logicalIds = new Map<string, string>();

  constructor(
    scope: Construct,
    readonly env: Environment,
    readonly role: StackRole,
  ) {
    super(scope, stackName(env, role));
    this.configureBackend();
  }

  private configureBackend(): void {
    const name = stackName(this.env, this.role);
    const s = this.env.state;
    switch (s.backend) {
      case "s3": {
        const backend = new S3Backend(this, {
          bucket: s.bucket,
          key: `${s.keyPrefix}/${name}.tfstate`,
          region: s.region,
          encrypt: true,
          ...(s.kmsKeyArn ? { kmsKeyId: s.kmsKeyArn } : {}),
        });
        // S3-native locking (Terraform >= 1.10); cdktf 0.21's S3BackendConfig has no field for it.
        backend.addOverride("use_lockfile", true);
        break;
      }
      case "cloud":
        new CloudBackend(this, {
          organization: s.organization,
          hostname: s.hostname,
          workspaces: new NamedCloudWorkspace(`${s.workspacePrefix}${name}`, s.project),
        });
        break;
      case "local":
        // A relative path keeps the output identical on every machine, and resolves to the same
        // file from the stack's own folder and from the folders of stacks that read its outputs.
        new LocalBackend(this, { path: `${LOCAL_STATE_DIR}/${name}.tfstate` });
        break;
    }
  }

  /** Construct path below the stack, snake_cased: `pool-general/asg` -> `pool_general_asg`. */
  allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const scopes = node.scopes;
    const components = scopes.slice(scopes.indexOf(this) + 1).map((c) => c.node.id);
    const id = components.join("_").replace(/[^A-Za-z0-9_]/g, "_");
    const path = node.path;
    const owner = this.logicalIds.get(id);
    if (owner !== undefined && owner !== path) {
      throw new Error(`Two constructs map to the Terraform address "${id}": ${owner} and ${path}. Rename one.`);
    }
    this.logicalIds.set(id, path);
    return id;
  }
}
