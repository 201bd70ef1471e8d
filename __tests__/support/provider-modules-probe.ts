/**
 * Run as `node --import tsx provider-modules-probe.ts <module>...`: loads the modules, then prints
 * (JSON) which resource modules of each @cdktf/provider-* package are in the require cache. A
 * separate process, since a test worker has already loaded whatever other tests needed.
 */
import * as path from "node:path";
import type { LoadedProviderModules } from "./provider-imports";

// Paths are files (relative to the working folder); anything else is a package name.
for (const m of process.argv.slice(2)) require(m.startsWith(".") || path.isAbsolute(m) ? path.resolve(m) : m);
const loaded: LoadedProviderModules = {};
for (const file of Object.keys(require.cache)) {
  const m = /[\\/]node_modules[\\/]@cdktf[\\/](provider-[a-z0-9-]+)[\\/]lib[\\/]([^\\/]+)[\\/]/.exec(file);
  if (m) (loaded[m[1]] ??= []).includes(m[2]) || loaded[m[1]].push(m[2]);
}
process.stdout.write(JSON.stringify(loaded));
