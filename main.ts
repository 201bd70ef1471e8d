/**
 * Entry point (`npx cdktf synth` runs `npx tsx main.ts`): every file in environments/ becomes its
 * access, cluster and add-ons stacks in generated/.
 */
import { main } from "./src/synth";

main(__dirname).then((code) => {
  process.exitCode = code;
});
