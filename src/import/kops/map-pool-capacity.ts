/**
 * A pool's capacity from its InstanceGroup: machine types (narrowed to one shape, widened for
 * spot), the on-demand and spot mix, and sizes. On-demand unless kops asked for spot (maxPrice,
 * or a mixed policy below 100% on-demand).
 */
import * as f from "../../config/formats";
import { POOL_PRESETS } from "../../config/pool-presets";
import { SPOT_ALLOCATION_STRATEGIES, type PoolClass, type WorkerPoolInput } from "../../config/worker-pool-schema";
import type { FieldReader } from "./ledger";
import { isValid, type PoolMapping } from "./pool-mapping";
import { MIN_SPOT_TYPES, narrowToOneShape, spotSiblings } from "./spot-diversity";

/** What kops said about the group's capacity, read before the pool's class is known. */
export interface KopsCapacity {
  mixed: Record<string, unknown> | undefined;
  machineType: string | undefined;
  /** `mixedInstancesPolicy.instances`, when given. */
  policyTypes: string[] | undefined;
  /** The group's instance types: the policy's, or else the machine type. Never empty. */
  kopsTypes: string[];
  onDemandBase: number;
  onDemandAbove: number;
  minSize: number | undefined;
  maxSize: number | undefined;
  /** kops ran part of the group on spot. */
  spot: boolean;
}

/** Undefined (with the problem recorded) when the group names no valid instance type. */
export function readCapacity(r: FieldReader): KopsCapacity | undefined {
  const mixed = r.map(["spec", "mixedInstancesPolicy"]);
  const machineType = r.string(["spec", "machineType"]);
  const policyTypes = r.strings(["spec", "mixedInstancesPolicy", "instances"]);
  const kopsTypes = policyTypes && policyTypes.length > 0 ? policyTypes : machineType ? [machineType] : [];
  if (kopsTypes.length === 0) {
    r.problem(["spec", "machineType"], "is required (or mixedInstancesPolicy.instances)");
    return undefined;
  }
  const badType = kopsTypes.find((t) => !isValid(f.instanceType, t));
  if (badType) {
    r.problem(policyTypes ? ["spec", "mixedInstancesPolicy", "instances"] : ["spec", "machineType"], `${JSON.stringify(badType)} is not an EC2 instance type`);
    return undefined;
  }
  const maxPrice = r.has(["spec", "maxPrice"]);
  const onDemandBase = r.int(["spec", "mixedInstancesPolicy", "onDemandBase"]) ?? 0;
  const onDemandAbove = r.int(["spec", "mixedInstancesPolicy", "onDemandAboveBase"]) ?? (maxPrice ? 0 : 100);
  if (onDemandAbove > 100) r.problem(["spec", "mixedInstancesPolicy", "onDemandAboveBase"], "must be 0-100");
  const minSize = r.int(["spec", "minSize"]);
  const maxSize = r.int(["spec", "maxSize"]);
  return { mixed, machineType, policyTypes, kopsTypes, onDemandBase, onDemandAbove, minSize, maxSize, spot: onDemandAbove < 100 };
}

/** Instance types: one shape for cluster-autoscaler, at least four for spot. */
export function mapInstanceTypes(m: PoolMapping, capacity: KopsCapacity, cls: PoolClass): void {
  const { r, name, to, pool } = m;
  const { mixed, machineType, policyTypes, kopsTypes, onDemandBase, onDemandAbove, maxSize, spot } = capacity;
  const { kept, dropped } = narrowToOneShape(kopsTypes);
  let instanceTypes = kept;
  const typesPath = policyTypes ? ["spec", "mixedInstancesPolicy", "instances"] : ["spec", "machineType"];
  let typesNote = dropped.length > 0 ? `${dropped.join(", ")} not carried: cluster-autoscaler models a pool on one size and family kind; add pools for them if you need them` : undefined;
  let percentage = onDemandAbove;
  if (spot && (maxSize ?? POOL_PRESETS[cls].maxSize) > onDemandBase && instanceTypes.length < MIN_SPOT_TYPES) {
    const siblings = spotSiblings(instanceTypes);
    if (instanceTypes.length + siblings.length >= MIN_SPOT_TYPES) {
      instanceTypes = [...instanceTypes, ...siblings];
      typesNote = [typesNote, `added ${siblings.join(", ")} (same size and family kind) so spot has ${MIN_SPOT_TYPES} types to diversify over`].filter(Boolean).join("; ");
    } else {
      percentage = 100;
      r.ledger.actions.push(
        `Pool ${name} ran on spot with ${instanceTypes.join(", ")}, too few interchangeable types for a diversified spot pool: it is on-demand here. List at least ${MIN_SPOT_TYPES} types of one size and family kind and lower onDemandPercentageAboveBase to use spot again.`,
      );
    }
  }
  pool.instanceTypes = instanceTypes;
  r.carry(typesPath, to("instanceTypes"), typesNote);
  if (policyTypes && machineType !== undefined) {
    if (instanceTypes.includes(machineType)) r.carry(["spec", "machineType"], to("instanceTypes"));
    else r.drop(["spec", "machineType"], "mixedInstancesPolicy.instances decide the pool's types");
  }
  pool.onDemandBaseCapacity = onDemandBase;
  pool.onDemandPercentageAboveBase = percentage;
  if (mixed) {
    if (r.has(["spec", "mixedInstancesPolicy", "onDemandBase"])) r.carry(["spec", "mixedInstancesPolicy", "onDemandBase"], to("onDemandBaseCapacity"));
    if (r.has(["spec", "mixedInstancesPolicy", "onDemandAboveBase"])) {
      r.carry(["spec", "mixedInstancesPolicy", "onDemandAboveBase"], to("onDemandPercentageAboveBase"), percentage !== onDemandAbove ? `${onDemandAbove} -> ${percentage} (see the actions)` : undefined);
    }
    const strategy = r.string(["spec", "mixedInstancesPolicy", "spotAllocationStrategy"]);
    if (strategy !== undefined) {
      if ((SPOT_ALLOCATION_STRATEGIES as readonly string[]).includes(strategy)) {
        pool.spotAllocationStrategy = strategy as WorkerPoolInput["spotAllocationStrategy"];
        r.carry(["spec", "mixedInstancesPolicy", "spotAllocationStrategy"], to("spotAllocationStrategy"));
      } else r.drop(["spec", "mixedInstancesPolicy", "spotAllocationStrategy"], `not one of ${SPOT_ALLOCATION_STRATEGIES.join(", ")}; price-capacity-optimized applies`);
    } else if (spot) {
      r.ledger.decisions.push(`Pool ${name}: spot capacity uses price-capacity-optimized (kops left AWS's default, lowest-price).`);
    }
  }
  const rebalance = r.boolean(["spec", "capacityRebalance"]);
  if (rebalance !== undefined) {
    pool.capacityRebalance = rebalance;
    r.carry(["spec", "capacityRebalance"], to("capacityRebalance"));
  }
}

/** Sizes as kops gave them; a missing one is the class default. */
export function mapSizes(m: PoolMapping, capacity: KopsCapacity, cls: PoolClass): void {
  const { r, name, to, pool } = m;
  const { minSize, maxSize } = capacity;
  if (minSize !== undefined) {
    pool.minSize = minSize;
    r.carry(["spec", "minSize"], to("minSize"));
  }
  if (maxSize !== undefined) {
    if (minSize !== undefined && maxSize < minSize) r.problem(["spec", "maxSize"], `must be >= minSize (${minSize})`);
    pool.maxSize = maxSize;
    r.carry(["spec", "maxSize"], to("maxSize"));
  }
  if (minSize === undefined || maxSize === undefined) r.ledger.decisions.push(`Pool ${name}: kops gave no ${minSize === undefined ? "minSize" : "maxSize"}; the ${cls} class default applies.`);
}
