/**
 * The user-data layer's check of an environment: EC2 accepts at most 16 KB of user-data per
 * instance, counted in raw form before base64. The launch template's `user_data` is the base64 of
 * the rendered document, which Terraform fills with the cluster endpoint and CA: those are counted
 * at their longest realistic length.
 */
import type { EnvironmentRule, Issue } from "../config/rules/rule";
import { poolBootstrap } from "./node-bootstrap";
import { renderUserData } from "./terraform-user-data";

/** EC2: "User data is limited to 16 KB, in raw form, before it is base64-encoded." */
export const USER_DATA_LIMIT_BYTES = 16 * 1024;

/** The longest endpoint EKS gives (32 hex digits, a 3-letter cell, China's longer suffix). */
const endpointPlaceholder = (region: string) => `https://${"0".repeat(32)}.gr7.${region}.eks.amazonaws.com.cn`;
/** The cluster CA as EKS returns it (base64 of the PEM): about 1,500 characters for its 2048-bit RSA certificate; 2 KB leaves room. */
const CA_PLACEHOLDER = "A".repeat(2048);

export const userDataFits: EnvironmentRule = (env) => {
  const out: Issue[] = [];
  const cluster = { name: env.cluster.name, serviceCidr: env.cluster.serviceCidr, apiServerEndpoint: endpointPlaceholder(env.region), certificateAuthority: CA_PLACEHOLDER };
  env.workerPools.forEach((p, i) => {
    const bytes = Buffer.byteLength(renderUserData(p.amiFamily, poolBootstrap(cluster, p)), "utf8");
    if (bytes > USER_DATA_LIMIT_BYTES) {
      out.push({
        path: p.extraShellScripts.length > 0 ? ["workerPools", i, "extraShellScripts"] : ["workerPools", i],
        message: `make the pool's user-data ${bytes.toLocaleString("en-US")} bytes; EC2 accepts at most ${USER_DATA_LIMIT_BYTES.toLocaleString("en-US")} (16 KB before base64): fetch a large script at boot (from S3 or an image) instead of embedding it`,
      });
    }
  });
  return out;
};
