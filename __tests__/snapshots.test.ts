/**
 * A snapshot of every stack of every reference environment, one reviewable JSON file per stack
 * under __tests__/__snapshots__/stacks/. A change here is a change to what Terraform will do:
 * read the diff and say why in the commit.
 */
import { expect, it } from "vitest";
import { stackJson, stackNames } from "./support/reference";

for (const stack of stackNames()) {
  it(`${stack} matches its snapshot`, async () => {
    await expect(`${JSON.stringify(stackJson(stack), null, 2)}\n`).toMatchFileSnapshot(`__snapshots__/stacks/${stack}.json`);
  });
}
