/**
 * One kops InstanceGroup on its way to becoming a worker pool: what every part of the mapping
 * (map-pool-*.ts) reads from and writes to.
 */
import type { WorkerPoolInput } from "../../config/worker-pool-schema";
import type { FieldReader } from "./ledger";

export interface PoolMapping {
  /** The InstanceGroup document. */
  r: FieldReader;
  /** The InstanceGroup's name. */
  group: string;
  /** The pool's name. */
  name: string;
  /** Where a field lands in the environment, for the ledger: `workerPools(<name>).<field>`. */
  to: (field: string) => string;
  /** The pool built so far. */
  pool: Partial<WorkerPoolInput> & { name: string };
}

/** True when the value passes one of the environment's format checks. */
export const isValid = (schema: { check(v: unknown, p: [], i: []): boolean }, v: unknown) => schema.check(v, [], []);
