/**
 * Helm values the stack owns: the ones that carry a guarantee (the drainer drains this cluster's
 * nodes through its queue, the autoscaler scales only this cluster's groups, Traefik has no
 * LoadBalancer Service, every component runs on the pools meant for it with the identity EKS Pod
 * Identity gives it). An environment's extra values may not set them; each refusal names the key
 * and what to change instead. Everything else stays open to extra values.
 */

/** A values path the stack sets; `*` matches any one key. */
export interface OwnedValue {
  path: string[];
  /** Why it is the stack's, and what to change instead. */
  reason: string;
}

export interface OwnedValueProblem {
  /** Where in the extra values, key by key. */
  at: string[];
  message: string;
}

const ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

/** nodeSelector and tolerations under `prefix`: where the component runs follows the pools. */
export function placementOwned(prefix: string[] = [], poolClass = "system"): OwnedValue[] {
  const reason = `placement follows the labels and taints of the ${poolClass} pools; change those pools' labels or taints instead`;
  return [
    { path: [...prefix, "nodeSelector"], reason },
    { path: [...prefix, "tolerations"], reason },
  ];
}

/** The service account EKS Pod Identity binds the component's role to. */
export function serviceAccountOwned(prefix: string[]): OwnedValue[] {
  return [
    { path: [...prefix, "create"], reason: "the chart creates the service account that the Pod Identity association names" },
    { path: [...prefix, "name"], reason: "the Pod Identity association gives the component's AWS role to this service account name" },
    {
      path: [...prefix, "annotations", ROLE_ANNOTATION],
      reason: "the component's AWS role comes from EKS Pod Identity, scoped to this cluster; an IRSA annotation would give it another role",
    },
  ];
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const matches = (pattern: string[], path: string[]) => pattern.every((seg, i) => seg === "*" || seg === path[i]);

/** Extra values that set (or replace a map holding) something the stack owns. */
export function ownedValueProblems(owned: OwnedValue[], extra: Record<string, unknown>): OwnedValueProblem[] {
  const problems: OwnedValueProblem[] = [];
  const walk = (value: Record<string, unknown>, at: string[], within?: OwnedValue) => {
    for (const [key, v] of Object.entries(value)) {
      const path = [...at, key];
      // At or below an owned path: refused, at the deepest key given (`service.type`, not `service`).
      const hit = within ?? owned.find((o) => o.path.length <= path.length && matches(o.path, path));
      if (hit && isMap(v) && Object.keys(v).length > 0) {
        walk(v, path, hit);
        continue;
      }
      if (hit) {
        problems.push({ at: path, message: `is set by the stack and cannot be overridden: ${hit.reason}` });
        continue;
      }
      if (isMap(v)) {
        walk(v, path);
        continue;
      }
      // Anything but a map here replaces the whole map, owned keys included.
      const inside = owned.find((o) => o.path.length > path.length && matches(o.path.slice(0, path.length), path));
      if (inside) problems.push({ at: path, message: `would replace ${inside.path.join(".")}, which is set by the stack and cannot be overridden: ${inside.reason}` });
    }
  };
  walk(extra, []);
  return problems;
}
