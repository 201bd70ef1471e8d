/** Synthesizes a synthetic fleet of N clusters into a folder: `tsx scripts/synth-fleet.ts <N> <outdir>`. */
import "../src/process-setup";
import staging from "../environments/staging";
import { validateEnvironments } from "../src/environments/validate";
import { synthesize } from "../src/synth";
import { fleetEnvironments } from "./fleet";

const [size, outdir] = [Number(process.argv[2]), process.argv[3]];
if (!Number.isInteger(size) || size < 1 || !outdir) {
  process.stderr.write("usage: synth-fleet.ts <clusters> <outdir>\n");
  process.exit(2);
}
const summaries = synthesize(validateEnvironments(fleetEnvironments(staging, size)), outdir);
process.stdout.write(`${summaries.length} stacks, ${summaries.reduce((n, s) => n + s.resources, 0)} resources\n`);
