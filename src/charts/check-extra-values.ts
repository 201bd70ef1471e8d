/**
 * Validation of the extra Helm values an environment adds to its add-ons: first, none may set a
 * value the stack owns (src/charts/owned-values.ts); then they are merged over the generated
 * values and checked against the pinned chart exactly like the generated ones, then against the
 * add-on's invariants (timings the other stacks were built for). Problems are
 * reported at `addons.<addon>.values.<path>`.
 */
import type { Environment } from "../config/environment";
import type { Path } from "../config/errors";
import { placeholderRefs, releaseValues } from "./addon";
import { HELM_ADDONS } from "./catalog";
import { checkChartValues } from "./chart-values";
import { ownedValueProblems } from "./owned-values";

export function checkAddonValues(env: Environment): { path: Path; message: string }[] {
  const extended = HELM_ADDONS.filter((a) => env.addons[a.key].enabled && Object.keys(env.addons[a.key].values).length > 0);
  if (extended.length === 0) return [];
  const refs = placeholderRefs(env);
  return extended.flatMap((addon) => {
    const extra = env.addons[addon.key].values;
    const at = (segments: string[]): Path => ["addons", addon.key, "values", ...segments];
    const owned = ownedValueProblems(addon.owned?.(env) ?? [], extra);
    if (owned.length > 0) return owned.map((p) => ({ path: at(p.at), message: p.message }));
    const values = releaseValues(addon, env, refs);
    const chartProblems = checkChartValues(addon, values, Object.keys(extra)).map((p) => ({ path: at(p.at), message: p.message }));
    if (chartProblems.length > 0) return chartProblems;
    return (addon.invariants?.(values, env) ?? []).map((p) => ({ path: at(p.path ? p.path.split(".") : []), message: p.message }));
  });
}
