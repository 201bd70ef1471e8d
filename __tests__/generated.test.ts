/**
 * generated/ is what Terraform Cloud applies, so it must be exactly what the source synthesizes
 * today. Run `npm run synth` and commit the result when this fails.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { expect, it } from "vitest";
import { PROJECT_ROOT, synthDir } from "./support/reference";

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !(e.parentPath ?? e.path).includes(`${path.sep}.terraform`) && !e.name.startsWith(".terraform") && !e.name.endsWith(".tfstate"))
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
    .sort();
}

it("generated/ equals a fresh synth", () => {
  const committed = path.join(PROJECT_ROOT, "generated");
  const fresh = synthDir();
  expect(files(committed), "run `npm run synth` and commit generated/").toEqual(files(fresh));
  for (const file of files(fresh)) {
    expect(fs.readFileSync(path.join(committed, file), "utf8"), `generated/${file} is stale: run \`npm run synth\``).toBe(
      fs.readFileSync(path.join(fresh, file), "utf8"),
    );
  }
});
