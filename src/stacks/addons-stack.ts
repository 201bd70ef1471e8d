/**
 * `<env>-addons`: what makes the cluster usable and what consumes the drain queue, through Helm
 * and Kubernetes. Everything it needs from AWS (endpoint, CA, queue, role ARNs, the edge load
 * balancer's name) is read from the cluster and access stacks' state.
 */
import { Fn } from "cdktf";
import type { Construct } from "constructs";
import type { Environment } from "../config/environment";
import { releaseValues, type AddonRefs } from "../addons/addon";
import { HELM_ADDONS } from "../addons/catalog";
import { ClusterObjects } from "../constructs/cluster-objects";
import { HelmAddonRelease } from "../constructs/helm-addon-release";
import type { AccessStack } from "./access-stack";
import type { ClusterStack } from "./cluster-stack";
import { EnvironmentStack } from "./environment-stack";
import { kubernetesProviders } from "./kubernetes-providers";

export class AddonsStack extends EnvironmentStack {
  constructor(scope: Construct, env: Environment, access: AccessStack, cluster: ClusterStack) {
    super(scope, env, "addons");
    kubernetesProviders(this, {
      clusterName: env.cluster.name,
      region: env.region,
      endpoint: cluster.cluster.endpoint,
      certificateAuthority: cluster.cluster.certificateAuthority,
      adminRoleArn: access.admin.role.arn,
    });
    // CDKTF marks cross-stack outputs sensitive, which would hide every release's values in
    // plans. A queue URL, role ARNs and a load balancer name are not secrets: show them.
    const shown = (value: string) => Fn.nonsensitive(value);
    const refs: AddonRefs = {
      drainQueueUrl: shown(cluster.drainQueue.queue.url),
      roleArns: Object.fromEntries(Object.entries(cluster.addonRoleArns).map(([k, arn]) => [k, shown(arn)])),
      ...(cluster.edge ? { edgeHostname: shown(cluster.edge.loadBalancer.dnsName) } : {}),
    };
    for (const addon of HELM_ADDONS) {
      if (!env.addons[addon.key].enabled) continue;
      new HelmAddonRelease(this, addon.release, { addon, values: releaseValues(addon, env, refs) });
    }
    const objects = env.addons.clusterObjects;
    if (objects.defaultStorageClass || objects.readOnlyGroups.length > 0) {
      new ClusterObjects(this, "cluster-objects", objects);
    }
  }
}
