/**
 * Reading rendered Kubernetes objects the way the cluster would: which pods a workload makes,
 * which nodes they may land on (node selector, required node affinity, taints and tolerations,
 * with Kubernetes' matching rules), what a PodDisruptionBudget selects and allows.
 */
import type { KubeObject } from "./render";

export type PodSpec = Record<string, any>;

export interface Workload {
  object: KubeObject;
  /** The pod template's labels and spec. */
  podLabels: Record<string, string>;
  pod: PodSpec;
  /** Pods the controller keeps; undefined for a DaemonSet (one per matching node) and run-to-completion kinds. */
  replicas?: number;
}

/** Every object that makes pods, with its pod template. */
export function workloads(objects: KubeObject[]): Workload[] {
  const out: Workload[] = [];
  for (const o of objects) {
    let template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec } | undefined;
    let replicas: number | undefined;
    switch (o.kind) {
      case "Deployment":
      case "StatefulSet":
      case "ReplicaSet":
        template = o.spec.template;
        replicas = o.spec.replicas ?? 1;
        break;
      case "DaemonSet":
      case "Job":
        template = o.spec.template;
        break;
      case "CronJob":
        template = o.spec.jobTemplate.spec.template;
        break;
      case "Pod":
        template = { metadata: o.metadata, spec: o.spec };
        break;
      default:
        continue;
    }
    out.push({ object: o, podLabels: template!.metadata?.labels ?? {}, pod: template!.spec, replicas });
  }
  return out;
}

export const describeObject = (o: KubeObject & { source?: string }) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata.name}${o.source ? ` (${o.source})` : ""}`;

export function containers(pod: PodSpec): Record<string, any>[] {
  return [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
}

/** A container's literal environment (valueFrom entries left out). */
export function envOf(container: Record<string, any>): Record<string, string> {
  return Object.fromEntries((container.env ?? []).filter((e: any) => e.value !== undefined).map((e: any) => [e.name, String(e.value)]));
}

/** `--flag=value` arguments of a container (command and args), as flag -> every value given. */
export function flagsOf(container: Record<string, any>): Map<string, string[]> {
  const flags = new Map<string, string[]>();
  for (const a of [...(container.command ?? []), ...(container.args ?? [])] as string[]) {
    const m = /^--?([^=]+)(?:=(.*))?$/s.exec(a);
    if (!m) continue;
    flags.set(m[1], [...(flags.get(m[1]) ?? []), m[2] ?? "true"]);
  }
  return flags;
}

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

function requirementHolds(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  switch (r.operator) {
    case "In":
      return has && (r.values ?? []).includes(v);
    case "NotIn":
      return !has || !(r.values ?? []).includes(v);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
      return has && Number(v) > Number(r.values?.[0]);
    case "Lt":
      return has && Number(v) < Number(r.values?.[0]);
    default:
      throw new Error(`unknown selector operator ${r.operator}`);
  }
}

/** A LabelSelector (matchLabels and matchExpressions) against a set of labels. */
export function labelSelectorMatches(selector: { matchLabels?: Record<string, string>; matchExpressions?: Requirement[] } | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  return (
    Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) && (selector.matchExpressions ?? []).every((r) => requirementHolds(r, labels))
  );
}

/** Whether the scheduler may put the pod on a node with these labels: nodeSelector and required node affinity. */
export function podSelectsNode(pod: PodSpec, nodeLabels: Record<string, string>): boolean {
  const bySelector = Object.entries((pod.nodeSelector ?? {}) as Record<string, string>).every(([k, v]) => nodeLabels[k] === v);
  const terms = pod.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms as
    | { matchExpressions?: Requirement[]; matchFields?: Requirement[] }[]
    | undefined;
  // Terms are ORed, the expressions of one term ANDed.
  const byAffinity = !terms || terms.some((t) => (t.matchExpressions ?? []).every((r) => requirementHolds(r, nodeLabels)));
  return bySelector && byAffinity;
}

export interface Taint {
  key: string;
  value: string;
  effect: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

/** Kubernetes' rule: an empty effect matches every effect; Exists matches any value (an empty key with Exists, any taint). */
export function tolerationMatches(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  const operator = t.operator ?? "Equal";
  if (operator === "Exists") return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? "") === taint.value;
}

/** "minAvailable: 1" / "maxUnavailable: 50%" -> how many of `replicas` pods may be evicted at once. */
export function disruptionsAllowed(spec: { minAvailable?: number | string; maxUnavailable?: number | string }, replicas: number): number {
  const count = (v: number | string, roundUp: boolean) => {
    if (typeof v === "number") return v;
    const pct = /^(\d+)%$/.exec(v);
    if (!pct) return Number(v);
    const exact = (Number(pct[1]) * replicas) / 100;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
  };
  // Kubernetes rounds percentages up for both fields (the disruption controller's rule).
  if (spec.maxUnavailable !== undefined) return Math.max(0, count(spec.maxUnavailable, true));
  if (spec.minAvailable !== undefined) return Math.max(0, replicas - count(spec.minAvailable, true));
  return replicas;
}
