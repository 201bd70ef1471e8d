import * as os from "node:os";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files that spend most of their time waiting on child processes (Terraform, Helm): started
 * first, so the other files run beside them instead of after them.
 */
const LONGEST_FIRST = ["__tests__/terraform.test.ts", "__tests__/helm-render.test.ts"];

class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return i === -1 ? LONGEST_FIRST.length : i;
    };
    // Array.prototype.sort is stable: the rest keep vitest's own order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    // Synthesizes the reference environments once; every test file reads that output.
    globalSetup: ["__tests__/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // vitest's default is one worker fewer than the cores: a single worker on a 2-core machine,
    // which then runs every file after the Terraform checks, whose time is mostly Terraform's own
    // process. At least two lets the rest run beside them.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    sequence: { sequencer: LongestFirstSequencer },
    reporters: ["default"],
  },
});
