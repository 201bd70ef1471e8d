/**
 * The add-ons stack's wiring: it acts as the admin role, reads everything AWS-side from the other
 * stacks' state, and every workload that calls AWS gets its role through one Pod Identity association.
 */
import { PLAN_READER_GROUP } from "../src/naming/terraform-cloud";
import { describe, expect, it } from "vitest";
import { OWNER_TAG_KEY } from "../src/naming/names";
import { KUBERNETES_TOKEN_SECONDS } from "../src/stacks/kubernetes-providers";
import { attachedPolicies, componentPolicyOf, documentOf, helmValues, referenceEnvironments, resources, stackJson } from "./support/reference";
import { synthVariant } from "./support/synth-variant";
import { validInput } from "./support/fixtures";

const ENVS = ["example", "staging", "production"];

describe.each(ENVS)("%s-addons", (envName) => {
  const stack = () => stackJson(`${envName}-addons`);

  it("talks to the cluster as the admin role, with a token from its own AWS provider, endpoint and CA from the cluster stack's state", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const connection = {
      host: "${data.terraform_remote_state.cluster_stack.outputs.cluster_endpoint}",
      cluster_ca_certificate: "${base64decode(data.terraform_remote_state.cluster_stack.outputs.cluster_certificate_authority)}",
      token: "${ephemeral.aws_eks_cluster_auth.cluster_auth.token}",
    };
    expect(stack().provider!.helm).toEqual([{ kubernetes: connection }]);
    expect(stack().provider!.kubernetes).toEqual([connection]);
    // No CLI: Terraform Cloud's dynamic credentials reach providers only, and hosted runners have no aws CLI.
    expect(JSON.stringify(stack().provider)).not.toMatch(/"exec"|client_key|password/);
    // The token is ephemeral (opened in every plan and apply, never in a plan file or state), so Terraform >= 1.10.
    expect(stack().ephemeral).toEqual({ aws_eks_cluster_auth: { cluster_auth: { name: env.cluster.name } } });
    expect(stack().data?.aws_eks_cluster_auth).toBeUndefined();
    expect((stack().terraform as { required_version: string }).required_version).toBe(">= 1.10.0");
    // The AWS provider minting it assumes the admin role, exactly like the cluster stack's.
    const aws = stack().provider!.aws as Record<string, unknown>[];
    const clusterAws = stackJson(`${envName}-cluster`).provider!.aws as Record<string, any>[];
    expect(aws).toHaveLength(1);
    expect(aws[0]).toMatchObject({ region: env.region, allowed_account_ids: [env.account], assume_role: [{ role_arn: "${terraform.applying ? data.terraform_remote_state.access_stack.outputs.admin_role_arn : data.terraform_remote_state.access_stack.outputs.reader_role_arn}" }] });
    expect((aws[0] as any).assume_role[0].role_arn).toBe(clusterAws[0].assume_role[0].role_arn);
    // The cluster stack really outputs what the add-ons stack reads.
    const published = stackJson(`${envName}-cluster`).output!;
    expect(published.cluster_endpoint.value).toBe("${aws_eks_cluster.cluster.endpoint}");
    expect(published.cluster_certificate_authority.value).toBe("${aws_eks_cluster.cluster.certificate_authority[0].data}");
    expect(stack().data!.terraform_remote_state).toHaveProperty("cluster_stack");
    expect(stack().data!.terraform_remote_state).toHaveProperty("access_stack");
  });

  it("never lets a release, nor a chain of dependent releases, outlive the 15-minute token", () => {
    const releases = resources<{ timeout: number; depends_on?: string[] }>(stack(), "helm_release");
    const chain = (address: string, seen: string[] = []): number => {
      if (seen.includes(address)) throw new Error(`dependency cycle through ${address}`);
      const r = releases[address];
      const deps = (r.depends_on ?? []).filter((d) => d.startsWith("helm_release.")).map((d) => d.slice("helm_release.".length));
      return r.timeout + Math.max(0, ...deps.map((d) => chain(d, [...seen, address])));
    };
    for (const address of Object.keys(releases)) expect(chain(address), address).toBeLessThan(KUBERNETES_TOKEN_SECONDS);
  });

  it("takes no AWS identifiers as literals: queue, roles and load balancer come from state", () => {
    const text = JSON.stringify(stack().resource);
    expect(text).not.toMatch(/arn:aws:/);
    expect(text).not.toMatch(/https:\/\/sqs\./);
    expect(text).not.toMatch(/\.elb\.amazonaws\.com/);
  });

  it("runs each workload under the service account its Pod Identity association names", () => {
    const cluster = stackJson(`${envName}-cluster`);
    const releases = Object.values(resources<{ name: string; namespace: string; values: string[] }>(stack(), "helm_release")).map((r) => {
      const values = helmValues(stack(), r);
      const sa = values.serviceAccount ?? values.rbac?.serviceAccount;
      return { namespace: r.namespace, serviceAccount: sa?.name as string | undefined, create: sa?.create as boolean | undefined };
    });
    const associations = Object.values(resources<{ namespace: string; service_account: string }>(cluster, "aws_eks_pod_identity_association"));
    expect(associations.length).toBeGreaterThan(0);
    for (const a of associations) {
      // Pod Identity matches on namespace and name: a release that named its account differently would run without AWS access.
      expect(releases, `${a.namespace}/${a.service_account}`).toContainEqual({ namespace: a.namespace, serviceAccount: a.service_account, create: true });
    }
  });
});

/** The component a role ARN read from the access stack's `workload_role_arns` output belongs to. */
const componentOf = (roleArn: string) => {
  const m = /outputs\.workload_role_arns(?:\["([^"]+)"\]|\.([A-Za-z0-9_-]+))\}$/.exec(roleArn);
  return m ? (m[1] ?? m[2]) : undefined;
};

describe("Pod Identity for every workload that calls AWS", () => {
  it.each(ENVS)("%s: each workload role is associated once, with the service account its trust names, after the agent", async (envName) => {
    const access = stackJson(`${envName}-access`);
    const cluster = stackJson(`${envName}-cluster`);
    const roles = resources<{ assume_role_policy: string }>(access, "aws_iam_role");
    const workloads = Object.entries(roles).filter(([address]) => address.startsWith("workload_"));
    expect(workloads.length).toBeGreaterThanOrEqual(2);
    // What the cluster stack associates: standalone associations, and the managed add-ons' own.
    const associations = [
      ...Object.values(resources<{ namespace: string; service_account: string; role_arn: string; depends_on: string[] }>(cluster, "aws_eks_pod_identity_association")),
      ...Object.values(resources<{ namespace?: string; addon_name: string; pod_identity_association?: { role_arn: string; service_account: string }[]; depends_on?: string[] }>(cluster, "aws_eks_addon"))
        .filter((a) => a.pod_identity_association)
        .map((a) => ({ namespace: "kube-system", ...a.pod_identity_association![0], depends_on: a.depends_on ?? [] })),
    ];
    expect(associations).toHaveLength(workloads.length);
    for (const [address, role] of workloads) {
      const component = address.replace(/^workload_/, "").replace(/_role_role$/, "").replace(/_/g, "-");
      const trust = documentOf(access, role.assume_role_policy).Statement[0].Condition!.StringEquals as Record<string, string>;
      const mine = associations.filter((a) => componentOf(a.role_arn) === component);
      expect(mine, component).toHaveLength(1);
      expect({ namespace: mine[0].namespace, service_account: mine[0].service_account }, component).toEqual({
        namespace: trust["aws:RequestTag/kubernetes-namespace"],
        service_account: trust["aws:RequestTag/kubernetes-service-account"],
      });
      expect(mine[0].depends_on, component).toContain("aws_eks_addon.eks_pod_identity_agent_addon");
    }
    // IRSA is gone: no OIDC provider, no web-identity trust, no role annotation in any chart's values.
    expect(resources(cluster, "aws_iam_openid_connect_provider")).toEqual({});
    expect(JSON.stringify(cluster)).not.toContain("AssumeRoleWithWebIdentity");
    // The only web-identity trusts are the HCP Terraform run roles' (cloud backend; iam-terraform-cloud.test.ts)
    // and the GitHub Actions roles' of ci.github (iam-github.test.ts).
    const webIdentity = Object.entries(access.locals ?? {}).filter(([, v]) => JSON.stringify(v).includes("AssumeRoleWithWebIdentity"));
    expect(webIdentity.map(([k]) => k).filter((k) => !/^(terraform_cloud_(cluster|addons)_(plan|apply)|github_(plan|apply))_trust$/.test(k))).toEqual([]);
    expect(JSON.stringify(stackJson(`${envName}-addons`))).not.toContain("eks.amazonaws.com/role-arn");
  });

  it("limits the autoscaler's writes to this cluster's groups, external-dns and cert-manager to the listed zones", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === "production")!;
    const access = stackJson("production-access");
    const policyOf = (component: string) => {
      const p = componentPolicyOf(access, env.account, component);
      expect(attachedPolicies(access, `workload_${component.replace(/-/g, "_")}_role_role`), component).toEqual([`\${aws_iam_policy.component_policies_${component.replace(/-/g, "_")}.arn}`]);
      return p.document;
    };
    const ca = policyOf("cluster-autoscaler");
    expect(ca.Statement.find((s) => s.Sid === "ScaleOnlyThisClustersGroups")).toMatchObject({
      Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
      Condition: { StringEquals: { "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/acme-production": "owned" } },
    });
    const dns = policyOf("external-dns");
    expect(dns.Statement[0]).toMatchObject({
      Action: "route53:ChangeResourceRecordSets",
      Resource: env.addons.externalDns.hostedZoneIds.map((z) => `arn:aws:route53:::hostedzone/${z}`),
      // upsert-only: IAM refuses deletes too.
      Condition: { "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsActions": ["CREATE", "UPSERT"] } },
    });
    const cm = policyOf("cert-manager");
    expect(cm.Statement.find((s) => s.Sid === "ChallengeRecordsInListedZonesOnly")).toMatchObject({
      Resource: env.addons.certManager.dns01HostedZoneIds.map((z) => `arn:aws:route53:::hostedzone/${z}`),
      Condition: { "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] } },
    });
  });

  it("adds the EBS CSI driver, tagging every volume with the cluster, where the default StorageClass is wanted", () => {
    for (const envName of ["staging", "production"]) {
      const addon = resources<{ addon_name: string; configuration_values: string; depends_on: string[] }>(stackJson(`${envName}-cluster`), "aws_eks_addon").aws_ebs_csi_driver_addon;
      expect(addon.addon_name).toBe("aws-ebs-csi-driver");
      const cluster = (stackJson(`${envName}-cluster`).resource!.aws_eks_cluster.cluster as { name: string }).name;
      // Its policy (ebs-csi-permissions.ts) only touches volumes with this tag: without it the driver could do nothing.
      expect(JSON.parse(addon.configuration_values)).toMatchObject({ controller: { extraVolumeTags: { [OWNER_TAG_KEY]: cluster } } });
      expect(addon.depends_on.length).toBeGreaterThan(0);
    }
    expect(Object.values(resources<{ addon_name: string }>(stackJson("example-cluster"), "aws_eks_addon")).map((a) => a.addon_name)).not.toContain("aws-ebs-csi-driver");
  });
});

describe("which add-ons each environment runs", () => {
  const releaseNames = (envName: string) => Object.values(resources<{ name: string }>(stackJson(`${envName}-addons`), "helm_release")).map((r) => r.name).sort();

  it("example: the drainer, the autoscaler and metrics-server", () => {
    expect(releaseNames("example")).toEqual(["aws-node-termination-handler", "cluster-autoscaler", "metrics-server"]);
    expect(resources(stackJson("example-addons"), "kubernetes_storage_class_v1")).toEqual({});
  });

  it.each(["staging", "production"])("%s: everything", (envName) => {
    expect(releaseNames(envName)).toEqual(["aws-node-termination-handler", "cert-manager", "cluster-autoscaler", "external-dns", "metrics-server", "traefik"]);
    const sc = Object.values(resources<Record<string, any>>(stackJson(`${envName}-addons`), "kubernetes_storage_class_v1"));
    expect(sc).toHaveLength(1);
    expect(sc[0]).toMatchObject({
      metadata: { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      storage_provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true" },
      volume_binding_mode: "WaitForFirstConsumer",
    });
    const bindings = Object.values(resources<Record<string, any>>(stackJson(`${envName}-addons`), "kubernetes_cluster_role_binding_v1"));
    // Besides the plan readers' binding (plan-reader.test.ts), the read-only groups' binding to view.
    const groupBindings = bindings.filter((b) => b.subject[0].name !== PLAN_READER_GROUP);
    expect(groupBindings.map((b) => [b.role_ref.name, b.subject[0].kind])).toEqual([["view", "Group"]]);
  });

  it("authenticates with `aws eks get-token` only when the environment opts in", () => {
    const input = validInput();
    (input as Record<string, any>).addons = { kubernetesAuth: "exec" };
    const { stacks, env } = synthVariant(input);
    const exec = {
      api_version: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", env.cluster.name, "--region", env.region, "--role-arn", "${data.terraform_remote_state.access_stack.outputs.admin_role_arn}"],
    };
    expect((stacks.addons.provider!.helm[0] as any).kubernetes.exec).toEqual(exec);
    expect((stacks.addons.provider!.kubernetes[0] as any).exec).toEqual([exec]);
    expect(stacks.addons.ephemeral).toBeUndefined();
    expect(JSON.stringify(stacks.addons.provider)).not.toContain('"token"');
  });

  it("Traefik routes Gateway API objects only when asked, and external-dns follows it", () => {
    const input = validInput();
    (input as Record<string, unknown>).addons = { externalDns: { enabled: true, domainFilters: ["example.com"], hostedZoneIds: ["Z0EXAMPLE0000000000001"] } };
    const valuesOf = (stacks: ReturnType<typeof synthVariant>["stacks"], release: string) =>
      helmValues(stacks.addons, Object.values(resources<{ name: string; values: string[] }>(stacks.addons, "helm_release")).find((r) => r.name === release)!);
    const off = synthVariant(input).stacks;
    expect(valuesOf(off, "traefik")).toMatchObject({ providers: { kubernetesGateway: { enabled: false } }, gatewayClass: { enabled: false }, gateway: { enabled: false } });
    expect(valuesOf(off, "external-dns").sources).toEqual(["service", "ingress"]);

    (input as Record<string, any>).addons.traefik = { gatewayApi: true };
    const on = synthVariant(input).stacks;
    expect(valuesOf(on, "traefik")).toMatchObject({ providers: { kubernetesGateway: { enabled: true } }, gatewayClass: { enabled: true }, gateway: { enabled: true } });
    expect(valuesOf(on, "external-dns").sources).toEqual(["service", "ingress", "gateway-httproute"]);
  });

  it("creates the nginx IngressClass only where Traefik serves it", () => {
    const classes = (envName: string) => Object.values(resources<Record<string, any>>(stackJson(`${envName}-addons`), "kubernetes_ingress_class_v1"));
    expect(classes("staging")).toEqual([expect.objectContaining({ metadata: { name: "nginx" }, spec: { controller: "k8s.io/ingress-nginx" } })]);
    expect(classes("production")).toEqual([]);
  });

  it("an add-on switched off is not installed, and one with extra values gets them", () => {
    const input = validInput();
    (input as Record<string, unknown>).addons = { metricsServer: { enabled: false }, clusterAutoscaler: { values: { extraArgs: { "scale-down-unneeded-time": "5m" } } } };
    const { stacks } = synthVariant(input);
    const names = Object.values(resources<{ name: string; values: string[] }>(stacks.addons, "helm_release"));
    expect(names.map((r) => r.name)).not.toContain("metrics-server");
    const ca = helmValues(stacks.addons, names.find((r) => r.name === "cluster-autoscaler")!);
    expect(ca.extraArgs["scale-down-unneeded-time"]).toBe("5m");
    expect(ca.extraArgs.expander).toBe("priority,least-waste");
  });
});
