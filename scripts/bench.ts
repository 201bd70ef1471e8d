/**
 * `npm run bench`: what synth and verification cost, measured as whole processes.
 *
 *   floor            Node + tsx + cdktf + exactly the provider modules the app imports, then exit
 *   reference synth  main.ts on the reference environments, into a temporary folder
 *   fleet N          N synthetic clusters like staging (3 stacks, every pool class and add-on)
 *   verification     the Terraform part of npm test (validate + mocked apply of every AWS stack)
 *
 * Each case runs after a warm-up, several times; the table shows the median and the spread of
 * wall time and peak RSS. Exits 1 when a target is missed, so it can guard CI.
 *
 * Options: --runs N (default 7), --fleets 10,50,100, --skip-verification, --smoke (fleet of 2,
 * one run, no targets: for npm test, so the benchmark cannot rot).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const smoke = flag("smoke");
const runs = smoke ? 1 : Number(option("runs") ?? 7);
const fleets = smoke ? [2] : (option("fleets") ?? "10,50,100").split(",").map(Number);
const verification = !smoke && !flag("skip-verification");

const TARGETS = { referenceOverFloor: 1.5, fleet100Seconds: 10, fleet100Mib: 1024, fleetLinearity: 11 };

interface Sample {
  seconds: number;
  rssMib: number;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "eks-bench-"));
const NODE_TS = ["--require", path.join(__dirname, "bench", "report-rss.cjs"), "--import", "tsx"];

/** Runs one process to completion; wall time from spawn to exit, peak RSS as it reports it. */
function measure(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Sample> {
  const rssFile = path.join(work, `rss-${process.hrtime.bigint()}`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, {
      cwd: ROOT,
      env: { ...process.env, CHECKPOINT_DISABLE: "1", BENCH_RSS_FILE: rssFile, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`${argv.join(" ")} exited ${code}:\n${stderr}`));
      const kb = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, "utf8")) : NaN;
      resolve({ seconds, rssMib: kb / 1024 });
    });
  });
}

/** The floor script: exactly the modules synth cannot avoid loading. */
function writeFloor(): string {
  const providerModules = new Set<string>();
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith(".ts")) {
        for (const m of fs.readFileSync(p, "utf8").matchAll(/from "(@cdktf\/provider-[a-z]+\/lib\/[a-z0-9-]+)"/g)) providerModules.add(m[1]);
      }
    }
  };
  visit(path.join(ROOT, "src"));
  const file = path.join(ROOT, "node_modules", ".cache", "eks-terraform", "bench-floor.ts");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    [`import ${JSON.stringify(path.join(ROOT, "src", "process-setup"))};`, 'import "constructs";', 'import "cdktf";', ...[...providerModules].sort().map((m) => `import "${m}";`), ""].join("\n"),
  );
  return file;
}

interface Command {
  argv: string[];
  env?: NodeJS.ProcessEnv;
}

/** Runs each case `times` times (after one warm-up run each), interleaved so drift hits all alike. */
async function benchTogether(cases: { name: string; command: () => Command }[], times: number, warmup = !smoke): Promise<{ name: string; samples: Sample[] }[]> {
  const once = (c: { command: () => Command }) => {
    const cmd = c.command();
    return measure(cmd.argv, cmd.env);
  };
  process.stderr.write(`${cases.map((c) => c.name).join(" + ")}: `);
  if (warmup) {
    for (const c of cases) await once(c);
    process.stderr.write("w");
  }
  const results = cases.map((c) => ({ name: c.name, samples: [] as Sample[] }));
  for (let i = 0; i < times; i++) {
    for (const [j, c] of cases.entries()) results[j].samples.push(await once(c));
    process.stderr.write(".");
  }
  process.stderr.write("\n");
  return results;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main() {
  const floorFile = writeFloor();
  const out = () => path.join(work, `out-${process.hrtime.bigint()}`);
  // Floor and reference synth alternate, so the ratio compares runs made under the same load.
  const results = await benchTogether(
    [
      { name: "floor", command: () => ({ argv: [...NODE_TS, floorFile] }) },
      // main.ts writes where CDKTF_OUTDIR says, as under `cdktf synth`: a fresh folder per run.
      { name: "reference synth", command: () => ({ argv: [...NODE_TS, "main.ts"], env: { CDKTF_OUTDIR: out() } }) },
    ],
    runs,
  );
  results.push(
    ...(await benchTogether(
      fleets.map((n) => ({ name: `fleet ${n}`, command: () => ({ argv: [...NODE_TS, "scripts/synth-fleet.ts", String(n), out()] }) })),
      runs,
    )),
  );
  if (verification) {
    const vitest = path.join(ROOT, "node_modules", "vitest", "vitest.mjs");
    // The preload reports the vitest main process (its forked workers inherit it and write
    // first; the main process exits, and writes, last).
    const preload = ["--require", path.join(__dirname, "bench", "report-rss.cjs")];
    results.push(...(await benchTogether([{ name: "verification", command: () => ({ argv: [...preload, vitest, "run", "__tests__/terraform.test.ts"] }) }], Math.min(runs, 3))));
  }
  const rows = results.map(({ name, samples }) => {
    const s = samples.map((x) => x.seconds);
    const m = samples.map((x) => x.rssMib);
    return { name, runs: samples.length, median: median(s), min: Math.min(...s), max: Math.max(...s), rss: median(m), rssMax: Math.max(...m) };
  });
  const pad = (v: string, n: number) => v.padStart(n);
  const lines = [
    `${"case".padEnd(18)} ${pad("runs", 4)} ${pad("median s", 9)} ${pad("min s", 7)} ${pad("max s", 7)} ${pad("spread", 7)} ${pad("RSS MiB", 8)} ${pad("max MiB", 8)}`,
    ...rows.map((r) =>
      `${r.name.padEnd(18)} ${pad(String(r.runs), 4)} ${pad(r.median.toFixed(2), 9)} ${pad(r.min.toFixed(2), 7)} ${pad(r.max.toFixed(2), 7)} ${pad(`${(((r.max - r.min) / r.median) * 100).toFixed(0)}%`, 7)} ${pad(r.rss.toFixed(0), 8)} ${pad(r.rssMax.toFixed(0), 8)}`,
    ),
  ];
  const row = (name: string) => rows.find((r) => r.name === name);
  const floor = row("floor")!;
  const reference = row("reference synth")!;
  const checks: { what: string; value: string; ok: boolean }[] = [];
  const ratio = reference.median / floor.median;
  checks.push({ what: `reference synth / floor <= ${TARGETS.referenceOverFloor}`, value: ratio.toFixed(2), ok: ratio <= TARGETS.referenceOverFloor });
  const f10 = row("fleet 10");
  const f100 = row("fleet 100");
  if (f10 && f100) {
    const linear = f100.median / f10.median;
    checks.push({ what: `fleet 100 / fleet 10 <= ${TARGETS.fleetLinearity}`, value: linear.toFixed(2), ok: linear <= TARGETS.fleetLinearity });
  }
  if (f100) {
    checks.push({ what: `fleet 100 wall < ${TARGETS.fleet100Seconds} s`, value: `${f100.max.toFixed(2)} s (slowest run)`, ok: f100.max < TARGETS.fleet100Seconds });
    checks.push({ what: `fleet 100 peak RSS < ${TARGETS.fleet100Mib} MiB`, value: `${f100.rssMax.toFixed(0)} MiB (largest run)`, ok: f100.rssMax < TARGETS.fleet100Mib });
  }
  const cpu = os.cpus();
  const header = `${cpu.length} x ${cpu[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${smoke ? " (smoke run: fleet of 2, one run, targets not enforced)" : ""}`;
  console.log([header, "", ...lines, "", ...checks.map((c) => `${smoke ? "-" : c.ok ? "ok  " : "MISS"} ${c.what}: ${c.value}`)].join("\n"));
  if (verification) console.log("verification: vitest's main process RSS; Terraform and the AWS provider run as child processes.");
  fs.rmSync(work, { recursive: true, force: true });
  if (!smoke && checks.some((c) => !c.ok)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  fs.rmSync(work, { recursive: true, force: true });
  process.exitCode = 2;
});
