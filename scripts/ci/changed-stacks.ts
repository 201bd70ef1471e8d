/**
 * The GitHub Actions workflows' one entry point for deciding what to run (`npx tsx scripts/ci/changed-stacks.ts <command>`):
 *
 *   changed --base <ref> --head <ref>   stacks whose generated/ files differ between the commits (merge base to head)
 *   environment --name <env> [--reverse] every stack of one environment, dependencies first (or last, to destroy)
 *   all                                  every stack GitHub Actions runs (the drift check)
 *   comment --stack <s> --plan <file> --exit-code <n> [--run-url <url>]   the pull-request comment body
 *
 * Stack lists are printed as JSON; under GitHub Actions they are also written to $GITHUB_OUTPUT as
 * `stacks` (all, in order), `wave0`..`wave2` (access, cluster, add-ons) and `any` (true/false).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { planComment } from "./plan-comment";
import { ciStacks, ordered, readManifest, stacksOfPaths, WAVES, type CiStack, type Skipped } from "./stacks";

const ZERO_SHA = /^0+$/;

export interface Selection {
  stacks: CiStack[];
  skipped: Skipped[];
  /** Stack folders changed that the manifest no longer has: never destroyed automatically. */
  removed: string[];
}

/** Paths changed between two commits (from their merge base), or undefined when there is no base (a new branch). */
export function changedPaths(root: string, base: string, head: string): string[] | undefined {
  if (!base || ZERO_SHA.test(base)) return undefined;
  const out = execFileSync("git", ["diff", "--name-only", "--no-renames", `${base}...${head}`, "--", "generated/"], { cwd: root, encoding: "utf8" });
  return out.split("\n").filter(Boolean);
}

export function selectChanged(root: string, base: string, head: string): Selection {
  const all = ciStacks(root);
  const paths = changedPaths(root, base, head);
  if (paths === undefined) return { ...all, removed: [] };
  const { changed, removed } = stacksOfPaths(readManifest(root), paths);
  return {
    stacks: all.stacks.filter((s) => changed.includes(s.stack)),
    skipped: all.skipped.filter((s) => changed.includes(s.stack)),
    removed,
  };
}

export function selectEnvironment(root: string, name: string, reverse: boolean): Selection {
  const all = ciStacks(root);
  const stacks = all.stacks.filter((s) => s.environment === name);
  if (stacks.length === 0) {
    const why = all.skipped.filter((s) => s.stack.startsWith(`${name}-`)).map((s) => `${s.stack}: ${s.reason}`);
    throw new Error(`environment ${name}: no stack GitHub Actions runs${why.length ? ` (${why.join("; ")})` : " (no such environment in generated/manifest.json)"}`);
  }
  return { stacks: ordered(stacks, reverse), skipped: [], removed: [] };
}

/** The workflow outputs of a selection. */
export function outputs(sel: Selection): Record<string, string> {
  const out: Record<string, string> = { stacks: JSON.stringify(sel.stacks), any: String(sel.stacks.length > 0) };
  for (let w = 0; w < WAVES; w++) out[`wave${w}`] = JSON.stringify(sel.stacks.filter((s) => s.wave === w));
  return out;
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function need(args: string[], name: string): string {
  const v = arg(args, name);
  if (v === undefined || v.startsWith("--")) throw new Error(`--${name} is required`);
  return v;
}

function emit(sel: Selection): void {
  for (const s of sel.skipped) console.error(`skipped ${s.stack}: ${s.reason}`);
  for (const r of sel.removed) console.error(`::warning::${r} is no longer in generated/manifest.json; its resources are NOT destroyed automatically (destroy them with the manual workflow before removing the environment)`);
  console.log(JSON.stringify({ stacks: sel.stacks.map((s) => s.stack), skipped: sel.skipped, removed: sel.removed }, null, 2));
  const file = process.env.GITHUB_OUTPUT;
  if (file) fs.appendFileSync(file, Object.entries(outputs(sel)).map(([k, v]) => `${k}=${v}\n`).join(""));
}

export function main(args: string[], root = process.cwd()): void {
  const [command, ...rest] = args;
  switch (command) {
    case "changed":
      return emit(selectChanged(root, need(rest, "base"), need(rest, "head")));
    case "environment":
      return emit(selectEnvironment(root, need(rest, "name"), rest.includes("--reverse")));
    case "all": {
      const all = ciStacks(root);
      return emit({ ...all, removed: [] });
    }
    case "comment": {
      const runUrl = arg(rest, "run-url");
      process.stdout.write(
        planComment({
          stack: need(rest, "stack"),
          plan: fs.readFileSync(need(rest, "plan"), "utf8"),
          exitCode: Number(need(rest, "exit-code")),
          ...(runUrl ? { runUrl } : {}),
        }),
      );
      return;
    }
    default:
      throw new Error(`unknown command ${command ?? "(none)"}: use changed, environment, all or comment`);
  }
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`::error::${(e as Error).message}`);
    process.exit(1);
  }
}
