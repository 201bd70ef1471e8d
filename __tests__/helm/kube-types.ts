/**
 * What can be checked offline of the objects' conformance to the Kubernetes API of the cluster's
 * version, with kubectl 1.34 and no API server.
 *
 * There is no offline copy of the API server's OpenAPI schema here (kubectl's client-side
 * `--validate` downloads it from the server it talks to), so this is not OpenAPI validation.
 * kubectl does carry the 1.34 API types compiled in, and its `set` commands run with `--local`
 * decode every input object into them and print the result:
 *
 * - decoding fails on a value of the wrong type (a string where a port number belongs) and on an
 *   apiVersion/kind that kubectl's API types do not have: for a built-in group that means an API
 *   removed by (or unknown to) Kubernetes 1.34;
 * - for objects `set env` (pod templates) or `set subject` (role bindings) can change, the printed
 *   object is the round trip through the typed struct: a field missing from it is a field
 *   Kubernetes 1.34 does not know, which an API server would drop or (with strict field
 *   validation) refuse.
 *
 * Not covered: unknown fields of other built-in kinds, enum values, required fields and formats,
 * and anything of API groups kubectl has no types for (CustomResourceDefinitions, APIService,
 * custom resources).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import type { KubeObject } from "./render";
import type { KubeTools } from "./toolchain";

/** API groups whose types kubectl 1.34 is built with (client-go's scheme). */
const KUBECTL_GROUPS = new Set([
  "",
  "admissionregistration.k8s.io",
  "apps",
  "authentication.k8s.io",
  "authorization.k8s.io",
  "autoscaling",
  "batch",
  "certificates.k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "events.k8s.io",
  "extensions",
  "flowcontrol.apiserver.k8s.io",
  "internal.apiserver.k8s.io",
  "networking.k8s.io",
  "node.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "resource.k8s.io",
  "scheduling.k8s.io",
  "storage.k8s.io",
  "storagemigration.k8s.io",
]);

const POD_TEMPLATE_KINDS = new Set(["Pod", "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job", "CronJob"]);
const BINDING_KINDS = new Set(["RoleBinding", "ClusterRoleBinding"]);
const ROUND_TRIP_MARK = "EKS_TERRAFORM_ROUND_TRIP";

export interface LabelledObject {
  /** Where the object comes from, for messages: `staging-addons/traefik: DaemonSet traefik/traefik (traefik/templates/daemonset.yaml)`. */
  label: string;
  object: KubeObject;
}

export interface KubeTypesResult {
  /** Every problem, each naming its object. */
  problems: string[];
  /** Objects decoded into the 1.34 types, and of those, how many were also round-tripped. */
  decoded: number;
  roundTripped: number;
  /** Objects kubectl has no types for, by apiVersion/kind, with their count. */
  notChecked: Map<string, number>;
}

const groupOf = (apiVersion: string) => (apiVersion.includes("/") ? apiVersion.split("/")[0] : "");

function kubectl(tools: KubeTools, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(tools.kubectl, args, { env: tools.env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === "" || v === false || v === 0 || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).length === 0);

/** Paths present (and not empty: the typed form omits empty values) in `input` but missing from `output`. */
export function droppedFields(input: unknown, output: unknown, at = ""): string[] {
  if (Array.isArray(input)) {
    const out = Array.isArray(output) ? output : [];
    return input.flatMap((v, i) => (isEmpty(v) ? [] : i < out.length ? droppedFields(v, out[i], `${at}[${i}]`) : [`${at}[${i}]`]));
  }
  if (input !== null && typeof input === "object") {
    const out = output !== null && typeof output === "object" && !Array.isArray(output) ? (output as Record<string, unknown>) : {};
    return Object.entries(input as Record<string, unknown>).flatMap(([k, v]) => {
      if (isEmpty(v)) return [];
      const p = at ? `${at}.${k}` : k;
      return k in out ? droppedFields(v, out[k], p) : [p];
    });
  }
  return [];
}

/** Marks each object so its typed copy can be found again (names repeat across environments). */
const CHECK_ID = "eks-terraform.test/check-id";
const checkId = (o: KubeObject) => o.metadata.annotations?.[CHECK_ID];

export async function checkKubeTypes(tools: KubeTools, items: LabelledObject[]): Promise<KubeTypesResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-kubectl-"));
  try {
    const problems: string[] = [];
    const notChecked = new Map<string, number>();
    const files = new Map<string, LabelledObject>();
    const checkable: string[] = [];
    items.forEach((item, i) => {
      const { source: _source, ...object } = item.object as KubeObject & { source?: string };
      if (!KUBECTL_GROUPS.has(groupOf(object.apiVersion))) {
        const k = `${object.apiVersion} ${object.kind}`;
        notChecked.set(k, (notChecked.get(k) ?? 0) + 1);
        return;
      }
      const file = path.join(dir, `${i}.json`);
      const marked = { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, [CHECK_ID]: String(i) } } };
      fs.writeFileSync(file, JSON.stringify(marked));
      files.set(file, item);
      checkable.push(file);
    });

    // 1. Decode everything into the 1.34 types. `set env` then refuses objects without pods; only decoding errors count here.
    const decode = await kubectl(tools, ["set", "env", "--local", "-o", "yaml", `${ROUND_TRIP_MARK}=1`, ...checkable.flatMap((f) => ["-f", f])]);
    const undecodable = new Set<string>();
    for (const m of decode.stderr.matchAll(/unable to decode "([^"]+)": (.*)/g)) {
      undecodable.add(m[1]);
      const item = files.get(m[1]);
      problems.push(`${item?.label ?? m[1]}: not a valid Kubernetes 1.34 object: ${m[2].replace(/ in scheme "[^"]*"/, "")}`);
    }
    if (decode.code !== 0 && undecodable.size === 0 && !/not a pod or does not have a pod template/.test(decode.stderr)) {
      problems.push(`kubectl failed unexpectedly: ${decode.stderr.trim()}`);
    }
    const decoded = checkable.filter((f) => !undecodable.has(f));

    // 2. Round trips: the printed objects are the typed ones.
    const roundTrip = async (kinds: Set<string>, args: string[]) => {
      const batch = decoded.filter((f) => kinds.has(files.get(f)!.object.kind));
      if (batch.length === 0) return 0;
      const r = await kubectl(tools, [...args, "--local", "-o", "yaml", ...batch.flatMap((f) => ["-f", f])]);
      if (r.code !== 0) {
        problems.push(`kubectl ${args.join(" ")} failed: ${r.stderr.trim()}`);
        return 0;
      }
      const typed = new Map(parseAllDocuments(r.stdout).map((d) => d.toJS() as KubeObject).filter(Boolean).map((o) => [checkId(o), o]));
      for (const f of batch) {
        const item = files.get(f)!;
        const out = typed.get(path.basename(f, ".json"));
        if (!out) {
          problems.push(`${item.label}: kubectl printed no typed copy of it`);
          continue;
        }
        const { source: _source, ...input } = item.object as KubeObject & { source?: string };
        for (const p of droppedFields(input, out)) problems.push(`${item.label}: field ${p} is not part of Kubernetes 1.34's ${item.object.kind} (dropped by the typed round trip)`);
      }
      return batch.length;
    };
    const counts = await Promise.all([
      roundTrip(POD_TEMPLATE_KINDS, ["set", "env", `${ROUND_TRIP_MARK}=1`]),
      roundTrip(BINDING_KINDS, ["set", "subject", "--group=eks-terraform:round-trip"]),
    ]);
    return { problems, decoded: decoded.length, roundTripped: counts[0] + counts[1], notChecked };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
