/**
 * Checks Helm values against the pinned chart's own files (vendored in vendor/charts/), so a
 * misspelled or removed key fails here instead of being silently ignored by Helm:
 *
 * - charts with a values.schema.json are validated against it (JSON Schema draft-07 or 2020-12);
 *   where the schema leaves the top level open, top-level keys must still be ones it names;
 * - charts without one: every key path must exist in values.yaml. Maps that are empty there
 *   (`nodeSelector: {}`), null values and lists take anything, as do the maps the add-on declares
 *   open (`extraArgs`), which the chart documents as free-form.
 *
 * Loaded lazily: synth only needs it when an environment extends an add-on's values.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { HelmAddon } from "./addon";
import { isMap } from "./addon";

export const VENDOR_CHARTS = path.resolve(__dirname, "..", "..", "vendor", "charts");

export interface ValuesProblem {
  /** Dotted path inside the values (`ports.web.hostPort`), "" for the root. */
  path: string;
  message: string;
}

interface LoadedChart {
  dir: string;
  defaults: Record<string, unknown>;
  validate?: (values: unknown) => ValuesProblem[];
  topLevelKeys?: Set<string>;
}

const charts = new Map<string, LoadedChart>();

export function chartDir(addon: HelmAddon): string {
  return path.join(VENDOR_CHARTS, addon.chart.chart, addon.chart.version);
}

function loadChart(addon: HelmAddon): LoadedChart {
  const dir = chartDir(addon);
  const cached = charts.get(dir);
  if (cached) return cached;
  if (!fs.existsSync(path.join(dir, "values.yaml"))) {
    throw new Error(`${addon.chart.chart} ${addon.chart.version} is not vendored: expected ${path.relative(process.cwd(), dir)}/values.yaml`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require("yaml") as typeof import("yaml");
  const loaded: LoadedChart = { dir, defaults: (parse(fs.readFileSync(path.join(dir, "values.yaml"), "utf8")) ?? {}) as Record<string, unknown> };
  const schemaFile = path.join(dir, "values.schema.json");
  if (fs.existsSync(schemaFile)) {
    const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8")) as Record<string, unknown>;
    const draft2020 = String(schema.$schema ?? "").includes("2020-12");
    /* eslint-disable @typescript-eslint/no-require-imports */
    const AjvClass = (draft2020 ? require("ajv/dist/2020").default : require("ajv").default) as typeof import("ajv").default;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const validate = new AjvClass({ strict: false, allErrors: true }).compile(schema);
    loaded.validate = (values) =>
      validate(values)
        ? []
        : (validate.errors ?? []).map((e) => ({
            path: [...e.instancePath.split("/").slice(1), ...(e.keyword === "additionalProperties" ? [String(e.params.additionalProperty)] : [])].join("."),
            message: e.keyword === "additionalProperties" ? `not a value of chart ${addon.chart.chart} ${addon.chart.version}` : (e.message ?? "is invalid"),
          }));
    const root = (typeof schema.$ref === "string" ? resolvePointer(schema, schema.$ref) : schema) as Record<string, unknown>;
    if (root.additionalProperties !== false && isMap(root.properties)) loaded.topLevelKeys = new Set(Object.keys(root.properties));
  }
  charts.set(dir, loaded);
  return loaded;
}

function resolvePointer(doc: Record<string, unknown>, ref: string): unknown {
  return ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>((node, key) => (isMap(node) ? node[key] : undefined), doc);
}

function walkDefaults(defaults: Record<string, unknown>, values: Record<string, unknown>, prefix: string[], open: Set<string>, chart: string): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  for (const [key, value] of Object.entries(values)) {
    const at = [...prefix, key];
    const dotted = at.join(".");
    if (open.has(dotted)) continue;
    if (!(key in defaults)) {
      problems.push({ path: dotted, message: `not a value of chart ${chart} (misspelled, or removed in this version?)` });
      continue;
    }
    const d = defaults[key];
    if (isMap(d) && Object.keys(d).length > 0) {
      if (isMap(value)) problems.push(...walkDefaults(d, value, at, open, chart));
      else problems.push({ path: dotted, message: "must be a map" });
    } else if (["string", "number", "boolean"].includes(typeof d) && (isMap(value) || Array.isArray(value))) {
      problems.push({ path: dotted, message: `must be a ${typeof d}` });
    }
  }
  return problems;
}

/** Every problem with `values` for this add-on's pinned chart; empty when Helm would use them all. */
export function checkChartValues(addon: HelmAddon, values: Record<string, unknown>): ValuesProblem[] {
  const chart = loadChart(addon);
  const name = `${addon.chart.chart} ${addon.chart.version}`;
  if (chart.validate) {
    const problems = chart.validate(values);
    if (chart.topLevelKeys) {
      for (const key of Object.keys(values)) {
        if (!chart.topLevelKeys.has(key)) problems.push({ path: key, message: `not a value of chart ${name} (misspelled, or removed in this version?)` });
      }
    }
    return problems;
  }
  return walkDefaults(chart.defaults, values, [], new Set(addon.openPaths ?? []), name);
}
