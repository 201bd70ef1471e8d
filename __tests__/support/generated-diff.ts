/**
 * How a committed output folder differs from a fresh synth, written for the person who has to act
 * on it: files missing or left over, and a unified diff (first lines only) per changed file, then
 * the command that makes generated/ current. The generated/ diff in the commit is the review.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { unifiedDiff } from "./unified-diff";

/** Diff lines shown per changed file; the full diff is `git diff generated/` after a synth. */
export const DIFF_LINES_PER_FILE = 60;

export const REGENERATE = "npm run synth";

/** Files synth writes, relative to `dir`: Terraform's own working files are not output. */
export function outputFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !(e.parentPath ?? e.path).includes(`${path.sep}.terraform`) && !e.name.startsWith(".terraform") && !e.name.endsWith(".tfstate"))
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join("/"))
    .sort();
}

/** "" when `committed` holds exactly what `fresh` holds; otherwise the report. */
export function staleOutputReport(committed: string, fresh: string, label = "generated"): string {
  const have = outputFiles(committed);
  const want = outputFiles(fresh);
  const sections: string[] = [];
  for (const f of want.filter((f) => !have.includes(f))) sections.push(`${label}/${f}: missing (synth writes it)`);
  for (const f of have.filter((f) => !want.includes(f))) sections.push(`${label}/${f}: left over (synth no longer writes it)`);
  for (const f of want.filter((f) => have.includes(f))) {
    const diff = unifiedDiff(fs.readFileSync(path.join(committed, f), "utf8"), fs.readFileSync(path.join(fresh, f), "utf8"), {
      before: `${label}/${f} (committed)`,
      after: `${label}/${f} (fresh synth)`,
    });
    if (!diff) continue;
    const lines = diff.split("\n");
    const shown = lines.slice(0, DIFF_LINES_PER_FILE);
    if (lines.length > shown.length) shown.push(`... ${lines.length - shown.length} more diff lines`);
    sections.push(`${label}/${f}: stale\n${shown.join("\n")}`);
  }
  if (sections.length === 0) return "";
  return `${label}/ is not what the source synthesizes today. Run \`${REGENERATE}\`, review \`git diff ${label}/\`, and commit it (say why in the message).\n\n${sections.join("\n\n")}\n`;
}
