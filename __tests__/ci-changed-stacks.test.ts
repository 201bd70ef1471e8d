/**
 * scripts/ci: which stacks a push or pull request changed, in which order they run, and the plan
 * comment, checked against a temporary git repository holding a copy of the committed
 * generated/ and real commits on top of it.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, outputs, selectChanged, selectEnvironment } from "../scripts/ci/changed-stacks";
import { COMMENT_BUDGET, GITHUB_COMMENT_LIMIT, marker, planComment } from "../scripts/ci/plan-comment";
import { ciStacks, waves } from "../scripts/ci/stacks";
import { PROJECT_ROOT } from "./support/reference";

let repo: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
const commit = (message: string) => {
  git("add", "-A");
  git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
  return git("rev-parse", "HEAD");
};
/** Changes one stack's JSON the way a synth would (a new tag value). */
const touch = (stack: string) => {
  const file = path.join(repo, "generated", "stacks", stack, "cdk.tf.json");
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  json.locals = { ...(json.locals ?? {}), touched: `${stack}-${Date.now()}-${Math.random()}` };
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
};
const names = (sel: { stacks: { stack: string }[] }) => sel.stacks.map((s) => s.stack);
let first: string;

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "eks-ci-"));
  fs.cpSync(path.join(PROJECT_ROOT, "generated"), path.join(repo, "generated"), { recursive: true });
  fs.writeFileSync(path.join(repo, "README.md"), "test\n");
  git("init", "-q", "-b", "main");
  first = commit("synth");
});

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe("changed stacks, from real commits", () => {
  it("finds the one stack a commit changed", () => {
    touch("staging-cluster");
    const head = commit("cluster change");
    expect(names(selectChanged(repo, `${head}~1`, head))).toEqual(["staging-cluster"]);
  });

  it("orders changed stacks by dependency (access, cluster, add-ons), whatever the order of the files", () => {
    const base = git("rev-parse", "HEAD");
    touch("staging-addons");
    touch("staging-access");
    touch("staging-cluster");
    const head = commit("all three");
    const sel = selectChanged(repo, base, head);
    expect(names(sel)).toEqual(["staging-access", "staging-cluster", "staging-addons"]);
    expect(sel.stacks.map((s) => s.wave)).toEqual([0, 1, 2]);
    const out = outputs(sel);
    expect(JSON.parse(out.wave0).map((s: { stack: string }) => s.stack)).toEqual(["staging-access"]);
    expect(JSON.parse(out.wave1).map((s: { stack: string }) => s.stack)).toEqual(["staging-cluster"]);
    expect(JSON.parse(out.wave2).map((s: { stack: string }) => s.stack)).toEqual(["staging-addons"]);
    expect(out.any).toBe("true");
  });

  it("counts a change from the merge base of a pull request, not what main did since", () => {
    const mainBefore = git("rev-parse", "HEAD");
    git("checkout", "-q", "-b", "feature");
    touch("staging-addons");
    const feature = commit("feature: add-ons");
    git("checkout", "-q", "main");
    touch("staging-access");
    commit("main moved on: access");
    const sel = selectChanged(repo, "main", feature);
    expect(names(sel)).toEqual(["staging-addons"]);
    expect(git("merge-base", "main", feature)).toBe(mainBefore);
  });

  it("leaves stacks of environments without ci.github and Terraform Cloud stacks alone, saying why", () => {
    const base = git("rev-parse", "HEAD");
    touch("example-cluster");
    touch("production-access");
    const head = commit("other environments");
    const sel = selectChanged(repo, base, head);
    expect(sel.stacks).toEqual([]);
    expect(sel.skipped).toEqual([
      { stack: "example-cluster", reason: "environment example has no ci.github (no GitHub roles in example-access)" },
      { stack: "production-access", reason: "Terraform Cloud runs it (cloud backend)" },
    ]);
    expect(outputs(sel).any).toBe("false");
    expect(JSON.parse(outputs(sel).wave1)).toEqual([]);
  });

  it("reports a stack removed from the manifest instead of destroying it", () => {
    const base = git("rev-parse", "HEAD");
    const manifestFile = path.join(repo, "generated", "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    delete manifest.stacks["example-addons"];
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
    fs.rmSync(path.join(repo, "generated", "stacks", "example-addons"), { recursive: true });
    const head = commit("remove example add-ons");
    const sel = selectChanged(repo, base, head);
    expect(sel.removed).toEqual(["example-addons"]);
    expect(sel.stacks).toEqual([]);
  });

  it("treats a push without a base (a new branch, before = 000...) as changing every stack", () => {
    const head = git("rev-parse", "HEAD");
    expect(names(selectChanged(repo, "0000000000000000000000000000000000000000", head))).toEqual(["staging-access", "staging-cluster", "staging-addons", "staging-traffic"]);
  });

  it("finds nothing between identical commits", () => {
    expect(selectChanged(repo, first, first).stacks).toEqual([]);
  });

  it("writes the workflow outputs to $GITHUB_OUTPUT", () => {
    const file = path.join(repo, "..", `${path.basename(repo)}-output`);
    const log = console.log;
    const err = console.error;
    process.env.GITHUB_OUTPUT = file;
    console.log = () => {};
    console.error = () => {};
    try {
      main(["changed", "--base", first, "--head", "HEAD"], repo);
    } finally {
      delete process.env.GITHUB_OUTPUT;
      console.log = log;
      console.error = err;
    }
    const lines = fs.readFileSync(file, "utf8").trim().split("\n");
    fs.rmSync(file);
    expect(lines.map((l) => l.split("=")[0])).toEqual(["stacks", "any", "wave0", "wave1", "wave2"]);
    expect(JSON.parse(lines[0].slice("stacks=".length)).map((s: { stack: string }) => s.stack)).toEqual(["staging-access", "staging-cluster", "staging-addons"]);
  });
});

describe("what each stack runs as", () => {
  it("derives the roles, region, state and protected environment from the committed access stack", () => {
    const { stacks } = ciStacks(PROJECT_ROOT);
    expect(stacks.map((s) => [s.stack, s.administratorApplies, s.concurrencyGroup])).toEqual([
      ["staging-access", true, "tfstate-s3-acme-terraform-state-platform-eks-staging-staging-access.tfstate"],
      ["staging-cluster", false, "tfstate-s3-acme-terraform-state-platform-eks-staging-staging-cluster.tfstate"],
      ["staging-addons", false, "tfstate-s3-acme-terraform-state-platform-eks-staging-staging-addons.tfstate"],
      // The traffic stack (Route 53 cut-over) reads the cluster stack's outputs: same wave as the add-ons.
      ["staging-traffic", false, "tfstate-s3-acme-terraform-state-platform-eks-staging-staging-traffic.tfstate"],
    ]);
    for (const s of stacks) {
      expect(s).toMatchObject({
        environment: "staging",
        region: "eu-west-1",
        backend: "s3",
        planRoleArn: "arn:aws:iam::123456789012:role/eks-admin/acme-staging-github-plan",
        applyRoleArn: "arn:aws:iam::123456789012:role/eks-admin/acme-staging-github-apply",
        githubEnvironment: "staging",
      });
    }
  });

  it("lists one environment dependencies first, or last to destroy, and refuses one CI does not run", () => {
    expect(names(selectEnvironment(PROJECT_ROOT, "staging", false))).toEqual(["staging-access", "staging-cluster", "staging-addons", "staging-traffic"]);
    expect(names(selectEnvironment(PROJECT_ROOT, "staging", true))).toEqual(["staging-traffic", "staging-addons", "staging-cluster", "staging-access"]);
    expect(() => selectEnvironment(PROJECT_ROOT, "production", false)).toThrow("environment production: no stack GitHub Actions runs (production-access: Terraform Cloud runs it");
    expect(() => selectEnvironment(PROJECT_ROOT, "nope", false)).toThrow("no such environment in generated/manifest.json");
  });

  it("refuses a dependency cycle or an unknown dependency in the manifest", () => {
    const s = (name: string, ...dependencies: string[]) => ({ name, dependencies, workingDirectory: `generated/stacks/${name}` });
    expect(() => waves([s("a", "b"), s("b", "a")])).toThrow("dependency cycle a -> b -> a");
    expect(() => waves([s("a", "x")])).toThrow("a depends on unknown stack x");
    expect(waves([s("c", "b", "a"), s("b", "a"), s("a")])).toEqual(new Map([["a", 0], ["b", 1], ["c", 2]]));
  });
});

describe("plan comments", () => {
  const summary = "Plan: 3 to add, 1 to change, 0 to destroy.";
  // Multi-byte characters and backtick runs: the worst case for a byte budget and a code fence.
  const line = (i: number) => `  # aws_iam_role.r${i} will be updated in-place ~ "déjà-vu ✓ 🚀" \`\`\`\`\` ${"x".repeat(80)}`;
  const huge = [...Array.from({ length: 4000 }, (_, i) => line(i)), "", summary].join("\n");

  it("stays under GitHub's limit, keeping the start, the summary and the fence", () => {
    const body = planComment({ stack: "staging-cluster", plan: huge, exitCode: 2, runUrl: "https://github.com/acme/platform-eks/actions/runs/1" });
    expect(Buffer.byteLength(body, "utf8")).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(body.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect([...body].length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(body.startsWith(`${marker("staging-cluster")}\n### \`staging-cluster\`: changes`)).toBe(true);
    expect(body).toContain(line(0));
    expect(body).toContain(summary);
    expect(body).toMatch(/\n\.\.\. \d+ lines omitted \(the full plan is in the workflow log\) \.\.\.\n/);
    // The plan holds runs of five backticks; the fence is six, so no line of the plan closes it.
    expect(body).toContain("\n``````diff\n");
    expect(body).toContain("\n``````\n\n[Workflow run]");
    expect(body).not.toContain("\uFFFD");
  });

  it("keeps a small plan whole and says when a plan failed", () => {
    const body = planComment({ stack: "s", plan: `\u001b[1mNo changes.\u001b[0m ${summary}\n`, exitCode: 0 });
    expect(body).toBe(`${marker("s")}\n### \`s\`: no changes\n\n\`\`\`diff\nNo changes. ${summary}\n\`\`\`\n`);
    expect(planComment({ stack: "s", plan: "Error: x", exitCode: 1 })).toContain("**plan failed** (exit code 1)");
  });
});
