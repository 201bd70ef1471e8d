/**
 * The HCP Terraform workspaces stack (`tfc-<org>-<project>`), structurally: the hashicorp/tfe
 * provider binary is not available offline, so this stack is NOT run through `terraform validate`
 * here (the test output says so). What is checked instead: every workspace a cloud backend names
 * exists, in the right organization and project, running the right folder; only remotely run
 * workspaces get dynamic credentials, as `env` variables naming exactly the access stack's roles;
 * state is shared within an environment only; run triggers follow the apply order.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../src/config/environment";
import { TERRAFORM_VERSION, type CloudState } from "../src/naming/terraform-cloud";
import { iamWorld } from "./iam/iam-world";
import { PROJECT_ROOT, referenceEnvironments, resources, stackJson, stackNames, synthDir, type StackJson } from "./support/reference";

type Ws = { name: string; organization: string; project_id: string; working_directory: string; trigger_patterns?: string[]; vcs_repo?: Record<string, string>; terraform_version: string; queue_all_runs: boolean; auto_apply: boolean };
type Settings = { workspace_id: string; execution_mode: string; agent_pool_id?: string; global_remote_state: boolean; remote_state_consumer_ids: string[] };
type Var = { workspace_id: string; key: string; value: string; category: string; sensitive?: boolean };
type Trigger = { workspace_id: string; sourceable_id: string };

const cloudOf = (s: StackJson) => (s.terraform as { cloud?: { hostname: string; organization: string; workspaces: { name: string; project?: string } } }).cloud;
const workspacesStacks = () => stackNames().filter((s) => s.startsWith("tfc-"));
/** `${tfe_workspace.x.id}` -> the workspace's name. */
const nameById = (stack: StackJson, ref: string) => {
  const m = /^\$\{tfe_workspace\.([A-Za-z0-9_]+)\.id\}$/.exec(ref);
  if (!m) throw new Error(`not a workspace reference: ${ref}`);
  return resources<Ws>(stack, "tfe_workspace")[m[1]].name;
};

let envs: Environment[];
beforeAll(async () => {
  envs = await referenceEnvironments();
  console.warn(
    "hashicorp/tfe: provider binary NOT available offline; the workspaces stacks " +
      `(${workspacesStacks().join(", ")}) are NOT terraform-validated here, only checked structurally (__tests__/workspaces-stack.test.ts).`,
  );
});

describe("HCP Terraform workspaces stack", () => {
  it("exists once per organization and project that a cloud backend names, with its own state there", () => {
    const cloudEnvs = envs.filter((e) => e.state.backend === "cloud");
    expect(cloudEnvs.map((e) => e.name)).toEqual(["production"]);
    expect(workspacesStacks()).toEqual(["tfc-acme-platform"]);
    const stack = stackJson("tfc-acme-platform");
    expect(cloudOf(stack)).toEqual({ hostname: "app.terraform.io", organization: "acme", workspaces: { name: "tfc-acme-platform", project: "platform" } });
    expect(stack.provider?.tfe).toEqual([{ hostname: "app.terraform.io", organization: "acme" }]);
    expect(JSON.stringify(stack.provider)).not.toMatch(/token/i);
    expect(Object.values(stack.data?.tfe_project ?? {}).map((p) => [p.name, p.organization])).toEqual([["platform", "acme"]]);
  });

  it("creates every workspace the environments' cloud backends name, in their organization and project, running their folder", () => {
    const created = new Map<string, { ws: Ws; stack: string }>();
    for (const s of workspacesStacks()) for (const ws of Object.values(resources<Ws>(stackJson(s), "tfe_workspace"))) created.set(ws.name, { ws, stack: s });
    const named = stackNames().filter((s) => !s.startsWith("tfc-") && cloudOf(stackJson(s)));
    expect(named.length).toBe(3);
    for (const s of named) {
      const backend = cloudOf(stackJson(s))!;
      const found = created.get(backend.workspaces.name);
      expect(found, `workspace ${backend.workspaces.name} of ${s}`).toBeDefined();
      const own = cloudOf(stackJson(found!.stack))!;
      expect([own.hostname, own.organization, own.workspaces.project]).toEqual([backend.hostname, backend.organization, backend.workspaces.project]);
      expect(found!.ws.organization).toBe(backend.organization);
      expect(found!.ws.project_id).toBe("${data.tfe_project.project.id}");
      expect(found!.ws.working_directory).toBe(`generated/stacks/${s}`);
      expect(fs.existsSync(path.join(synthDir(), "stacks", s, "cdk.tf.json"))).toBe(true);
      expect(found!.ws.terraform_version).toBe(TERRAFORM_VERSION);
      expect(found!.ws.auto_apply).toBe(false);
    }
    // Nothing else: no workspace without a stack behind it.
    expect([...created.keys()].sort()).toEqual(named.map((s) => cloudOf(stackJson(s))!.workspaces.name).sort());
    expect(fs.readFileSync(path.join(PROJECT_ROOT, ".terraform-version"), "utf8").trim()).toBe(TERRAFORM_VERSION);
  });

  it("runs cluster and add-ons from the repository on the agent pool, on changes to their own folder; access locally", () => {
    const stack = stackJson("tfc-acme-platform");
    const env = envs.find((e) => e.name === "production")!;
    const s = env.state as CloudState;
    const ws = resources<Ws>(stack, "tfe_workspace");
    const settings = Object.values(resources<Settings>(stack, "tfe_workspace_settings"));
    const settingsOf = (name: string) => settings.filter((x) => nameById(stack, x.workspace_id) === name);
    for (const role of ["cluster", "addons"]) {
      const w = ws[`production_${role}`];
      expect(w.trigger_patterns).toEqual([`generated/stacks/production-${role}/**/*`]);
      expect(w.vcs_repo).toEqual({ identifier: s.vcsRepo!.identifier, branch: "main", github_app_installation_id: s.vcsRepo!.githubAppInstallationId });
      expect(w.queue_all_runs).toBe(false);
      expect(settingsOf(`production-${role}`).map((x) => [x.execution_mode, x.agent_pool_id])).toEqual([["agent", s.agentPoolId]]);
    }
    expect(ws.production_access.vcs_repo).toBeUndefined();
    expect(settingsOf("production-access").map((x) => [x.execution_mode, x.agent_pool_id])).toEqual([["local", undefined]]);
  });

  it("shares state only between an environment's workspaces, with the stacks that read it", () => {
    const stack = stackJson("tfc-acme-platform");
    const sharing = Object.fromEntries(
      Object.values(resources<Settings>(stack, "tfe_workspace_settings")).map((x) => {
        expect(x.global_remote_state).toBe(false);
        return [nameById(stack, x.workspace_id), x.remote_state_consumer_ids.map((id) => nameById(stack, id)).sort()];
      }),
    );
    expect(sharing).toEqual({ "production-access": ["production-addons", "production-cluster"], "production-cluster": ["production-addons"], "production-addons": [] });
    // Matches who actually reads whose state in the generated stacks.
    for (const [producer, consumers] of Object.entries(sharing)) {
      for (const consumer of ["production-access", "production-cluster", "production-addons"]) {
        const reads = JSON.stringify(stackJson(consumer).data?.terraform_remote_state ?? {}).includes(`"name":"${producer}"`);
        expect(reads, `${consumer} reads ${producer}`).toBe(consumers.includes(consumer));
      }
    }
  });

  it("triggers runs in stack order: access, then cluster, then add-ons", () => {
    const stack = stackJson("tfc-acme-platform");
    const triggers = Object.values(resources<Trigger>(stack, "tfe_run_trigger")).map((t) => `${nameById(stack, t.sourceable_id)} -> ${nameById(stack, t.workspace_id)}`);
    expect(triggers.sort()).toEqual(["production-access -> production-cluster", "production-cluster -> production-addons"]);
  });

  it("turns dynamic credentials on for cluster and add-ons only, as env variables naming the access stack's plan and apply roles", async () => {
    const stack = stackJson("tfc-acme-platform");
    const env = envs.find((e) => e.name === "production")!;
    const world = iamWorld(env, { access: stackJson("production-access"), cluster: stackJson("production-cluster") });
    const vars = Object.values(resources<Var>(stack, "tfe_variable"));
    for (const v of vars) {
      expect(v.category, v.key).toBe("env");
      expect(v.sensitive).toBeUndefined();
    }
    const byWorkspace = (name: string) => Object.fromEntries(vars.filter((v) => nameById(stack, v.workspace_id) === name).map((v) => [v.key, v.value]));
    expect(byWorkspace("production-access")).toEqual({});
    for (const role of ["cluster", "addons"]) {
      expect(byWorkspace(`production-${role}`)).toEqual({
        TFC_AWS_PROVIDER_AUTH: "true",
        // The ARNs the access stack's roles get when applied (resolved from its generated JSON).
        TFC_AWS_PLAN_ROLE_ARN: world.roles[`terraform_cloud_${role}_plan_role`].arn,
        TFC_AWS_APPLY_ROLE_ARN: world.roles[`terraform_cloud_${role}_apply_role`].arn,
      });
    }
  });
});
