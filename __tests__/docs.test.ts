/**
 * The documentation tells the truth about the project: README.md stays a short front page linking
 * every docs/ page, and README.md and docs/*.md name only files, anchors, Terraform addresses and
 * npm scripts that exist. Text checks only (no synth): the addresses are read from the committed
 * generated/ stacks, which __tests__/generated.test.ts keeps equal to a fresh synth.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const README_LIMIT_BYTES = 10_240;

/** Backticked repository paths are checked when they start with one of these folders. */
const PATH_ROOTS = ["src", "__tests__", "environments", "scripts", "docs", "vendor", ".github"];
/** Terraform address types checked; anything else in backticks is prose. */
const ADDRESS = /\b(?:(data|ephemeral)\.)?((?:aws|helm|kubernetes|tfe)_[a-z0-9_]+)\.([a-z0-9_]+)\b/g;

interface Doc {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  text: string;
}

interface DocFacts {
  /** "resource|data|ephemeral type.name" of every block in generated/stacks/*\/cdk.tf.json. */
  addresses: Set<string>;
  scripts: Set<string>;
  exists: (repoPath: string) => boolean;
  /** Markdown text of a repository file, or undefined when it is not one. */
  markdown: (repoPath: string) => string | undefined;
}

/** Fenced code blocks apart from the prose around them: links are prose only, paths and addresses both. */
function splitFences(text: string): { prose: string; code: string } {
  const prose: string[] = [];
  const code: string[] = [];
  let inFence = false;
  for (const line of text.split("\n")) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    else (inFence ? code : prose).push(line);
  }
  return { prose: prose.join("\n"), code: code.join("\n") };
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of splitFences(markdown).prose.split("\n")) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = heading[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** A path with `<placeholder>` or `*` parts stands for files made later: its literal folder must exist. */
function literalPrefix(repoPath: string): string | undefined {
  const wild = repoPath.search(/[<*]/);
  if (wild < 0) return undefined;
  return repoPath.slice(0, repoPath.lastIndexOf("/", wild) + 1);
}

/** Every way a document can lie about the project, as `file: problem` lines. */
export function docProblems(doc: Doc, facts: DocFacts): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${doc.file}: ${what}`);
  const { prose, code } = splitFences(doc.text);

  if (/ARCHITECTURE\.md/i.test(doc.text)) say("mentions ARCHITECTURE.md, which the project does not have");
  for (const m of doc.text.matchAll(/\bseeds?\b/gi)) say(`mentions "${m[0]}" (no such thing in the project)`);

  for (const m of prose.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)) {
    const target = m[1];
    if (/^[a-z]+:/i.test(target)) continue; // http(s), mailto: outside the repository
    const [file, anchor] = target.split("#", 2) as [string, string | undefined];
    if (file === "") {
      if (!anchorsOf(doc.text).has(anchor ?? "")) say(`link ${target}: no heading with anchor #${anchor} here`);
      continue;
    }
    const repoPath = path.posix.normalize(path.posix.join(path.posix.dirname(doc.file), file));
    if (!facts.exists(repoPath)) {
      say(`link ${target}: ${repoPath} does not exist`);
      continue;
    }
    if (anchor === undefined) continue;
    const md = facts.markdown(repoPath);
    if (md !== undefined && !anchorsOf(md).has(anchor)) say(`link ${target}: no heading with anchor #${anchor} in ${repoPath}`);
  }

  const spans = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
  for (const piece of [...spans, code]) {
    for (const m of piece.matchAll(ADDRESS)) {
      const kind = m[1] ?? "resource";
      if (!facts.addresses.has(`${kind} ${m[2]}.${m[3]}`)) say(`Terraform address ${m[0]} is in no generated/stacks/*/cdk.tf.json`);
    }
  }

  const pathPattern = new RegExp(`(?:^|[\\s\`(=])((?:${PATH_ROOTS.map((r) => r.replace(".", "\\.")).join("|")})/[\\w./<>*-]*)`, "g");
  for (const piece of [...spans.map((s) => ` ${s}`), code]) {
    for (const m of piece.matchAll(pathPattern)) {
      const repoPath = m[1].replace(/[.,]+$/, "");
      const prefix = literalPrefix(repoPath);
      const checked = prefix ?? repoPath;
      if (!facts.exists(checked)) say(`path ${repoPath}: ${checked} does not exist`);
    }
  }

  for (const m of doc.text.matchAll(/\bnpm run ([\w:.-]+)/g)) {
    if (!facts.scripts.has(m[1])) say(`npm run ${m[1]}: no such script in package.json`);
  }
  return problems;
}

function projectFacts(): DocFacts {
  const addresses = new Set<string>();
  const stacksDir = path.join(ROOT, "generated", "stacks");
  for (const stack of fs.readdirSync(stacksDir)) {
    const json = JSON.parse(fs.readFileSync(path.join(stacksDir, stack, "cdk.tf.json"), "utf8")) as Record<string, Record<string, object> | undefined>;
    for (const kind of ["resource", "data", "ephemeral"]) {
      for (const [type, blocks] of Object.entries(json[kind] ?? {})) for (const name of Object.keys(blocks)) addresses.add(`${kind} ${type}.${name}`);
    }
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const abs = (p: string) => path.join(ROOT, ...p.split("/"));
  return {
    addresses,
    scripts: new Set(Object.keys(pkg.scripts)),
    exists: (p) => fs.existsSync(abs(p)),
    markdown: (p) => (p.endsWith(".md") && fs.statSync(abs(p)).isFile() ? fs.readFileSync(abs(p), "utf8") : undefined),
  };
}

const read = (file: string): Doc => ({ file, text: fs.readFileSync(path.join(ROOT, file), "utf8") });
const docsPages = fs
  .readdirSync(path.join(ROOT, "docs"))
  .filter((f) => f.endsWith(".md"))
  .sort()
  .map((f) => `docs/${f}`);

describe("the documentation", () => {
  const facts = projectFacts();
  const readme = read("README.md");

  it(`keeps README.md a front page, under ${README_LIMIT_BYTES} bytes`, () => {
    expect(Buffer.byteLength(readme.text, "utf8")).toBeLessThan(README_LIMIT_BYTES);
  });

  it("links every docs/ page from README.md", () => {
    const linked = new Set([...splitFences(readme.text).prose.matchAll(/\]\((docs\/[^)#\s]+)/g)].map((m) => m[1]));
    expect(docsPages.filter((p) => !linked.has(p))).toEqual([]);
  });

  it.each(["README.md", ...docsPages])("%s names only links, paths, Terraform addresses and scripts that exist", (file) => {
    expect(docProblems(read(file), facts)).toEqual([]);
  });
});

describe("the documentation check", () => {
  const facts = projectFacts();

  it("catches a broken link, a missing anchor, a made-up address, path or script, and stale names", () => {
    const text = [
      "# Title",
      "See [the runbook](docs/no-such-page.md) and [a section](README.md#no-such-heading).",
      "Applied as `aws_iam_role.no_such_role`, built by `src/no-such-file.ts` with `npm run no-such-script`.",
      "As ARCHITECTURE.md and the seed said.",
      "```",
      "terraform import aws_kms_key.no_such_key x",
      "```",
    ].join("\n");
    expect(docProblems({ file: "README.md", text }, facts)).toEqual([
      "README.md: mentions ARCHITECTURE.md, which the project does not have",
      'README.md: mentions "seed" (no such thing in the project)',
      "README.md: link docs/no-such-page.md: docs/no-such-page.md does not exist",
      "README.md: link README.md#no-such-heading: no heading with anchor #no-such-heading in README.md",
      "README.md: Terraform address aws_iam_role.no_such_role is in no generated/stacks/*/cdk.tf.json",
      "README.md: Terraform address aws_kms_key.no_such_key is in no generated/stacks/*/cdk.tf.json",
      "README.md: path src/no-such-file.ts: src/no-such-file.ts does not exist",
      "README.md: npm run no-such-script: no such script in package.json",
    ]);
  });

  it("accepts what exists, placeholders under an existing folder, and relative links from docs/", () => {
    const text = [
      "# Stacks",
      "[back](../README.md), [here](#stacks), [runbook](kops-migration.md#7-decommissioning).",
      "`aws_eks_cluster.cluster`, `data.terraform_remote_state.cluster_stack`, `environments/<name>.ts`, `npm run synth`.",
    ].join("\n");
    expect(docProblems({ file: "docs/example.md", text }, facts)).toEqual([]);
  });

  it("computes GitHub's anchors", () => {
    expect([...anchorsOf("## 7. Decommissioning\n## From ingress-nginx to Traefik\n## `npm test`\n## Tests\n## Tests")]).toEqual([
      "7-decommissioning",
      "from-ingress-nginx-to-traefik",
      "npm-test",
      "tests",
      "tests-1",
    ]);
  });
});
