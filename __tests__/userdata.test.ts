/**
 * Rendered user-data, per AMI family, against committed golden files in
 * __tests__/userdata/rendered/ (update with `npx vitest -u` and review the diff). Plus what a
 * golden file cannot show: the documents parse, and shell variables survive Terraform.
 */
import { parse as parseToml } from "smol-toml";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { parseTaint, type Taint } from "../src/config/kubernetes-labels";
import { renderAl2023UserData, renderNodeConfig } from "../src/userdata/al2023";
import { renderBottlerocketUserData } from "../src/userdata/bottlerocket";
import { clusterDnsIp, type NodeBootstrap } from "../src/userdata/node-bootstrap";
import { escapeTerraformTemplate, terraformUserData } from "../src/userdata/terraform-user-data";

const taints = (...t: string[]) => t.map((x) => parseTaint(x) as Taint);

const minimal: NodeBootstrap = {
  clusterName: "golden",
  apiServerEndpoint: "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
  certificateAuthority: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=",
  serviceCidr: "172.20.0.0/16",
  labels: {},
  taints: [],
  kubeReserved: {},
  systemReserved: {},
  evictionHard: {},
  extraShellScripts: [],
};

const full: NodeBootstrap = {
  ...minimal,
  serviceCidr: "10.100.0.0/16",
  labels: { "workload-class": "edge", "node.kubernetes.io/lifecycle": "spot", "example.com/team": "platform" },
  taints: taints("workload-class=edge:NoSchedule", "dedicated:NoExecute"),
  maxPods: 58,
  kubeReserved: { cpu: "100m", memory: "512Mi", "ephemeral-storage": "1Gi" },
  systemReserved: { cpu: "200m", memory: "256Mi" },
  evictionHard: { "memory.available": "200Mi", "nodefs.available": "10%" },
  extraShellScripts: [
    '#!/bin/bash\nset -euo pipefail\necho "joining ${CLUSTER_NAME:-golden} as $(hostname)" >> /var/log/extra.log\n',
    "#!/bin/bash\nsysctl -w vm.max_map_count=262144\n",
  ],
};

const cases: [string, NodeBootstrap][] = [
  ["minimal", minimal],
  ["labels-taints", { ...minimal, labels: full.labels, taints: full.taints }],
  ["reserved-eviction", { ...minimal, maxPods: 58, kubeReserved: full.kubeReserved, systemReserved: full.systemReserved, evictionHard: full.evictionHard }],
  ["full", full],
];

describe("AL2023 (nodeadm)", () => {
  for (const [name, b] of [...cases, ["extra-shell", { ...minimal, extraShellScripts: full.extraShellScripts }] as [string, NodeBootstrap]]) {
    it(`${name} matches its golden file`, async () => {
      await expect(renderAl2023UserData(b)).toMatchFileSnapshot(`userdata/rendered/al2023-${name}.txt`);
    });
  }

  it("is a MIME multipart document with the NodeConfig first, then the shell parts in order", () => {
    const doc = renderAl2023UserData(full);
    expect(doc.startsWith('MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="//"\n')).toBe(true);
    const parts = doc.split("\n--//").slice(1);
    expect(parts.map((p) => /Content-Type: ([^\n;]+)/.exec(p)?.[1])).toEqual(["application/node.eks.aws", "text/x-shellscript", "text/x-shellscript", undefined]);
    expect(parts[1]).toContain("${CLUSTER_NAME:-golden}");
    expect(parts[2]).toContain("vm.max_map_count");
    expect(doc.endsWith("\n--//--\n")).toBe(true);
  });

  it("renders a NodeConfig nodeadm can read", () => {
    const [config] = parseAllDocuments(renderNodeConfig(full)).map((d) => d.toJS());
    expect(config).toEqual({
      apiVersion: "node.eks.aws/v1alpha1",
      kind: "NodeConfig",
      spec: {
        cluster: { name: "golden", apiServerEndpoint: full.apiServerEndpoint, certificateAuthority: full.certificateAuthority, cidr: "10.100.0.0/16" },
        kubelet: {
          config: { maxPods: 58, kubeReserved: full.kubeReserved, systemReserved: full.systemReserved, evictionHard: full.evictionHard },
          flags: [
            "--node-labels=example.com/team=platform,node.kubernetes.io/lifecycle=spot,workload-class=edge",
            "--register-with-taints=workload-class=edge:NoSchedule,dedicated:NoExecute",
          ],
        },
      },
    });
    expect(parseAllDocuments(renderNodeConfig(minimal))[0].toJS().spec.kubelet).toEqual({ config: {}, flags: [] });
  });

  it("renders the same bytes whatever order labels were written in", () => {
    const reversed = { ...full, labels: Object.fromEntries(Object.entries(full.labels).reverse()) };
    expect(renderAl2023UserData(reversed)).toBe(renderAl2023UserData(full));
  });
});

describe("Bottlerocket", () => {
  for (const [name, b] of cases) {
    it(`${name} matches its golden file`, async () => {
      await expect(renderBottlerocketUserData({ ...b, extraShellScripts: [] })).toMatchFileSnapshot(`userdata/rendered/bottlerocket-${name}.toml`);
    });
  }

  it("parses as TOML with the settings Bottlerocket expects", () => {
    const settings = parseToml(renderBottlerocketUserData({ ...full, extraShellScripts: [] })) as { settings: { kubernetes: Record<string, unknown> } };
    expect(settings.settings.kubernetes).toEqual({
      "cluster-name": "golden",
      "api-server": full.apiServerEndpoint,
      "cluster-certificate": full.certificateAuthority,
      "cluster-dns-ip": "10.100.0.10",
      "max-pods": 58,
      "node-labels": full.labels,
      "node-taints": { "workload-class": ["edge:NoSchedule"], dedicated: [":NoExecute"] },
      "kube-reserved": full.kubeReserved,
      "system-reserved": full.systemReserved,
      "eviction-hard": full.evictionHard,
    });
    expect(Object.keys((parseToml(renderBottlerocketUserData(minimal)) as { settings: { kubernetes: object } }).settings.kubernetes)).toEqual([
      "cluster-name",
      "api-server",
      "cluster-certificate",
      "cluster-dns-ip",
    ]);
  });
});

describe("user-data through Terraform", () => {
  it("escapes every literal ${ and %{ so shell variables survive interpolation", () => {
    expect(escapeTerraformTemplate('echo ${HOME} %{if} $${x}')).toBe("echo $${HOME} %%{if} $$${x}");
  });

  it("leaves only the endpoint and CA for Terraform to fill in", () => {
    const text = terraformUserData("al2023", { ...full, apiServerEndpoint: "${aws_eks_cluster.cluster.endpoint}", certificateAuthority: "${aws_eks_cluster.cluster.certificate_authority[0].data}" });
    const interpolations = [...text.matchAll(/(?<!\$)\$\{([^}]*)\}/g)].map((m) => m[1]);
    expect(interpolations).toEqual(["aws_eks_cluster.cluster.endpoint", "aws_eks_cluster.cluster.certificate_authority[0].data"]);
    expect(text).toContain("$${CLUSTER_NAME:-golden}");
  });

  it("computes the cluster DNS address from the service CIDR", () => {
    expect(clusterDnsIp("172.20.0.0/16")).toBe("172.20.0.10");
    expect(clusterDnsIp("10.100.0.0/16")).toBe("10.100.0.10");
  });
});
