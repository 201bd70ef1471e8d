/**
 * EKS managed add-ons. A version pinned in config is used as is; otherwise the version EKS marks
 * as default for the cluster's Kubernetes version, looked up at plan time, so an upgrade of the
 * cluster version moves the add-ons with it in the same plan (and so can an unrelated apply after
 * AWS changes its default: environments that review every upgrade pin the versions).
 */
import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { DataAwsEksAddonVersion } from "@cdktf/provider-aws/lib/data-aws-eks-addon-version";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { MANAGED_ADDON_NAMES, type ManagedAddonKey } from "../../config/managed-addons";
import type { ServiceAccountRef } from "../../iam/pod-identity-trust";


export interface ManagedAddonProps {
  clusterName: string;
  kubernetesVersion: string;
  /** Pinned version; default: EKS's default for the Kubernetes version. */
  version?: string;
  /** Pod Identity role for one of the add-on's service accounts (access stack). Default: none. */
  podIdentity?: { roleArn: string; serviceAccount: ServiceAccountRef };
  /** Add-on configuration (JSON, per the add-on's configuration schema). Default: EKS defaults. */
  configurationValues?: string;
  /** Resources the add-on must wait for (coredns waits for nodes to schedule on). */
  dependsOn?: ITerraformDependable[];
}

export class ManagedAddon extends Construct {
  readonly addon: EksAddon;
  /** The EKS add-on name (`vpc-cni`, ...). */
  readonly addonName: string;
  /** The version installed: pinned, or resolved at plan time. */
  readonly version: string;

  constructor(scope: Construct, key: ManagedAddonKey, props: ManagedAddonProps) {
    const name = MANAGED_ADDON_NAMES[key];
    super(scope, name);
    this.addonName = name;
    const version =
      props.version ??
      new DataAwsEksAddonVersion(this, "default-version", {
        addonName: name,
        kubernetesVersion: props.kubernetesVersion,
        mostRecent: false,
      }).version;
    this.addon = new EksAddon(this, "addon", {
      clusterName: props.clusterName,
      addonName: name,
      addonVersion: version,
      // Create: the cluster starts without self-managed add-ons (bootstrapSelfManagedAddons is
      // off), so there is nothing of anyone's to overwrite. Update: PRESERVE, so an upgrade never
      // silently overwrites a field a team changed in the cluster (a CoreDNS replica count set by
      // an autoscaler, say); what this project configures goes through configurationValues,
      // which EKS applies as given either way.
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "PRESERVE",
      ...(props.podIdentity ? { podIdentityAssociation: [{ roleArn: props.podIdentity.roleArn, serviceAccount: props.podIdentity.serviceAccount.name }] } : {}),
      ...(props.configurationValues ? { configurationValues: props.configurationValues } : {}),
      ...(props.dependsOn ? { dependsOn: props.dependsOn } : {}),
    });
    this.version = version;
  }
}
