/**
 * Instance types for a spot pool. cluster-autoscaler needs one size and family kind per pool, and
 * a spot pool needs at least four types to diversify over, so a kops group's types are narrowed
 * to one shape and, when that leaves fewer than four, widened with current families of the same
 * shape. Only sizes every family listed here offers are widened.
 */
import { architectureOf, instanceShape } from "../../config/instance-types";

/** Interchangeable families per family letter and architecture (same memory per vCPU). */
const FAMILIES: Partial<Record<string, Record<"x86_64" | "arm64", string[]>>> = {
  m: { x86_64: ["m7i", "m6i", "m7a", "m6a", "m5", "m5a"], arm64: ["m7g", "m6g", "m8g", "m7gd"] },
  c: { x86_64: ["c7i", "c6i", "c7a", "c6a", "c5", "c5a"], arm64: ["c7g", "c6g", "c8g", "c7gd"] },
  r: { x86_64: ["r7i", "r6i", "r7a", "r6a", "r5", "r5a"], arm64: ["r7g", "r6g", "r8g", "r7gd"] },
};
/** Sizes each family above offers. */
const COMMON_SIZES = new Set(["large", "xlarge", "2xlarge", "4xlarge"]);

export const MIN_SPOT_TYPES = 4;

export interface NarrowedTypes {
  /** Types of one shape, in the kops order. */
  kept: string[];
  /** Types of other shapes, left out. */
  dropped: string[];
}

/** The largest group of one shape (ties: the group of the first listed type). */
export function narrowToOneShape(types: string[]): NarrowedTypes {
  const groups = new Map<string, string[]>();
  for (const t of types) groups.set(instanceShape(t), [...(groups.get(instanceShape(t)) ?? []), t]);
  let best: string[] = [];
  for (const g of groups.values()) if (g.length > best.length) best = g;
  return { kept: best, dropped: types.filter((t) => !best.includes(t)) };
}

/** Same-shape types to add so a spot pool has at least four; [] when none can be found. */
export function spotSiblings(types: string[]): string[] {
  const [family, size] = types[0].split(".");
  const arch = architectureOf(types[0]);
  const candidates = FAMILIES[family[0]]?.[arch];
  if (!candidates || !COMMON_SIZES.has(size)) return [];
  const added = candidates.map((fam) => `${fam}.${size}`).filter((t) => !types.includes(t));
  return added.slice(0, Math.max(0, MIN_SPOT_TYPES - types.length));
}
