// Preloaded into every benchmarked process (node --require): on exit, writes the process's peak
// resident set size (kilobytes) to the file named by BENCH_RSS_FILE.
const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    require("node:fs").writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
