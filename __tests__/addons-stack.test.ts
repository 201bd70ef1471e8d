/**
 * The add-ons stack's wiring: it acts as the admin role, reads everything AWS-side from the other
 * stacks' state, and every add-on role trusts exactly one service account.
 */
import { describe, expect, it } from "vitest";
import type { PolicyDocument } from "../src/iam/policy-document";
import { attachedPolicies, componentPolicyOf, helmValues, referenceEnvironments, resources, stackJson } from "./support/reference";
import { synthVariant } from "./support/synth-variant";
import { validInput } from "./support/fixtures";

const ENVS = ["example", "staging", "production"];

describe.each(ENVS)("%s-addons", (envName) => {
  const stack = () => stackJson(`${envName}-addons`);

  it("talks to the cluster as the admin role, with endpoint and CA from the cluster stack's state and no stored token", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const exec = {
      api_version: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", env.cluster.name, "--region", env.region, "--role-arn", "${data.terraform_remote_state.access_stack.outputs.admin_role_arn}"],
    };
    const connection = {
      host: "${data.terraform_remote_state.cluster_stack.outputs.cluster_endpoint}",
      cluster_ca_certificate: "${base64decode(data.terraform_remote_state.cluster_stack.outputs.cluster_certificate_authority)}",
    };
    expect(stack().provider!.helm).toEqual([{ kubernetes: { ...connection, exec } }]);
    expect(stack().provider!.kubernetes).toEqual([{ ...connection, exec: [exec] }]);
    expect(JSON.stringify(stack().provider)).not.toMatch(/"token"|client_key|password/);
    // The cluster stack really outputs what the add-ons stack reads.
    const published = stackJson(`${envName}-cluster`).output!;
    expect(published.cluster_endpoint.value).toBe("${aws_eks_cluster.cluster.endpoint}");
    expect(published.cluster_certificate_authority.value).toBe("${aws_eks_cluster.cluster.certificate_authority[0].data}");
    expect(stack().data!.terraform_remote_state).toHaveProperty("cluster_stack");
    expect(stack().data!.terraform_remote_state).toHaveProperty("access_stack");
  });

  it("takes no AWS identifiers as literals: queue, roles and load balancer come from state", () => {
    const text = JSON.stringify(stack().resource);
    expect(text).not.toMatch(/arn:aws:/);
    expect(text).not.toMatch(/https:\/\/sqs\./);
    expect(text).not.toMatch(/\.elb\.amazonaws\.com/);
  });

  it("annotates each service account with the IRSA role trusted for exactly that service account", () => {
    const cluster = stackJson(`${envName}-cluster`);
    for (const release of Object.values(resources<{ name: string; namespace: string; values: string[] }>(stack(), "helm_release"))) {
      const values = helmValues(stack(), release);
      const sa = values.serviceAccount ?? values.rbac?.serviceAccount;
      const roleRef: string | undefined = sa?.annotations?.["eks.amazonaws.com/role-arn"];
      if (!roleRef) continue;
      const output = /^\$\{data\.terraform_remote_state\.cluster_stack\.outputs\.([A-Za-z0-9_]+)\}$/.exec(roleRef)![1];
      const roleAddress = /^\$\{aws_iam_role\.([A-Za-z0-9_]+)\.arn\}$/.exec(cluster.output![output].value as string)![1];
      const trust = JSON.parse((cluster.resource!.aws_iam_role[roleAddress] as { assume_role_policy: string }).assume_role_policy) as PolicyDocument;
      expect(trust.Statement[0].Condition!.StringEquals["${local.oidc_issuer_host}:sub"], release.name).toBe(`system:serviceaccount:${release.namespace}:${sa.name}`);
    }
  });
});

describe("IRSA roles in the cluster stacks", () => {
  it.each(ENVS)("%s: every web-identity role names exactly one service account, through this cluster's OIDC provider", (envName) => {
    const roles = resources<{ name: string; assume_role_policy: string }>(stackJson(`${envName}-cluster`), "aws_iam_role");
    const irsa = Object.values(roles).filter((r) => r.assume_role_policy.includes("AssumeRoleWithWebIdentity"));
    expect(irsa.length).toBeGreaterThanOrEqual(2);
    for (const role of irsa) {
      const trust = JSON.parse(role.assume_role_policy) as PolicyDocument;
      expect(trust.Statement, role.name).toHaveLength(1);
      const s = trust.Statement[0];
      expect(s.Principal).toEqual({ Federated: "${aws_iam_openid_connect_provider.oidc_provider.arn}" });
      expect(s.Condition).toEqual({
        StringEquals: {
          "${local.oidc_issuer_host}:sub": expect.stringMatching(/^system:serviceaccount:[a-z0-9-]+:[a-z0-9-]+$/),
          "${local.oidc_issuer_host}:aud": "sts.amazonaws.com",
        },
      });
    }
  });

  it("limits the autoscaler's writes to this cluster's groups, external-dns and cert-manager to the listed zones", async () => {
    const env = (await referenceEnvironments()).find((e) => e.name === "production")!;
    const access = stackJson("production-access");
    const cluster = stackJson("production-cluster");
    const policyOf = (component: string, role: string) => {
      const p = componentPolicyOf(access, env.account, component);
      expect(attachedPolicies(cluster, role), role).toEqual([p.arn]);
      return p.document;
    };
    const ca = policyOf("cluster-autoscaler", "addon_cluster_autoscaler_role_role");
    expect(ca.Statement.find((s) => s.Sid === "ScaleOnlyThisClustersGroups")).toMatchObject({
      Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
      Condition: { StringEquals: { "autoscaling:ResourceTag/k8s.io/cluster-autoscaler/acme-production": "owned" } },
    });
    const dns = policyOf("external-dns", "addon_external_dns_role_role");
    expect(dns.Statement[0]).toMatchObject({
      Action: "route53:ChangeResourceRecordSets",
      Resource: env.addons.externalDns.hostedZoneIds.map((z) => `arn:aws:route53:::hostedzone/${z}`),
      // upsert-only: IAM refuses deletes too.
      Condition: { "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsActions": ["CREATE", "UPSERT"] } },
    });
    const cm = policyOf("cert-manager", "addon_cert_manager_role_role");
    expect(cm.Statement.find((s) => s.Sid === "ChallengeRecordsInListedZonesOnly")).toMatchObject({
      Resource: env.addons.certManager.dns01HostedZoneIds.map((z) => `arn:aws:route53:::hostedzone/${z}`),
      Condition: { "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] } },
    });
  });

  it("adds the EBS CSI driver, with its role, where the default StorageClass is wanted", () => {
    for (const envName of ["staging", "production"]) {
      const addon = resources<{ addon_name: string; service_account_role_arn: string; depends_on: string[] }>(stackJson(`${envName}-cluster`), "aws_eks_addon").aws_ebs_csi_driver_addon;
      expect(addon).toMatchObject({ addon_name: "aws-ebs-csi-driver", service_account_role_arn: "${aws_iam_role.addon_ebs_csi_driver_role_role.arn}" });
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
    expect(bindings.map((b) => [b.role_ref.name, b.subject[0].kind])).toEqual([["view", "Group"]]);
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
