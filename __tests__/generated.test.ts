/**
 * generated/ is what Terraform Cloud applies and it is the snapshot of every stack: it must be
 * exactly what the source synthesizes today (the in-process synth of the global setup). When this
 * fails it shows the diff per stale file and the command; run it, and the generated/ diff in the
 * commit is what reviewers read.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DIFF_LINES_PER_FILE, REGENERATE, staleOutputReport } from "./support/generated-diff";
import { PROJECT_ROOT, synthDir } from "./support/reference";
import { unifiedDiff } from "./support/unified-diff";

it("generated/ equals a fresh synth", () => {
  const report = staleOutputReport(path.join(PROJECT_ROOT, "generated"), synthDir());
  if (report) expect.fail(report);
});

describe("the freshness report", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "eks-stale-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const copy = (stack: string, to: string) => {
    fs.mkdirSync(path.join(to, "stacks", stack), { recursive: true });
    fs.copyFileSync(path.join(synthDir(), "stacks", stack, "cdk.tf.json"), path.join(to, "stacks", stack, "cdk.tf.json"));
  };

  it("names missing, left-over and stale files, shows the changed lines, and says how to fix it", () => {
    const fresh = path.join(tmp, "fresh");
    const committed = path.join(tmp, "committed");
    for (const stack of ["example-access", "example-cluster"]) copy(stack, fresh);
    copy("example-cluster", committed);
    copy("staging-traffic", committed);
    const file = path.join(committed, "stacks", "example-cluster", "cdk.tf.json");
    const text = fs.readFileSync(file, "utf8");
    const line = text.split("\n").find((l) => l.includes('"max_size"'))!;
    fs.writeFileSync(file, text.replace(line, line.replace(/\d+/, "999")));

    const report = staleOutputReport(committed, fresh);
    expect(report).toContain(`Run \`${REGENERATE}\``);
    expect(report).toContain("generated/stacks/example-access/cdk.tf.json: missing");
    expect(report).toContain("generated/stacks/staging-traffic/cdk.tf.json: left over");
    expect(report).toContain("generated/stacks/example-cluster/cdk.tf.json: stale");
    expect(report).toContain(`\n-${line.replace(/\d+/, "999")}\n+${line}\n`);
    expect(staleOutputReport(fresh, fresh)).toBe("");
  });

  it("shows at most the first lines of each file's diff", () => {
    const fresh = path.join(tmp, "long-fresh");
    const committed = path.join(tmp, "long-committed");
    copy("example-access", fresh);
    copy("example-access", committed);
    const file = path.join(committed, "stacks", "example-access", "cdk.tf.json");
    // Every line changed: the diff is far longer than what is shown.
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/"/g, "'"));
    const report = staleOutputReport(committed, fresh);
    const diffLines = report.split("stale\n")[1].split("\n");
    expect(diffLines.slice(DIFF_LINES_PER_FILE).find((l) => l.length > 0)).toMatch(/^\.\.\. \d+ more diff lines$/);
  });
});

describe("unifiedDiff", () => {
  it("gives git-style hunks with three lines of context", () => {
    const before = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"].join("\n");
    const after = ["a", "b", "c", "D", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"].join("\n");
    expect(unifiedDiff(before, after, { before: "x (old)", after: "x (new)" })).toBe(
      ["--- x (old)", "+++ x (new)", "@@ -1,7 +1,7 @@", " a", " b", " c", "-d", "+D", " e", " f", " g", "@@ -11,3 +11,4 @@", " k", " l", " m", "+n"].join("\n"),
    );
  });

  it("keeps nearby changes in one hunk, matches moved-around lines, and is empty for equal texts", () => {
    expect(unifiedDiff("a\nb\nc\nd", "a\nx\nc\ny", { before: "1", after: "2" }).split("\n")).toEqual(["--- 1", "+++ 2", "@@ -1,4 +1,4 @@", " a", "-b", "+x", " c", "-d", "+y"]);
    expect(unifiedDiff("a\nb\nc", "b\nc\na", { before: "1", after: "2" }).split("\n").slice(2)).toEqual(["@@ -1,3 +1,3 @@", "-a", " b", " c", "+a"]);
    expect(unifiedDiff("same", "same", { before: "1", after: "2" })).toBe("");
  });
});
