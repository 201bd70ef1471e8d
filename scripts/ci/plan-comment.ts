/**
 * One pull-request comment per stack with its plan. GitHub refuses a comment body over 65,536
 * characters; the body is kept under a smaller budget counted in UTF-8 bytes (never fewer than
 * GitHub's characters, whether it counts code points or UTF-16 units), cut on line boundaries,
 * keeping the start of the plan and its end (the "Plan: n to add" summary), and fenced with more
 * backticks than any run inside the plan so the plan cannot close its own code block.
 */

export const GITHUB_COMMENT_LIMIT = 65_536;
/** Bytes the whole body may use: the limit less a margin for what GitHub adds to a body. */
export const COMMENT_BUDGET = 60_000;

/** The hidden marker the workflow finds a stack's earlier comment by, to update it instead of adding one. */
export const marker = (stack: string) => `<!-- eks-terraform-plan: ${stack} -->`;

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

// Terraform's colors, in case a plan was made without -no-color.
// eslint-disable-next-line no-control-regex -- ESC (\u001b) is the very character being stripped
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export interface PlanCommentInput {
  stack: string;
  /** `terraform plan` output. */
  plan: string;
  /** terraform plan -detailed-exitcode: 0 no changes, 2 changes, anything else failed. */
  exitCode: number;
  /** Link to the workflow run with the full log. */
  runUrl?: string;
  budget?: number;
}

function status(exitCode: number): string {
  if (exitCode === 0) return "no changes";
  if (exitCode === 2) return "changes";
  return `**plan failed** (exit code ${exitCode})`;
}

/** Keeps whole lines from the start and the end of `text` within `budget` bytes. */
export function truncateLines(text: string, budget: number): { text: string; omitted: number } {
  if (bytes(text) <= budget) return { text, omitted: 0 };
  const lines = text.split("\n");
  const note = (n: number) => `\n... ${n} lines omitted (the full plan is in the workflow log) ...\n`;
  const room = budget - bytes(note(lines.length));
  const cost = (line: string) => bytes(line) + 1;
  // Two thirds of the room for the start (what changes first), the rest for the end (the summary).
  let used = 0;
  let i = 0;
  while (i < lines.length && used + cost(lines[i]) <= (room * 2) / 3) used += cost(lines[i++]);
  let j = lines.length;
  while (j > i && used + cost(lines[j - 1]) <= room) used += cost(lines[--j]);
  const head = lines.slice(0, i);
  const tail = lines.slice(j);
  const omitted = lines.length - head.length - tail.length;
  return { text: head.join("\n") + note(omitted) + tail.join("\n"), omitted };
}

export function planComment(input: PlanCommentInput): string {
  const plan = input.plan.replace(ANSI, "").replace(/\r\n/g, "\n").trimEnd();
  const longestTicks = Math.max(2, ...[...plan.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longestTicks + 1);
  const head = [marker(input.stack), `### \`${input.stack}\`: ${status(input.exitCode)}`, "", `${fence}diff`].join("\n") + "\n";
  const foot = `\n${fence}\n` + (input.runUrl ? `\n[Workflow run](${input.runUrl})\n` : "");
  const budget = (input.budget ?? COMMENT_BUDGET) - bytes(head) - bytes(foot);
  if (budget <= 0) throw new Error("comment budget too small for the header");
  return head + truncateLines(plan, budget).text + foot;
}
