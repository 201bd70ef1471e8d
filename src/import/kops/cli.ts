/**
 * `npm run import:kops -- <file> [options]`: reads the kops manifest, writes
 * `<out-dir>/<name>.ts` and `<out-dir>/<name>.migration.md` (both or neither, never over an
 * existing file unless --force), prints the report, and prints unknown fields as warnings.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { KopsImportError } from "./documents";
import { importKops, type KopsImportOptions } from "./import";
import type { AddedSubnet } from "./map-network";
import { renderEnvironmentFile } from "./render-environment";
import { renderReport, unknownFieldWarnings } from "./report";

export const USAGE = `Usage: npm run import:kops -- <kops-manifest.yaml> [options]

Reads the output of \`kops get all <cluster> -o yaml\` and writes environments/<name>.ts and
environments/<name>.migration.md (the report, also printed).

Options:
  --name <env>                    environment and EKS cluster name (default: the first label of the kops cluster name)
  --account <id>                  AWS account id (default: a placeholder the providers refuse)
  --region <region>               checked against the subnets' zones (default: their region)
  --vpc-id <vpc-id>               the VPC, when the spec has no networkID (kops created the VPC)
  --subnet-id <name>=<subnet-id>  id of a kops subnet that has none in the spec (repeat per subnet)
  --add-subnet <Private|Public|Utility>:<zone>=<subnet-id>
                                  a subnet the kops cluster lacks, such as one in a second zone (repeatable)
  --out-dir <dir>                 where to write (default: environments/)
  --force                         overwrite existing files`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  written: string[];
}

interface ParsedArgs {
  file?: string;
  outDir?: string;
  force: boolean;
  options: KopsImportOptions;
  errors: string[];
}

const ADD_SUBNET = /^(Private|Public|Utility):([a-z0-9-]+)=(\S+)$/;

export function parseArgs(argv: string[]): ParsedArgs {
  const parsed: ParsedArgs = { force: false, options: {}, errors: [] };
  const o = parsed.options;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv.at(++i);
      if (v === undefined || v.startsWith("--")) parsed.errors.push(`${arg} needs a value`);
      return v ?? "";
    };
    switch (arg) {
      case "--name": o.name = value(); break;
      case "--account": o.account = value(); break;
      case "--region": o.region = value(); break;
      case "--vpc-id": o.vpcId = value(); break;
      case "--out-dir": parsed.outDir = value(); break;
      case "--force": parsed.force = true; break;
      case "--subnet-id": {
        const v = value();
        const eq = v.indexOf("=");
        if (eq <= 0) parsed.errors.push(`--subnet-id ${v}: expected <kops subnet name>=<subnet-id>`);
        else o.subnetIds = { ...o.subnetIds, [v.slice(0, eq)]: v.slice(eq + 1) };
        break;
      }
      case "--add-subnet": {
        const v = value();
        const m = ADD_SUBNET.exec(v);
        if (!m) parsed.errors.push(`--add-subnet ${v}: expected <Private|Public|Utility>:<zone>=<subnet-id>`);
        else o.addSubnets = [...(o.addSubnets ?? []), { type: m[1] as AddedSubnet["type"], zone: m[2], id: m[3] }];
        break;
      }
      default:
        if (arg.startsWith("--")) parsed.errors.push(`unknown option ${arg}`);
        else if (parsed.file) parsed.errors.push(`only one manifest at a time (got ${parsed.file} and ${arg})`);
        else parsed.file = arg;
    }
  }
  if (!parsed.file && parsed.errors.length === 0) parsed.errors.push("name the kops manifest to import");
  return parsed;
}

const posix = (p: string) => p.split(path.sep).join("/");

/** Runs the import; `root` is the project (for the default out-dir and the import path). */
export function runImportCli(argv: string[], root: string, cwd = process.cwd()): CliResult {
  const args = parseArgs(argv);
  if (args.errors.length > 0) return { code: 2, stdout: "", stderr: `${args.errors.join("\n")}\n\n${USAGE}\n`, written: [] };
  const file = args.file!;
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (e) {
    return { code: 1, stdout: "", stderr: `${file}: cannot be read: ${(e as Error).message}\n`, written: [] };
  }
  let result;
  try {
    result = importKops(text, file, args.options);
  } catch (e) {
    if (!(e instanceof KopsImportError)) throw e;
    return { code: 1, stdout: "", stderr: `${e.message}\n${e.problems.length} problem(s) found; nothing was written.\n`, written: [] };
  }
  const outDir = path.resolve(cwd, args.outDir ?? path.join(root, "environments"));
  const envFile = path.join(outDir, `${result.name}.ts`);
  const reportFile = path.join(outDir, `${result.name}.migration.md`);
  const shown = (p: string) => posix(path.relative(cwd, p)) || p;
  const existing = [envFile, reportFile].filter((p) => fs.existsSync(p));
  if (existing.length > 0 && !args.force) {
    return { code: 1, stdout: "", stderr: `${existing.map(shown).join(", ")} already exist${existing.length === 1 ? "s" : ""}; choose another --name, or pass --force to overwrite. Nothing was written.\n`, written: [] };
  }
  let importPath = posix(path.relative(outDir, path.join(root, "src", "config", "environment")));
  if (!importPath.startsWith(".")) importPath = `./${importPath}`;
  const source = path.basename(file);
  const report = renderReport(result, source);
  fs.mkdirSync(outDir, { recursive: true });
  // Both files or neither: write beside the targets, then rename.
  const staged = [
    [envFile, renderEnvironmentFile(result, source, importPath)],
    [reportFile, report],
  ].map(([target, content]) => {
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, content);
    return [tmp, target] as const;
  });
  for (const [tmp, target] of staged) fs.renameSync(tmp, target);
  const warnings = unknownFieldWarnings(result);
  return {
    code: 0,
    stdout: `${report}\nWrote ${shown(envFile)} and ${shown(reportFile)}. Next: review the report, then npx cdktf synth.\n`,
    stderr: warnings.length > 0 ? `${warnings.map((w) => `warning: ${w}`).join("\n")}\n` : "",
    written: [envFile, reportFile],
  };
}
