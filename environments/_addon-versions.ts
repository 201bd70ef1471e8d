/**
 * EKS managed add-on versions for Kubernetes 1.34, pinned so an add-on changes only in a reviewed
 * commit. Shared by staging and production: staging takes a bump first, production follows.
 * To bump: `aws eks describe-addon-versions --kubernetes-version 1.34 --addon-name <name>
 * --query 'addons[].addonVersions[].addonVersion'`, change the version here, and review the
 * `addon_versions` output in the cluster stack's plan.
 */
export const ADDON_VERSIONS_1_34 = {
  vpcCni: "v1.20.4-eksbuild.2",
  kubeProxy: "v1.34.0-eksbuild.4",
  coredns: "v1.12.4-eksbuild.1",
  podIdentityAgent: "v1.3.9-eksbuild.3",
  ebsCsiDriver: "v1.51.1-eksbuild.1",
} as const;

/** The `cluster.managedAddons` block pinning every managed add-on. */
export function pinnedManagedAddons(versions: Record<keyof typeof ADDON_VERSIONS_1_34, string>, vpcCni: { prefixDelegation?: boolean } = {}) {
  return {
    vpcCni: { version: versions.vpcCni, ...vpcCni },
    kubeProxy: { version: versions.kubeProxy },
    coredns: { version: versions.coredns },
    podIdentityAgent: { version: versions.podIdentityAgent },
    ebsCsiDriver: { version: versions.ebsCsiDriver },
  };
}
