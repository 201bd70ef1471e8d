/**
 * Rules for node labels and taints as the kubelet applies them at registration.
 *
 * The NodeRestriction admission plugin (on in every EKS cluster) refuses a kubelet that sets
 * labels of its own in the kubernetes.io / k8s.io namespaces, apart from a short allow-list; the
 * node then never registers. We reject those labels at synth time instead.
 */

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Keys in the restricted namespaces that a kubelet may still set on its own node. */
const KUBELET_ALLOWED_KEYS = new Set([
  "kubernetes.io/hostname",
  "kubernetes.io/arch",
  "kubernetes.io/os",
  "beta.kubernetes.io/instance-type",
  "node.kubernetes.io/instance-type",
  "beta.kubernetes.io/arch",
  "beta.kubernetes.io/os",
  "failure-domain.beta.kubernetes.io/region",
  "failure-domain.beta.kubernetes.io/zone",
  "topology.kubernetes.io/region",
  "topology.kubernetes.io/zone",
]);
const KUBELET_ALLOWED_PREFIXES = ["kubelet.kubernetes.io", "node.kubernetes.io"];

/** Returns why a label/taint key is malformed, or null. */
export function labelKeyProblem(key: string): string | null {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !PREFIX.test(prefix))) {
    return `"${key}" has an invalid prefix (a lower-case DNS subdomain of at most 253 characters)`;
  }
  if (!NAME.test(name)) {
    return `"${key}" is not a valid label name (at most 63 characters, alphanumeric, '-', '_' or '.' inside)`;
  }
  return null;
}

export function labelValueProblem(value: string): string | null {
  return value === "" || NAME.test(value)
    ? null
    : `"${value}" is not a valid label value (at most 63 characters, alphanumeric, '-', '_' or '.' inside)`;
}

/** True when NodeRestriction would refuse the kubelet setting this label on itself. */
export function isKubeletRestrictedLabel(key: string): boolean {
  const slash = key.lastIndexOf("/");
  if (slash < 0) return false;
  const prefix = key.slice(0, slash);
  const restricted = [".kubernetes.io", ".k8s.io"].some((ns) => prefix.endsWith(ns)) || prefix === "kubernetes.io" || prefix === "k8s.io";
  if (!restricted) return false;
  if (KUBELET_ALLOWED_KEYS.has(key)) return false;
  return !KUBELET_ALLOWED_PREFIXES.some((p) => prefix === p || prefix.endsWith(`.${p}`));
}

export const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;
export type TaintEffect = (typeof TAINT_EFFECTS)[number];

export interface Taint {
  key: string;
  value: string;
  effect: TaintEffect;
}

/** Parses `key=value:Effect` or `key:Effect`; returns a reason string when it is not one. */
export function parseTaint(text: string): Taint | string {
  const m = /^([^=:]+)(?:=([^:]*))?:([A-Za-z]+)$/.exec(text);
  if (!m) return `"${text}" must look like key=value:Effect`;
  const [, key, value = "", effect] = m;
  if (!(TAINT_EFFECTS as readonly string[]).includes(effect)) {
    return `"${text}" has effect "${effect}"; it must be one of ${TAINT_EFFECTS.join(", ")}`;
  }
  const problem = labelKeyProblem(key) ?? labelValueProblem(value);
  return problem ?? { key, value, effect: effect as TaintEffect };
}

export function formatTaint(t: Taint): string {
  return t.value === "" ? `${t.key}:${t.effect}` : `${t.key}=${t.value}:${t.effect}`;
}
