/**
 * An environment file's export is code, not data: it can hold getters that throw, objects that
 * refer back to themselves, class instances, functions, Promises, or an object literal whose
 * `__proto__` key set its prototype instead of adding a key. Before anything checks it, the
 * export is copied into plain data (objects, lists, strings, numbers, booleans, null), reading
 * each getter exactly once, and whatever cannot be copied is reported at its field. Everything
 * after this (the schema, the chart checks, the constructs) then sees only plain data.
 */
import { formatPath } from "./errors";
import type { Issue, Path } from "./schema-kit";

const PROTO = "__proto__";

function isThenable(v: object): boolean {
  try {
    return typeof (v as { then?: unknown }).then === "function";
  } catch {
    return false;
  }
}

/** What a non-plain value is, for the message. */
function describe(v: object): string {
  const proto = Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null;
  const name = proto?.constructor?.name;
  return typeof name === "string" && name !== "" ? `a ${name}` : "an object that is not plain data";
}

/** Copies `value` into plain data; problems go to `issues` at their path. */
export function toPlainData(value: unknown, path: Path = [], issues: Issue[] = []): unknown {
  return copy(value, path, issues, new Map());
}

function copy(value: unknown, path: Path, issues: Issue[], ancestors: Map<object, Path>): unknown {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
    case "undefined":
      return value;
    case "function":
      issues.push({ path, message: "is a function; write the value itself" });
      return undefined;
    case "symbol":
    case "bigint":
      issues.push({ path, message: `is a ${typeof value}; write a string or a number` });
      return undefined;
  }
  if (value === null) return null;
  const obj = value as object;
  const seen = ancestors.get(obj);
  if (seen) {
    issues.push({ path, message: `refers back to ${formatPath(seen) || "the default export"} (a circular reference); write the value out instead` });
    return undefined;
  }
  if (isThenable(obj)) {
    issues.push({ path, message: "is a Promise; write the value itself (an async function or a Promise cannot be checked before synth)" });
    return undefined;
  }
  ancestors.set(obj, path);
  try {
    return Array.isArray(obj) ? copyList(obj, path, issues, ancestors) : copyObject(obj, path, issues, ancestors);
  } finally {
    ancestors.delete(obj);
  }
}

function copyList(list: unknown[], path: Path, issues: Issue[], ancestors: Map<object, Path>): unknown[] {
  // Holes stay holes, so the schema can report them (forEach and map would skip them silently).
  const out: unknown[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const at = [...path, i];
    const read = readOwn(list, String(i), at, issues);
    if (read.present) out[i] = copy(read.value, at, issues, ancestors);
  }
  return out;
}

function copyObject(obj: object, path: Path, issues: Issue[], ancestors: Map<object, Path>): Record<string, unknown> | undefined {
  const proto = Object.getPrototypeOf(obj) as object | null;
  const out: Record<string, unknown> = {};
  if (proto !== null && proto !== Object.prototype) {
    if (Object.hasOwn(proto, "constructor")) {
      issues.push({ path, message: `is ${describe(obj)}; write a plain object or value` });
      return undefined;
    }
    // `{ __proto__: {...} }`: keep it as a key, so the schema reports it like any unknown key.
    Object.defineProperty(out, PROTO, { value: copy(proto, [...path, PROTO], issues, ancestors), enumerable: true, writable: true, configurable: true });
  }
  let keys: string[];
  try {
    keys = Object.keys(obj);
  } catch (e) {
    issues.push({ path, message: `listing its keys threw: ${errorText(e)}` });
    return undefined;
  }
  for (const key of keys) {
    const at = [...path, key];
    const read = readOwn(obj, key, at, issues);
    if (!read.present) continue;
    const v = copy(read.value, at, issues, ancestors);
    if (key === PROTO) Object.defineProperty(out, PROTO, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}

/** Reads an own property once, getters included; a getter that throws is reported, not rethrown. */
function readOwn(obj: object, key: string, path: Path, issues: Issue[]): { present: boolean; value?: unknown } {
  let desc: PropertyDescriptor | undefined;
  try {
    desc = Object.getOwnPropertyDescriptor(obj, key);
  } catch (e) {
    issues.push({ path, message: `reading it threw: ${errorText(e)}` });
    return { present: false };
  }
  if (!desc) return { present: false };
  if (!desc.get && !desc.set) return { present: true, value: desc.value };
  if (!desc.get) return { present: true, value: undefined };
  try {
    return { present: true, value: desc.get.call(obj) };
  } catch (e) {
    issues.push({ path, message: `reading it threw: ${errorText(e)}` });
    return { present: false };
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name === "Error" ? "" : `${e.name}: `}${e.message}` : String(e);
}
