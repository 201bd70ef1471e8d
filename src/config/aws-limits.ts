/**
 * Limits AWS (or a working cluster) puts on what an environment may ask for, checked at synth
 * time so they fail with a field instead of mid-apply:
 *
 * - 50 tags per resource (EC2, Auto Scaling, IAM, SQS, EKS, ...). A pool's group and instances
 *   carry the environment's tags, the project's own and a node-template tag per label and taint.
 * - 16 KB of user-data per instance, counted in raw form before base64 (EC2's rule; the launch
 *   template's `user_data` is the base64 of the rendered document, which Terraform fills with the
 *   cluster endpoint and CA: those are counted at their longest realistic length).
 * - At most MAX_WORKER_POOLS pools per environment (see its comment).
 * - Someone must run the cluster's own components: the system pools may not all scale to zero.
 */
import { defaultTags } from "../naming/default-tags";
import type { Environment } from "./environment";
import type { Path } from "./errors";
import { names } from "../naming/names";
import { workerPoolTags } from "../naming/worker-pool-tags";
import { poolBootstrap } from "../userdata/node-bootstrap";
import { renderUserData } from "../userdata/terraform-user-data";

export const MAX_TAGS_PER_RESOURCE = 50;
/** EC2: "User data is limited to 16 KB, in raw form, before it is base64-encoded." */
export const USER_DATA_LIMIT_BYTES = 16 * 1024;
/**
 * Pools per environment. Each pool is about 4 resources and 1 data source in the cluster stack
 * and 6 in the access stack, and Terraform refreshes every one on every plan: at 30 pools the
 * cluster stack is already about 170 resources. It is also the number of managed node groups EKS
 * allows per cluster, the scale EKS is designed for. More pools than this is better served by
 * splitting pools by size, or the cluster.
 */
export const MAX_WORKER_POOLS = 30;

/** Tags of the project's own that a resource may carry besides the default ones (a security group's Name and ownership). */
const OWN_TAGS = (cluster: string) => ["Name", names.clusterOwnershipTag(cluster)];

/** The longest endpoint EKS gives (32 hex digits, a 3-letter cell, China's longer suffix). */
const endpointPlaceholder = (region: string) => `https://${"0".repeat(32)}.gr7.${region}.eks.amazonaws.com.cn`;
/** The cluster CA as EKS returns it (base64 of the PEM): about 1,500 characters for its 2048-bit RSA certificate; 2 KB leaves room. */
const CA_PLACEHOLDER = "A".repeat(2048);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function awsLimitProblems(env: Environment): { path: Path; message: string }[] {
  const out: { path: Path; message: string }[] = [];
  const c = env.cluster.name;
  const base = defaultTags(env, `${env.name}-cluster`);

  const everyResource = new Set([...Object.keys(base), ...OWN_TAGS(c)]).size;
  if (everyResource > MAX_TAGS_PER_RESOURCE) {
    out.push({
      path: ["tags"],
      message: `has ${Object.keys(env.tags).length} tags; with the project's own, resources would carry up to ${everyResource} (AWS limit ${MAX_TAGS_PER_RESOURCE} per resource)`,
    });
  } else {
    env.workerPools.forEach((p, i) => {
      const count = Object.keys(workerPoolTags(c, p, base)).length;
      if (count > MAX_TAGS_PER_RESOURCE) {
        out.push({
          path: ["workerPools", i, "labels"],
          message: `with ${plural(Object.keys(p.labels).length, "label")} and ${plural(p.taints.length, "taint")} (each a cluster-autoscaler node-template tag) on top of the environment's tags, the pool's Auto Scaling group and instances would carry ${count} tags (AWS limit ${MAX_TAGS_PER_RESOURCE})`,
        });
      }
    });
  }

  env.workerPools.forEach((p, i) => {
    const document = renderUserData(
      p.amiFamily,
      poolBootstrap({ name: c, serviceCidr: env.cluster.serviceCidr, apiServerEndpoint: endpointPlaceholder(env.region), certificateAuthority: CA_PLACEHOLDER }, p),
    );
    const bytes = Buffer.byteLength(document, "utf8");
    if (bytes > USER_DATA_LIMIT_BYTES) {
      out.push({
        path: p.extraShellScripts.length > 0 ? ["workerPools", i, "extraShellScripts"] : ["workerPools", i],
        message: `make the pool's user-data ${bytes.toLocaleString("en-US")} bytes; EC2 accepts at most ${USER_DATA_LIMIT_BYTES.toLocaleString("en-US")} (16 KB before base64): fetch a large script at boot (from S3 or an image) instead of embedding it`,
      });
    }
  });

  if (env.workerPools.length > MAX_WORKER_POOLS) {
    out.push({
      path: ["workerPools"],
      message: `has ${env.workerPools.length} pools; at most ${MAX_WORKER_POOLS} per environment (every pool adds about 10 resources that Terraform refreshes on every plan): split pools by size rather than one per instance type, or split the cluster`,
    });
  }

  const system = env.workerPools.map((p, i) => ({ p, i })).filter(({ p }) => p.class === "system");
  if (system.length > 0 && system.every(({ p }) => p.minSize === 0)) {
    out.push({
      path: ["workerPools", system[0].i, "minSize"],
      message: "is 0 on every system pool: the drainer and the cluster autoscaler run there, so no node would ever be drained or started; give a system pool minSize 1 or more (2 keeps the drainer's replicas apart)",
    });
  }
  return out;
}
