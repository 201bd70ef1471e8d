/**
 * Validation of the extra Helm values an environment adds to its add-ons: merged over the
 * generated values and checked against the pinned chart exactly like the generated ones, with
 * problems reported at `addons.<addon>.values.<path>`.
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
  return extended.flatMap((addon) =>
    checkChartValues(addon, releaseValues(addon, env, refs), Object.keys(env.addons[addon.key].values)).map((p) => ({
      path: ["addons", addon.key, "values", ...(p.path ? p.path.split(".") : [])],
      message: p.message,
    })),
  );
}
