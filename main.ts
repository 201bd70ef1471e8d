/**
 * Entry point (`npx cdktf synth` runs `npx tsx main.ts`): every file in environments/ becomes its
 * access, cluster and add-ons stacks in generated/.
 */
import "./src/process-setup";
import { main } from "./src/synth";

// tsx's require loads the environment files without a round trip through the ES module hooks.
main(__dirname, require).then((code) => {
  process.exitCode = code;
});
