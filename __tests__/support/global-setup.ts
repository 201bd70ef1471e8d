/**
 * Synthesizes the reference environments once into a temporary folder and hands its path to every
 * test file, so no test pays for a synth of its own.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { TestProject } from "vitest/node";
import { loadEnvironments } from "../../src/environments/load";
import { synthesize } from "../../src/synth";

declare module "vitest" {
  export interface ProvidedContext {
    synthDir: string;
  }
}

export default async function setup(project: TestProject) {
  const root = path.resolve(__dirname, "../..");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-synth-"));
  const envs = await loadEnvironments(path.join(root, "environments"), root);
  synthesize(envs, dir);
  project.provide("synthDir", dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
