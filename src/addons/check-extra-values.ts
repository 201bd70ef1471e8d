/**
 * Validation of the extra Helm values an environment adds to its add-ons: merged over the
 * generated values and checked against the pinned chart exactly like the generated ones, then
 * against the add-on's invariants (timings the other stacks were built for), with problems
 * reported at `addons.<addon>.values.<path>`.
 */
import type { Environment } from "../config/environment";
import type { Path } from "../config/errors";
import { placeholderRefs, releaseValues } from "./addon";
import { HELM_ADDONS } from "./catalog";
import { checkChartValues } from "./chart-values";

export function checkAddonValues(env: Environment): { path: Path; message: string }[] {
  const extended = HELM_ADDONS.filter((a) => env.addons[a.key].enabled && Object.keys(env.addons[a.key].values).length > 0);
  if (extended.length === 0) return [];
  const refs = placeholderRefs(env);
  return extended.flatMap((addon) => {
    const values = releaseValues(addon, env, refs);
    const chartProblems = checkChartValues(addon, values, Object.keys(env.addons[addon.key].values));
    const problems = chartProblems.length > 0 ? chartProblems : (addon.invariants?.(values, env) ?? []);
    return problems.map((p) => ({ path: ["addons", addon.key, "values", ...(p.path ? p.path.split(".") : [])], message: p.message }));
  });
}
