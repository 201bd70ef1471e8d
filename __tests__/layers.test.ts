/**
 * Layers point one way: config → naming → iam → charts/userdata → constructs → stacks → the app
 * (src/environments/ composes every layer's validation rules; src/*.ts are the entry points).
 * A module may import its own layer and the layers below it, never one above; and no module
 * imports itself back through others (an import cycle). Adding a layer means adding it here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.join(__dirname, "..", "src");

/** Lowest first. `imports` lists what a layer may use besides itself. */
const LAYERS: { layer: string; match: (file: string) => boolean; imports: string[] }[] = [
  { layer: "cdktf-internals", match: (f) => f === "cdktf-internals.ts", imports: [] },
  { layer: "config", match: (f) => f.startsWith("config/"), imports: [] },
  { layer: "naming", match: (f) => f.startsWith("naming/"), imports: ["config"] },
  { layer: "iam", match: (f) => f.startsWith("iam/"), imports: ["config", "naming"] },
  { layer: "userdata", match: (f) => f.startsWith("userdata/"), imports: ["config", "naming"] },
  { layer: "charts", match: (f) => f.startsWith("charts/"), imports: ["config", "naming", "iam"] },
  { layer: "constructs", match: (f) => f.startsWith("constructs/"), imports: ["config", "naming", "iam", "userdata", "charts"] },
  { layer: "stacks", match: (f) => f.startsWith("stacks/"), imports: ["cdktf-internals", "config", "naming", "iam", "userdata", "charts", "constructs"] },
  { layer: "import", match: (f) => f.startsWith("import/"), imports: ["config", "naming", "environments"] },
  { layer: "environments", match: (f) => f.startsWith("environments/"), imports: ["config", "naming", "iam", "userdata", "charts"] },
  { layer: "app", match: (f) => !f.includes("/"), imports: ["cdktf-internals", "config", "naming", "iam", "userdata", "charts", "constructs", "stacks", "environments"] },
];

function layerOf(file: string) {
  const l = LAYERS.find((x) => x.match(file));
  if (!l) throw new Error(`src/${file} is in no layer: add its folder to LAYERS in __tests__/layers.test.ts`);
  return l;
}

function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(full);
    return d.name.endsWith(".ts") ? [path.relative(SRC, full).split(path.sep).join("/")] : [];
  });
}

/** Relative imports of a file (static, type-only, side-effect and require), resolved to src-relative paths. */
export function importsOf(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s+|\brequire\()\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]!);
  return specs.map((spec) => {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    return target.endsWith(".ts") ? target : `${target}.ts`;
  });
}

const files = sourceFiles();
const graph = new Map(files.map((f) => [f, importsOf(f, fs.readFileSync(path.join(SRC, f), "utf8")).filter((t) => !t.startsWith("../"))]));

type Graph = Map<string, string[]>;

/** Imports that point up the layers, as readable lines. */
function layerViolations(graph: Graph): string[] {
  const wrong: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    for (const target of targets) {
      const to = layerOf(target);
      if (to.layer !== from.layer && !from.imports.includes(to.layer)) wrong.push(`src/${file} (${from.layer}) imports src/${target} (${to.layer})`);
    }
  }
  return wrong;
}

/** Every import cycle, as `a -> b -> a`. */
function importCycles(graph: Graph): string[] {
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (f: string, trail: string[]) => {
    if (state.get(f) === "done") return;
    if (state.get(f) === "open") {
      cycles.push([...trail.slice(trail.indexOf(f)), f].join(" -> "));
      return;
    }
    state.set(f, "open");
    for (const t of graph.get(f) ?? []) visit(t, [...trail, f]);
    state.set(f, "done");
  };
  for (const f of graph.keys()) visit(f, []);
  return cycles;
}

describe("layers", () => {
  it("every module imports only its own layer and the layers below it", () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it("no import cycles", () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it("the checks find an import against the direction and a cycle", () => {
    const bad: Graph = new Map([
      ["config/environment.ts", ["naming/names.ts", "config/schema-kit.ts"]],
      ["naming/names.ts", ["config/environment.ts"]],
      ["config/schema-kit.ts", []],
    ]);
    expect(layerViolations(bad)).toEqual(["src/config/environment.ts (config) imports src/naming/names.ts (naming)"]);
    expect(importCycles(bad)).toEqual(["config/environment.ts -> naming/names.ts -> config/environment.ts"]);
  });

  it("the checker sees every form of import and resolves it", () => {
    const text = 'import { a } from "../naming/names";\nimport type { B } from "./b";\nimport "../process-setup";\nconst c = require("../iam/x");\nimport { d } from "cdktf";';
    expect(importsOf("config/validate.ts", text)).toEqual(["naming/names.ts", "config/b.ts", "process-setup.ts", "iam/x.ts"]);
  });
});
