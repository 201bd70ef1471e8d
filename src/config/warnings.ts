/**
 * Findings that do not stop synth but that a reviewer should see: configuration that is valid
 * and would apply, yet does nothing. Printed by the CLI as `warning: file: field: reason`.
 */
import type { Environment } from "./environment";
import type { FieldError, Path } from "./errors";

/** A read-only group (bound to `view`) that no access entry gives to anyone grants nothing. */
export function readOnlyGroupsWithoutMembers(env: Environment): { path: Path; message: string }[] {
  const carried = new Set(env.cluster.accessEntries.flatMap((e) => e.kubernetesGroups));
  return env.addons.clusterObjects.readOnlyGroups.flatMap((group, i) =>
    carried.has(group)
      ? []
      : [
          {
            path: ["addons", "clusterObjects", "readOnlyGroups", i],
            message: `no access entry carries the Kubernetes group "${group}", so the binding grants nothing; add it to an entry's kubernetesGroups in cluster.accessEntries`,
          },
        ],
  );
}

export function environmentWarnings(file: string, env: Environment): FieldError[] {
  return readOnlyGroupsWithoutMembers(env).map((w) => ({ file, ...w }));
}
