/**
 * What a pool's launch template takes from its InstanceGroup beyond the root volume: shell
 * user-data parts, extra security groups by id, the IMDS hop limit, and detailed monitoring
 * (always on here).
 */
import * as f from "../../config/formats";
import { isValid, type PoolMapping } from "./pool-mapping";

/** Shell user-data parts, in order; cloud-config and boothooks are not carried. */
export function mapUserData(m: PoolMapping): void {
  const { r, to, pool } = m;
  const scripts: string[] = [];
  (r.list(["spec", "additionalUserData"]) ?? []).forEach((_, i) => {
    const at = ["spec", "additionalUserData", i];
    const type = r.string([...at, "type"]);
    const content = r.string([...at, "content"]);
    if (content === undefined) return r.problem([...at, "content"], "is required");
    if (type === "text/x-shellscript" || (type === undefined && content.startsWith("#!"))) {
      scripts.push(content);
      r.carry([...at, "content"], to("extraShellScripts"));
    } else r.drop(at, `${type ?? "this part"}: only shell scripts are carried (cloud-config and boothooks are not); rewrite it as a shell script`);
  });
  if (scripts.length > 0) pool.extraShellScripts = scripts;
}

/** Extra security groups by id; IMDS hop limit; detailed monitoring (always on here). */
export function mapLaunchOptions(m: PoolMapping): void {
  const { r, to, pool } = m;
  const groups = r.strings(["spec", "additionalSecurityGroups"]) ?? [];
  const sgIds: string[] = [];
  groups.forEach((g, i) => {
    if (isValid(f.securityGroupId, g)) {
      sgIds.push(g);
      r.carry(["spec", "additionalSecurityGroups", i], to("securityGroupIds"));
    } else r.drop(["spec", "additionalSecurityGroups", i], "not a security group id (sg-0a1b2c3d4e5f67890)");
  });
  if (sgIds.length > 0) pool.securityGroupIds = sgIds;
  const hops = r.int(["spec", "instanceMetadata", "httpPutResponseHopLimit"]);
  if (hops !== undefined) {
    if (hops >= 1 && hops <= 64) {
      pool.metadataHopLimit = hops;
      r.carry(["spec", "instanceMetadata", "httpPutResponseHopLimit"], to("metadataHopLimit"));
    } else r.drop(["spec", "instanceMetadata", "httpPutResponseHopLimit"], "must be 1-64");
  }
  if (r.boolean(["spec", "detailedInstanceMonitoring"]) === true) r.carry(["spec", "detailedInstanceMonitoring"], to("(launch template)"), "always on here");
}
