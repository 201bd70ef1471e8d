/**
 * Checks Helm values against the pinned chart's own files (vendored in vendor/charts/), so a
 * misspelled or removed key fails here instead of being silently ignored by Helm:
 *
 * - charts with a values.schema.json are validated against it (JSON Schema draft-07 or 2020-12);
 *   where the schema leaves the top level open, top-level keys must still be ones it names;
 * - charts without one: every key path must exist in values.yaml, and each value must have the
 *   type of the chart's default there (a number where the default is a number, a map where it is
 *   a map, ...). Maps that are empty there (`nodeSelector: {}`) take any key, null defaults and
 *   lists any value, as do the maps the add-on declares open (`extraArgs`), which the chart
 *   documents as free-form. A null value is always accepted: Helm reads it as "remove the default".
 *
 * The YAML parser and the schema compiler are loaded lazily, and compiled schemas are cached:
 * synth only needs this when an environment extends an add-on's values.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { HelmAddon } from "./addon";
import { isMap } from "./addon";

export const VENDOR_CHARTS = path.resolve(__dirname, "..", "..", "vendor", "charts");

export interface ValuesProblem {
  /** Dotted path inside the values (`ports.web.hostPort`), "" for the root. */
  path: string;
  /** The same path key by key (keys may hold dots: `eks.amazonaws.com/role-arn`). */
  at: string[];
  message: string;
}

const problem = (at: string[], message: string): ValuesProblem => ({ path: at.join("."), at, message });

const kindOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "list" : isMap(v) ? "map" : typeof v);

interface LoadedChart {
  name: string;
  /** values.yaml, for charts without a schema. */
  defaults?: Record<string, unknown>;
  /** values.schema.json, and the object schema of the values inside it. */
  schema?: { document: Record<string, unknown>; root: Record<string, unknown>; validators: Map<string, Validator> };
}

const charts = new Map<string, LoadedChart>();

export function chartDir(addon: HelmAddon): string {
  return path.join(VENDOR_CHARTS, addon.chart.chart, addon.chart.version);
}

/** Compiled validators are cached on disk: compiling a large schema costs ~200 ms, loading ~5 ms. */
const VALIDATOR_CACHE = path.resolve(__dirname, "..", "..", "node_modules", ".cache", "eks-terraform", "validators");

type Validator = ((values: unknown) => boolean) & { errors?: import("ajv").ErrorObject[] | null };

function compileSchema(schema: Record<string, unknown>, name: string): Validator {
  /* eslint-disable @typescript-eslint/no-require-imports -- ajv and cached validators load only when a chart's values are checked, keeping synth's start-up small */
  const draft2020 = typeof schema.$schema === "string" && schema.$schema.includes("2020-12");
  const ajvVersion = (require("ajv/package.json") as { version: string }).version;
  const hash = createHash("sha256").update(`${ajvVersion}\n${String(draft2020)}\n${JSON.stringify(schema)}`).digest("hex").slice(0, 16);
  const cached = path.join(VALIDATOR_CACHE, `${name}-${hash}.js`);
  if (fs.existsSync(cached)) return require(cached) as Validator;
  const AjvClass = draft2020 ? (require("ajv/dist/2020") as typeof import("ajv/dist/2020")).default : (require("ajv") as typeof import("ajv")).default;
  const ajv = new AjvClass({ strict: false, allErrors: true, code: { source: true } });
  const validate = ajv.compile(schema);
  try {
    const standaloneCode = (require("ajv/dist/standalone") as typeof import("ajv/dist/standalone")).default(ajv, validate);
    fs.mkdirSync(VALIDATOR_CACHE, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, standaloneCode);
    fs.renameSync(tmp, cached);
  } catch {
    // A read-only checkout only loses the cache.
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  return validate;
}

function loadChart(addon: HelmAddon): LoadedChart {
  const dir = chartDir(addon);
  const cached = charts.get(dir);
  if (cached) return cached;
  const name = `${addon.chart.chart} ${addon.chart.version}`;
  const schemaFile = path.join(dir, "values.schema.json");
  let loaded: LoadedChart;
  if (fs.existsSync(schemaFile)) {
    const document = JSON.parse(fs.readFileSync(schemaFile, "utf8")) as Record<string, unknown>;
    const root = (typeof document.$ref === "string" ? resolvePointer(document, document.$ref) : document) as Record<string, unknown>;
    loaded = { name, schema: { document, root, validators: new Map() } };
  } else if (fs.existsSync(path.join(dir, "values.yaml"))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- yaml loads only for charts that ship no values schema
    const { parse } = require("yaml") as typeof import("yaml");
    loaded = { name, defaults: (parse(fs.readFileSync(path.join(dir, "values.yaml"), "utf8")) ?? {}) as Record<string, unknown> };
  } else {
    throw new Error(`${name} is not vendored: expected ${path.relative(process.cwd(), dir)}/values.yaml`);
  }
  charts.set(dir, loaded);
  return loaded;
}

/**
 * The validator for the whole values, or for one top-level key: the schema with only that
 * property (and the document's definitions, for its references). Checking an extension then
 * loads a validator the size of what it extends, not of the whole chart.
 */
function validatorFor(chart: LoadedChart, addon: HelmAddon, key?: string): Validator {
  const s = chart.schema!;
  const id = key ?? "*";
  let v = s.validators.get(id);
  if (!v) {
    const { $ref: _ref, $id: _id, properties: _p, required: _r, additionalProperties: _a, ...definitions } = s.document;
    const schema =
      key === undefined
        ? s.document
        : {
            ...definitions,
            type: "object",
            properties: isMap(s.root.properties) && Object.hasOwn(s.root.properties, key) ? { [key]: s.root.properties[key] } : {},
            additionalProperties: s.root.additionalProperties ?? true,
          };
    v = compileSchema(schema, `${addon.chart.chart}-${addon.chart.version}${key ? `-${key}` : ""}`);
    s.validators.set(id, v);
  }
  return v;
}

/** JSON pointer segments (`/a/b~1c` -> a, b/c). */
const pointerSegments = (pointer: string) => (pointer === "" ? [] : pointer.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")));

function schemaProblems(chart: LoadedChart, validate: Validator, values: Record<string, unknown>): ValuesProblem[] {
  if (validate(values)) return [];
  return (validate.errors ?? []).map((e) => {
    const at = pointerSegments(e.instancePath);
    if (e.keyword === "additionalProperties") return problem([...at, String(e.params.additionalProperty)], `not a value of chart ${chart.name}`);
    if (e.keyword === "type") {
      const value = at.reduce<unknown>((node, key) => (isMap(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined), values);
      const expected = ([] as string[]).concat(e.params.type as string | string[]).map((t) => (t === "object" ? "map" : t === "array" ? "list" : t === "integer" ? "whole number" : t));
      return problem(at, `must be ${expected.map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)).join(" or ")}, got a ${kindOf(value)}`);
    }
    return problem(at, e.message ?? "is invalid");
  });
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
    if (open.has(at.join("."))) continue;
    // Own keys only: `in` would accept toString, constructor and the like.
    if (!Object.hasOwn(defaults, key)) {
      problems.push(problem(at, `not a value of chart ${chart} (misspelled, or removed in this version?)`));
      continue;
    }
    const d = defaults[key];
    if (value === null || d === null || d === undefined) continue;
    if (isMap(d)) {
      if (!isMap(value)) problems.push(problem(at, `must be a map, got a ${kindOf(value)}`));
      else if (Object.keys(d).length > 0) problems.push(...walkDefaults(d, value, at, open, chart));
    } else if (Array.isArray(d)) {
      if (!Array.isArray(value)) problems.push(problem(at, `must be a list, got a ${kindOf(value)}`));
    } else if (typeof value !== typeof d) {
      problems.push(problem(at, `must be a ${typeof d} (the chart's default is ${JSON.stringify(d)}), got a ${kindOf(value)}`));
    }
  }
  return problems;
}

/**
 * Every problem with `values` for this add-on's pinned chart; empty when Helm would use them all.
 * With `onlyKeys`, only those top-level keys are checked (an extension, merged over values
 * already known to be valid).
 */
export function checkChartValues(addon: HelmAddon, values: Record<string, unknown>, onlyKeys?: string[]): ValuesProblem[] {
  const chart = loadChart(addon);
  const keys = onlyKeys ?? Object.keys(values);
  if (!chart.schema) {
    const picked = Object.fromEntries(keys.filter((k) => k in values).map((k) => [k, values[k]]));
    return walkDefaults(chart.defaults ?? {}, picked, [], new Set(addon.openPaths ?? []), chart.name);
  }
  const problems = onlyKeys
    ? onlyKeys.flatMap((k) => schemaProblems(chart, validatorFor(chart, addon, k), { [k]: values[k] }))
    : schemaProblems(chart, validatorFor(chart, addon), values);
  // Where the schema leaves its top level open, a top-level key must still be one it names.
  const root = chart.schema.root;
  if (root.additionalProperties !== false && isMap(root.properties)) {
    for (const key of keys) {
      if (!Object.hasOwn(root.properties, key)) problems.push(problem([key], `not a value of chart ${chart.name} (misspelled, or removed in this version?)`));
    }
  }
  return problems;
}
