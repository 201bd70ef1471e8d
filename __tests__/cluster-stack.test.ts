/** What matters in the cluster stack, beyond the snapshot: who creates it, how it is locked down. */
import { describe, expect, it } from "vitest";
import { Testing } from "cdktf";
import { placementOn } from "../src/charts/placement";
import { OWNER_TAG_KEY } from "../src/naming/names";
import { attachedPolicies, componentPolicyOf, documentOf, helmValues, oneResource, referenceEnvironments, resources, stackJson } from "./support/reference";

const ENVS = ["example", "staging", "production"];
const envNamed = async (name: string) => (await referenceEnvironments()).find((e) => e.name === name)!;

interface ClusterJson {
  name: string;
  vpc_config: { endpoint_private_access: boolean; endpoint_public_access: boolean; public_access_cidrs?: string[]; subnet_ids: unknown };
  encryption_config: { resources: string[]; provider: { key_arn: string } };
  enabled_cluster_log_types: string[];
  access_config: { authentication_mode: string; bootstrap_cluster_creator_admin_permissions: boolean };
  lifecycle: { precondition: { condition: string; error_message: string }[] };
}

describe.each(ENVS)("%s-cluster", (envName) => {
  const stack = () => stackJson(`${envName}-cluster`);
  const cluster = () => stack().resource!.aws_eks_cluster.cluster as unknown as ClusterJson;

  it("is created through the admin role, whose ARN comes from the access stack's state (plans run as the reader role)", () => {
    const provider = stack().provider!.aws[0] as { assume_role: { role_arn: string; session_name: string }[] };
    expect(provider.assume_role).toEqual([
      {
        // terraform.applying (Terraform 1.10+): apply, and the plan `terraform apply` makes, as the admin role.
        role_arn: "${terraform.applying ? data.terraform_remote_state.access_stack.outputs.admin_role_arn : data.terraform_remote_state.access_stack.outputs.reader_role_arn}",
        session_name: `terraform-${envName}-cluster`,
      },
    ]);
    const accessBackend = (stackJson(`${envName}-access`).terraform as { backend?: Record<string, Record<string, unknown>>; cloud?: Record<string, unknown> });
    const remote = stack().data!.terraform_remote_state.access_stack as { backend: string; config: Record<string, unknown> };
    // The remote state read points at exactly where the access stack keeps its state.
    if (accessBackend.backend?.s3) expect(remote.config).toMatchObject({ bucket: accessBackend.backend.s3.bucket, key: accessBackend.backend.s3.key });
    if (accessBackend.backend?.local) expect(remote.config).toMatchObject({ path: accessBackend.backend.local.path });
    if (accessBackend.cloud) expect(remote.config).toMatchObject({ organization: accessBackend.cloud.organization, workspaces: { name: `${envName}-access` } });
    expect(stackJson(`${envName}-access`).output!.admin_role_arn.value).toBe("${aws_iam_role.eks_admin_role.arn}");
  });

  it("keeps the API private, public only to listed networks", async () => {
    const env = await envNamed(envName);
    const vpc = cluster().vpc_config;
    expect(vpc.endpoint_private_access).toBe(true);
    expect(vpc.endpoint_public_access).toBe(env.cluster.endpoint.publicAccess);
    if (vpc.endpoint_public_access) {
      expect(vpc.public_access_cidrs).toEqual(env.cluster.endpoint.publicAccessCidrs);
      expect(vpc.public_access_cidrs).not.toContain("0.0.0.0/0");
    } else {
      expect(vpc.public_access_cidrs).toBeUndefined();
    }
  });

  it("encrypts secrets with a rotated customer key the access stack owns, pinned so a refactor cannot replace it", () => {
    const keyFromAccess = "${data.terraform_remote_state.access_stack.outputs.secrets_key_arn}";
    expect(cluster().encryption_config).toEqual({ resources: ["secrets"], provider: { key_arn: keyFromAccess } });
    expect(resources(stack(), "aws_kms_key")).toEqual({});
    const access = stackJson(`${envName}-access`);
    expect(access.output!.secrets_key_arn.value).toBe("${aws_kms_key.secrets_key.arn}");
    expect(Testing.toHaveResourceWithProperties(JSON.stringify(access), "aws_kms_key", { enable_key_rotation: true, deletion_window_in_days: 30 })).toBe(true);
    const key = access.resource!.aws_kms_key.secrets_key as { policy: string };
    const logsStatement = documentOf(access, key.policy).Statement.find((s) => s.Sid === "ClusterLogGroupOnly")!;
    expect(logsStatement.Condition).toEqual({
      ArnEquals: { "kms:EncryptionContext:aws:logs:arn": expect.stringMatching(/:log-group:\/aws\/eks\/[a-z-]+\/cluster$/) },
    });
  });

  it("lets the control plane's role use the key through the access stack's policy", async () => {
    const env = await envNamed(envName);
    const access = stackJson(`${envName}-access`);
    const keyPolicy = componentPolicyOf(access, env.account, "secrets-encryption");
    expect(keyPolicy.document.Statement).toEqual([
      expect.objectContaining({ Effect: "Allow", Action: expect.arrayContaining(["kms:Decrypt", "kms:DescribeKey"]), Resource: "${aws_kms_key.secrets_key.arn}" }),
    ]);
    expect(attachedPolicies(access, "cluster_role")).toContain("${aws_iam_policy.component_policies_secrets_encryption.arn}");
  });

  it("logs audit, api and authenticator to an encrypted group with a retention", async () => {
    const env = await envNamed(envName);
    expect(cluster().enabled_cluster_log_types).toEqual(expect.arrayContaining(["api", "audit", "authenticator"]));
    const group = oneResource<{ name: string; retention_in_days: number; kms_key_id: string }>(stack(), "aws_cloudwatch_log_group");
    expect(group).toMatchObject({ name: `/aws/eks/${env.cluster.name}/cluster`, retention_in_days: env.cluster.logRetentionDays, kms_key_id: cluster().encryption_config.provider.key_arn });
  });

  it("authenticates through access entries only, with the admin role as cluster-admin", () => {
    expect(cluster().access_config).toEqual({ authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false });
    const admin = resources<{ principal_arn: string; policy_arn: string; access_scope: { type: string } }>(stack(), "aws_eks_access_policy_association").access_admin_AmazonEKSClusterAdminPolicy;
    expect(admin.policy_arn).toBe("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
    expect(admin.access_scope).toEqual({ type: "cluster" });
    expect(admin.principal_arn).toBe("${aws_eks_access_entry.access_admin.principal_arn}");
  });

  it("refuses subnets in one zone or outside the VPC before creating anything", () => {
    const conditions = cluster().lifecycle.precondition.map((p) => p.condition);
    expect(conditions[0]).toMatch(/length\(distinct\(\[ for key, val in data\.aws_subnet\.network_private_subnet: val\.availability_zone\]\)\) >= 2/);
    expect(conditions[1]).toMatch(/val\.vpc_id/);
  });

  it("installs the four managed add-ons, at the pinned or the default version", () => {
    const addons = Object.values(resources<{ addon_name: string; addon_version: string }>(stack(), "aws_eks_addon"));
    expect(addons.map((a) => a.addon_name).sort()).toEqual(expect.arrayContaining(["coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]));
    for (const a of addons) expect(a.addon_version).toMatch(/^\$\{data\.aws_eks_addon_version\.|^v\d/);
  });

  it("creates every role under the cluster's IAM path with the boundary", async () => {
    const env = await envNamed(envName);
    for (const role of Object.values(resources<{ path: string; permissions_boundary: string }>(stack(), "aws_iam_role"))) {
      expect(role.path).toBe(`/eks/${env.cluster.name}/`);
      expect(role.permissions_boundary).toBe(`arn:aws:iam::${env.account}:policy/eks-admin/${env.cluster.name}-eks-boundary`);
    }
  });

  it("exposes what the add-ons stack needs", () => {
    expect(Object.keys(stack().output!)).toEqual(
      expect.arrayContaining(["cluster_name", "cluster_endpoint", "cluster_certificate_authority", "oidc_issuer_url", "cluster_security_group_id", "node_security_group_id"]),
    );
    // Pod Identity replaced IRSA: no OIDC provider, but the issuer stays published for teams' own IRSA roles.
    expect(stack().output!.oidc_provider_arn).toBeUndefined();
  });
});

it("tags every interface the VPC CNI creates with the cluster, and turns on prefix delegation where the environment asks, and only there", () => {
  const vpcCni = (envName: string) => oneResource<{ addon_name: string; configuration_values: string }>(stackJson(`${envName}-cluster`), "aws_eks_addon", (a) => a.addon_name === "vpc-cni");
  // The CNI's policy (vpc-cni-permissions.ts) only touches interfaces with the owner tag: without it, no pod would get an address.
  const tags = (cluster: string) => JSON.stringify({ [OWNER_TAG_KEY]: cluster });
  expect(JSON.parse(vpcCni("production").configuration_values)).toEqual({ env: { ADDITIONAL_ENI_TAGS: tags("acme-production"), ENABLE_PREFIX_DELEGATION: "true", WARM_PREFIX_TARGET: "1" } });
  expect(JSON.parse(vpcCni("staging").configuration_values)).toEqual({ env: { ADDITIONAL_ENI_TAGS: tags("acme-staging") } });
});

it("reads the staging network from the network stack's state", () => {
  const remote = stackJson("staging-cluster").data!.terraform_remote_state.network_state as { backend: string; config: Record<string, string> };
  expect(remote).toEqual({ backend: "s3", config: { bucket: "acme-terraform-state", key: "network/staging.tfstate", region: "eu-west-1" } });
  expect((stackJson("staging-cluster").resource!.aws_eks_cluster.cluster as unknown as ClusterJson).vpc_config.subnet_ids).toBe(
    "${data.terraform_remote_state.network_state.outputs.private_subnet_ids}",
  );
});

it("admits the production VPN and agents to the private endpoint, on 443 only", () => {
  const rules = Object.values(
    resources<{ security_group_id: string; cidr_ipv4?: string; from_port: number; to_port: number }>(stackJson("production-cluster"), "aws_vpc_security_group_ingress_rule"),
  ).filter((r) => r.cidr_ipv4 && r.security_group_id === "${aws_security_group.security_groups_cluster.id}");
  expect(rules.map((r) => [r.cidr_ipv4, r.from_port, r.to_port]).sort()).toEqual([
    ["10.10.8.0/24", 443, 443],
    ["10.200.0.0/16", 443, 443],
  ]);
});

describe("what a plan installs is reviewed", () => {
  it.each(["staging", "production"])("%s pins every AMI and add-on version: nothing resolves at plan time", (envName) => {
    const stack = stackJson(`${envName}-cluster`);
    expect(stack.data?.aws_ssm_parameter).toBeUndefined();
    expect(stack.data?.aws_eks_addon_version).toBeUndefined();
  });

  it.each(["example", "staging", "production"])("%s outputs the AMI of every pool and the version of every add-on it installs", async (envName) => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const stack = stackJson(`${envName}-cluster`);
    const images = stack.output!.node_images.value as Record<string, string>;
    const templates = resources<{ image_id: string }>(stack, "aws_launch_template");
    expect(Object.keys(images).sort()).toEqual(env.workerPools.map((p) => p.name).sort());
    for (const pool of env.workerPools) expect(templates[`pool_${pool.name}_launch_template_template`].image_id, pool.name).toBe(images[pool.name]);
    const versions = stack.output!.addon_versions.value as Record<string, string>;
    const addons = Object.values(resources<{ addon_name: string; addon_version: string }>(stack, "aws_eks_addon"));
    expect(Object.fromEntries(addons.map((a) => [a.addon_name, a.addon_version]))).toEqual(versions);
  });

  it("upgrades never silently overwrite what a team changed inside the cluster", () => {
    for (const envName of ["example", "staging", "production"]) {
      for (const a of Object.values(resources<{ resolve_conflicts_on_create: string; resolve_conflicts_on_update: string }>(stackJson(`${envName}-cluster`), "aws_eks_addon"))) {
        expect(a).toMatchObject({ resolve_conflicts_on_create: "OVERWRITE", resolve_conflicts_on_update: "PRESERVE" });
      }
    }
  });
});

describe("cluster components on the system nodes", () => {
  it.each(["example", "staging", "production"])("%s: CoreDNS and the EBS CSI controller select the system pools and tolerate their taints, like the Helm add-ons", async (envName) => {
    const env = (await referenceEnvironments()).find((e) => e.name === envName)!;
    const system = placementOn(env, "system");
    expect(system.tolerations.length + Object.keys(system.nodeSelector).length).toBeGreaterThan(0);
    const addons = resources<{ addon_name: string; configuration_values?: string }>(stackJson(`${envName}-cluster`), "aws_eks_addon");
    const config = (name: string) => JSON.parse(Object.values(addons).find((a) => a.addon_name === name)!.configuration_values!);
    // Keys per the add-ons' configuration schemas: CoreDNS at the top level, EBS CSI under `controller`.
    expect(config("coredns")).toEqual({ nodeSelector: system.nodeSelector, tolerations: system.tolerations });
    if (env.addons.clusterObjects.defaultStorageClass) {
      expect(config("aws-ebs-csi-driver").controller).toMatchObject({ nodeSelector: system.nodeSelector, tolerations: system.tolerations });
    }
    // The same placement the drainer's chart values carry.
    const nth = Object.values(resources<{ name: string; values: string[] }>(stackJson(`${envName}-addons`), "helm_release")).find((r) => r.name === "aws-node-termination-handler")!;
    expect(helmValues(stackJson(`${envName}-addons`), nth)).toMatchObject({ nodeSelector: system.nodeSelector, tolerations: system.tolerations });
  });
});
