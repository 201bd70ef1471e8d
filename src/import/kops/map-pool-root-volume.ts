/**
 * A pool's root volume: size, type, IOPS, throughput and key, each only where the volume type
 * takes it. Always encrypted here.
 */
import * as f from "../../config/formats";
import type { WorkerPoolInput } from "../../config/worker-pool-schema";
import { isValid, type PoolMapping } from "./pool-mapping";

export function mapRootVolume(m: PoolMapping): void {
  const { r, to, pool } = m;
  const rootVolume: NonNullable<WorkerPoolInput["rootVolume"]> = {};
  const size = r.int(["spec", "rootVolumeSize"]);
  if (size !== undefined) {
    rootVolume.sizeGiB = Math.max(size, 20);
    r.carry(["spec", "rootVolumeSize"], to("rootVolume.sizeGiB"), size < 20 ? `${size} -> 20 GiB (the smallest root volume this project makes)` : undefined);
  }
  const volumeType = r.string(["spec", "rootVolumeType"]);
  const type = volumeType && ["gp3", "gp2", "io1", "io2"].includes(volumeType) ? (volumeType as "gp3" | "gp2" | "io1" | "io2") : undefined;
  if (volumeType !== undefined) {
    if (type) {
      rootVolume.type = type;
      r.carry(["spec", "rootVolumeType"], to("rootVolume.type"));
    } else r.drop(["spec", "rootVolumeType"], "root volumes are gp3, gp2, io1 or io2 here; gp3 applies");
  }
  const effectiveType = type ?? "gp3";
  const iops = r.int(["spec", "rootVolumeIops"]);
  if (iops !== undefined) {
    const fits = effectiveType === "gp3" ? iops >= 3000 && iops <= 16000 : effectiveType !== "gp2" && iops >= 100 && iops <= 256000;
    if (fits) {
      rootVolume.iops = iops;
      r.carry(["spec", "rootVolumeIops"], to("rootVolume.iops"));
    } else r.drop(["spec", "rootVolumeIops"], `outside what a ${effectiveType} volume takes (gp3: 3000-16000; gp2: none)`);
  }
  const throughput = r.int(["spec", "rootVolumeThroughput"]);
  if (throughput !== undefined) {
    if (effectiveType === "gp3" && throughput >= 125 && throughput <= 1000) {
      rootVolume.throughput = throughput;
      r.carry(["spec", "rootVolumeThroughput"], to("rootVolume.throughput"));
    } else r.drop(["spec", "rootVolumeThroughput"], "only gp3 volumes take a throughput, 125-1000 MiB/s");
  }
  const key = r.string(["spec", "rootVolumeEncryptionKey"]);
  if (key !== undefined) {
    if (isValid(f.kmsKeyArn, key)) {
      rootVolume.kmsKeyArn = key;
      r.carry(["spec", "rootVolumeEncryptionKey"], to("rootVolume.kmsKeyArn"));
    } else r.drop(["spec", "rootVolumeEncryptionKey"], "not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>); the account's default EBS key applies");
  }
  if (r.boolean(["spec", "rootVolumeEncryption"]) === true) r.carry(["spec", "rootVolumeEncryption"], to("rootVolume"), "always encrypted here");
  if (Object.keys(rootVolume).length > 0) pool.rootVolume = rootVolume;
}
