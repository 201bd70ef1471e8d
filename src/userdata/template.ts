/** Fills `{{name}}` placeholders in the template assets; a missing or unused value is a bug. */
import * as fs from "node:fs";
import * as path from "node:path";

const cache = new Map<string, string>();

export function loadTemplate(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(__dirname, "templates", name), "utf8");
    cache.set(name, text);
  }
  return text;
}

export function fillTemplate(name: string, values: Record<string, string>): string {
  const used = new Set<string>();
  const out = loadTemplate(name).replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`template ${name} needs a value for {{${key}}}`);
    used.add(key);
    return values[key];
  });
  const unused = Object.keys(values).filter((k) => !used.has(k));
  if (unused.length > 0) throw new Error(`template ${name} has no place for ${unused.join(", ")}`);
  return out;
}
