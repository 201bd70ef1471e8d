/**
 * A small runtime schema: just what environment files need (strict objects, strings with
 * patterns, bounded numbers, enums, lists, maps, tagged unions), with the messages people read
 * and TypeScript types inferred from the same definitions. It replaced zod, whose loading alone
 * was a fifth of a synth; every message is written here, so errors read the same everywhere.
 *
 * A schema checks a value without copying it: `check` appends every problem it finds (not just
 * the first) and returns whether the value is valid. Object-level rules (`rule`) run only on an
 * object whose fields are all valid, so they never see half-checked data.
 */

export type Path = (string | number)[];

export interface Issue {
  path: Path;
  message: string;
}

export interface Schema<T> {
  /** Appends problems to `issues`; true when `value` is a valid T. */
  check(value: unknown, path: Path, issues: Issue[]): boolean;
  /** Phantom member carrying the type; never set. */
  readonly type?: T;
}

export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly isOptional: true;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
type Flatten<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<S extends Shape> = Flatten<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (typeof v === "number" && Number.isNaN(v)) return "NaN";
  return typeof v === "object" ? "object" : typeof v;
}

const article = (word: string) => (word === "NaN" || word === "null" ? word : /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

function wrongType(expected: string, value: unknown, path: Path, issues: Issue[]): false {
  issues.push({ path, message: value === undefined ? "is required" : `must be ${article(expected)}, got ${article(kindOf(value))}` });
  return false;
}

export function optional<T>(schema: Schema<T>): OptionalSchema<T> {
  return { isOptional: true, check: (v, path, issues) => v === undefined || schema.check(v, path, issues) };
}

export interface StringRules {
  /** Must match; `message` explains the expected form. */
  pattern?: RegExp;
  message?: string;
  max?: number;
  min?: number;
  /** Further tests, each with the message shown when it fails (or a function of the value giving it). */
  refine?: [(s: string) => boolean, string | ((s: string) => string)][];
}

function refined(refine: StringRules["refine"], v: string): string | undefined {
  const failed = refine?.find(([test]) => !test(v))?.[1];
  return typeof failed === "function" ? failed(v) : failed;
}

export function string(rules: StringRules = {}): Schema<string> {
  return {
    check(v, path, issues) {
      if (typeof v !== "string") return wrongType("string", v, path, issues);
      const problem =
        rules.min !== undefined && v.length < rules.min
          ? rules.min === 1
            ? "must not be empty"
            : `must be at least ${rules.min} characters`
          : rules.max !== undefined && v.length > rules.max
            ? `must be at most ${rules.max} characters`
            : rules.pattern && !rules.pattern.test(v)
              ? (rules.message ?? `must match ${String(rules.pattern)}`)
              : refined(rules.refine, v);
      if (problem) issues.push({ path, message: problem });
      return !problem;
    },
  };
}

export interface NumberRules {
  /** Whole numbers only. */
  int?: boolean;
  min?: number;
  max?: number;
  /** Message for a value outside min..max; default "must be between <min> and <max>". */
  range?: string;
}

export function number(rules: NumberRules = {}): Schema<number> {
  const range =
    rules.range ??
    // With neither bound the message is never shown.
    (rules.max === undefined ? `must be >= ${rules.min ?? -Infinity}` : rules.min === undefined ? `must be <= ${rules.max}` : `must be between ${rules.min} and ${rules.max}`);
  return {
    check(v, path, issues) {
      if (typeof v !== "number" || Number.isNaN(v)) return wrongType("number", v, path, issues);
      const problem = !Number.isFinite(v)
        ? "must be a finite number"
        : rules.int && !Number.isInteger(v)
          ? "must be a whole number"
          : (rules.min !== undefined && v < rules.min) || (rules.max !== undefined && v > rules.max)
            ? range
            : undefined;
      if (problem) issues.push({ path, message: problem });
      return !problem;
    },
  };
}

export function boolean(): Schema<boolean> {
  return { check: (v, path, issues) => typeof v === "boolean" || wrongType("boolean", v, path, issues) };
}

export function literal<const V extends string | number | boolean>(value: V, message?: string): Schema<V> {
  return {
    check(v, path, issues) {
      if (v === value) return true;
      issues.push({ path, message: v === undefined ? "is required" : (message ?? `must be ${JSON.stringify(value)}`) });
      return false;
    },
  };
}

/**
 * One of a fixed set of strings or numbers. A value of the wrong type says so first: `1.33` (a
 * number) for the string "1.33" is a quoting mistake, not an unsupported version.
 */
export function oneOf<const V extends readonly (string | number)[]>(values: V, message?: string): Schema<V[number]> {
  const allowed = new Set<unknown>(values);
  const types = new Set<string>(values.map((x) => typeof x));
  return {
    check(v, path, issues) {
      if (allowed.has(v)) return true;
      if (v === undefined) {
        issues.push({ path, message: "is required" });
      } else if (!types.has(typeof v) && types.size === 1) {
        const [type] = types;
        const text = typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
        const quoted = type === "string" && text !== undefined && allowed.has(text) ? `: write "${text}", in quotes` : "";
        issues.push({ path, message: `must be ${article(type)}, got ${article(kindOf(v))}${quoted}` });
      } else {
        issues.push({ path, message: message ?? `must be one of ${values.map((x) => JSON.stringify(x)).join(", ")}` });
      }
      return false;
    },
  };
}

export function list<T>(item: Schema<T>, rules: { min?: number; minMessage?: string } = {}): Schema<T[]> {
  return {
    check(v, path, issues) {
      if (!Array.isArray(v)) return wrongType("list", v, path, issues);
      let ok = true;
      // A plain loop, not forEach: forEach skips the holes of a sparse list (`[a, , b]`).
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) {
          issues.push({ path: [...path, i], message: "is an empty slot in the list (two commas in a row?)" });
          ok = false;
        } else ok = item.check(v[i], [...path, i], issues) && ok;
      }
      if (rules.min !== undefined && v.length < rules.min) {
        issues.push({ path, message: rules.minMessage ?? `needs at least ${rules.min} item${rules.min === 1 ? "" : "s"}` });
        ok = false;
      }
      return ok;
    },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `__proto__` in an object literal sets the object's prototype instead of adding a key, and as an
 * own key (from JSON or a computed key) it is still not something a map of ours can hold.
 */
const PROTO = "__proto__";

/** A map with free keys: every key checked by `key` (default: any string), every value by `value`. */
export function record<T>(value: Schema<T>, key: Schema<string> = string()): Schema<Record<string, T>> {
  return {
    check(v, path, issues) {
      if (!isObject(v)) return wrongType("object", v, path, issues);
      let ok = true;
      for (const [k, x] of Object.entries(v)) {
        if (k === PROTO) {
          issues.push({ path: [...path, k], message: "cannot be used as a key (JavaScript reads __proto__ as the object's prototype)" });
          ok = false;
          continue;
        }
        ok = key.check(k, [...path, k], issues) && ok;
        ok = value.check(x, [...path, k], issues) && ok;
      }
      return ok;
    },
  };
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

function suggestion(key: string, allowed: string[]): string {
  const best = allowed.map((k) => ({ k, d: editDistance(key, k) })).sort((x, y) => x.d - y.d).at(0);
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean "${best.k}"?)` : "";
}

export interface ObjectSchema<S extends Shape> extends Schema<ObjectOf<S>> {
  readonly shape: S;
}

/**
 * A strict object: an unknown key is an error (a typo in infrastructure config must not be
 * silently ignored), with the nearest allowed key suggested. `renamed` maps keys of earlier
 * releases to their new names, so an old environment file gets told what to change.
 */
export function object<S extends Shape>(shape: S, options: { renamed?: Record<string, string> } = {}): ObjectSchema<S> {
  const allowed = Object.keys(shape);
  const renamed = options.renamed ?? {};
  return {
    shape,
    check(v, path, issues) {
      if (!isObject(v)) return wrongType("object", v, path, issues);
      let ok = true;
      // Own properties only: `in` would also find Object.prototype's (toString, constructor, ...).
      for (const [key, schema] of Object.entries(shape)) ok = schema.check(Object.hasOwn(v, key) ? v[key] : undefined, [...path, key], issues) && ok;
      for (const key of Object.keys(v)) {
        if (Object.hasOwn(shape, key) && key !== PROTO) continue;
        if (Object.hasOwn(renamed, key)) issues.push({ path: [...path, key], message: `was renamed ${renamed[key]}: rename the key (its contents are unchanged)` });
        else issues.push({ path: [...path, key], message: `unknown key${suggestion(key, allowed)}; allowed keys here: ${allowed.join(", ")}` });
        ok = false;
      }
      return ok;
    },
  };
}

/** Adds rules that need the whole value; they run only when the value itself is valid. */
export function rule<T>(schema: Schema<T>, rules: (value: T, add: (path: Path, message: string) => void) => void): Schema<T> {
  return {
    check(v, path, issues) {
      if (!schema.check(v, path, issues)) return false;
      const before = issues.length;
      rules(v as T, (p, message) => issues.push({ path: [...path, ...p], message }));
      return issues.length === before;
    },
  };
}

/** Objects told apart by one field (`backend: "s3" | "cloud" | "local"`). */
export function tagged<M extends Record<string, Schema<unknown>>>(key: string, variants: M, message: string): Schema<Infer<M[keyof M]>> {
  return {
    check(v, path, issues) {
      if (!isObject(v)) return wrongType("object", v, path, issues);
      const tag = v[key];
      const variant = typeof tag === "string" && Object.hasOwn(variants, tag) ? variants[tag] : undefined;
      if (!variant) {
        issues.push({ path: [...path, key], message: tag === undefined ? "is required" : message });
        return false;
      }
      return variant.check(v, path, issues);
    },
  };
}

/** A string, or an object for the long form (`"m7i.large"` or `{ type: "m7i.large", weight: 2 }`). */
export function stringOrObject<A, B>(asString: Schema<A>, asObject: Schema<B>): Schema<A | B> {
  return {
    check(v, path, issues) {
      if (typeof v === "string") return asString.check(v, path, issues);
      if (isObject(v)) return asObject.check(v, path, issues);
      return wrongType("string or an object", v, path, issues);
    },
  };
}
