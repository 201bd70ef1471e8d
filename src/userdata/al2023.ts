/**
 * Amazon Linux 2023 user-data: a MIME multipart document whose `application/node.eks.aws` part is
 * the NodeConfig that nodeadm reads to join the node, followed by the pool's extra shell scripts
 * in the order they were given.
 */
import { formatTaint } from "../config/kubernetes-labels";
import { sortedEntries, type NodeBootstrap } from "./node-bootstrap";
import { fillTemplate } from "./template";

export const MIME_BOUNDARY = "//";

/** YAML scalar: JSON strings are valid YAML double-quoted scalars, so nothing needs YAML escaping rules. */
const scalar = (v: string | number) => (typeof v === "number" ? String(v) : JSON.stringify(v));
/** Map keys stay plain when they are simple words (maxPods, memory.available), quoted otherwise. */
const key = (k: string) => (/^[A-Za-z][A-Za-z0-9._-]*$/.test(k) ? k : JSON.stringify(k));

/** An indented YAML block for the template, or ` {}` / ` []` when empty. */
function yamlMap(entries: [string, string | number | Record<string, string>][], indent: string): string {
  if (entries.length === 0) return " {}";
  return entries
    .map(([k, v]) =>
      typeof v === "object"
        ? `\n${indent}${key(k)}:${yamlMap(sortedEntries(v), `${indent}  `)}`
        : `\n${indent}${key(k)}: ${scalar(v)}`,
    )
    .join("");
}

function yamlList(items: string[], indent: string): string {
  return items.length === 0 ? " []" : items.map((i) => `\n${indent}- ${scalar(i)}`).join("");
}

export function renderNodeConfig(b: NodeBootstrap): string {
  const config: [string, number | Record<string, string>][] = [];
  if (b.maxPods !== undefined) config.push(["maxPods", b.maxPods]);
  if (Object.keys(b.kubeReserved).length > 0) config.push(["kubeReserved", b.kubeReserved]);
  if (Object.keys(b.systemReserved).length > 0) config.push(["systemReserved", b.systemReserved]);
  if (Object.keys(b.evictionHard).length > 0) config.push(["evictionHard", b.evictionHard]);
  const flags: string[] = [];
  const labels = sortedEntries(b.labels);
  if (labels.length > 0) flags.push(`--node-labels=${labels.map(([k, v]) => `${k}=${v}`).join(",")}`);
  if (b.taints.length > 0) flags.push(`--register-with-taints=${b.taints.map(formatTaint).join(",")}`);
  return fillTemplate("al2023-nodeconfig.yaml", {
    clusterName: scalar(b.clusterName),
    apiServerEndpoint: scalar(b.apiServerEndpoint),
    certificateAuthority: scalar(b.certificateAuthority),
    serviceCidr: scalar(b.serviceCidr),
    kubeletConfig: yamlMap(config, "      "),
    kubeletFlags: yamlList(flags, "      "),
  });
}

function mimePart(contentType: string, body: string): string {
  return `--${MIME_BOUNDARY}\nContent-Type: ${contentType}\n\n${body.endsWith("\n") ? body : `${body}\n`}`;
}

export function renderAl2023UserData(b: NodeBootstrap): string {
  const parts = [
    mimePart("application/node.eks.aws", renderNodeConfig(b)),
    ...b.extraShellScripts.map((script) => mimePart('text/x-shellscript; charset="us-ascii"', script)),
  ];
  return `MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="${MIME_BOUNDARY}"\n\n${parts.join("\n")}\n--${MIME_BOUNDARY}--\n`;
}
