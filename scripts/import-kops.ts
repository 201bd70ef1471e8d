/** `npm run import:kops -- <file> [options]`: see src/import/kops/cli.ts. */
import * as path from "node:path";
import { runImportCli } from "../src/import/kops/cli";

const result = runImportCli(process.argv.slice(2), path.resolve(__dirname, ".."));
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
