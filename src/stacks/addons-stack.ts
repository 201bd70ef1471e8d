/**
 * `<env>-addons`: what makes the cluster usable and what consumes the drain queue, through Helm
 * and Kubernetes, authenticated as the admin role through the stack's own AWS provider. Everything it needs from AWS (endpoint, CA, queue, role ARNs, the edge load
 * balancer's name) is read from the published outputs in the cluster and access stacks' state.
 */
import type { Construct } from "constructs";
import type { Environment } from "../config/environment";
import { releaseValues, type AddonRefs } from "../charts/addon";
import { HELM_ADDONS } from "../charts/catalog";
import { ClusterObjects } from "../constructs/addons/cluster-objects";
import { ChartRelease } from "../constructs/addons/chart-release";
import { PlanReaderRbac } from "../constructs/addons/plan-reader-rbac";
import type { ITerraformDependable } from "cdktf";
import type { AccessStack } from "./access-stack";
import { awsProvider } from "./aws-provider";
import type { ClusterStack } from "./cluster-stack";
import { EnvironmentStack } from "./environment-stack";
import { kubernetesProviders } from "./kubernetes-providers";
import { ACCESS_OUTPUTS, CLUSTER_OUTPUTS } from "./stack-outputs";

export class AddonsStack extends EnvironmentStack {
  constructor(scope: Construct, env: Environment, access: AccessStack, cluster: ClusterStack) {
    super(scope, env, "addons");
    const fromAccess = this.outputsOf(access);
    const fromCluster = this.outputsOf(cluster);
    const adminRoleArn = fromAccess.getString(ACCESS_OUTPUTS.adminRoleArn);
    // Its own AWS provider, as the admin role like the cluster stack's: it mints the cluster token.
    awsProvider(this, { assumeRoleArn: adminRoleArn, planRoleArn: fromAccess.getString(ACCESS_OUTPUTS.readerRoleArn) });
    kubernetesProviders(this, {
      clusterName: env.cluster.name,
      region: env.region,
      endpoint: fromCluster.getString(CLUSTER_OUTPUTS.endpoint),
      certificateAuthority: fromCluster.getString(CLUSTER_OUTPUTS.certificateAuthority),
      adminRoleArn,
      auth: env.addons.kubernetesAuth,
    });
    const refs: AddonRefs = {
      drainQueueUrl: fromCluster.getString(CLUSTER_OUTPUTS.drainQueueUrl),
      ...(cluster.edge ? { edgeHostname: fromCluster.getString(CLUSTER_OUTPUTS.edgeHostname) } : {}),
    };
    const releaseNamespaces: Record<string, ITerraformDependable[]> = {};
    for (const addon of HELM_ADDONS) {
      if (!env.addons[addon.key].enabled) continue;
      const r = new ChartRelease(this, addon.release, { addon, values: releaseValues(addon, env, refs) });
      (releaseNamespaces[addon.namespace] ??= []).push(r.release);
    }
    // Plans run as the reader role: let it read (only) what this stack manages.
    new PlanReaderRbac(this, "plan-reader", { releaseNamespaces });
    const objects = { ...env.addons.clusterObjects, ingressNginxClass: env.addons.traefik.enabled && env.addons.traefik.serveIngressNginxClass };
    if (objects.defaultStorageClass || objects.readOnlyGroups.length > 0 || objects.ingressNginxClass) {
      new ClusterObjects(this, "cluster-objects", objects);
    }
  }
}
