/**
 * Run as `node --import tsx process-setup-probe.ts`: loads src/process-setup.ts as main.ts does,
 * then CDKTF, creates a token, and prints (JSON) what the setup changed for this process: whether
 * Node maps stack traces through source maps, and the creation trace CDKTF kept for the token.
 */
import "../../src/process-setup";
import { Lazy, Tokenization } from "cdktf";

const token = Tokenization.reverseString(Lazy.stringValue({ produce: () => "x" })).firstToken as unknown as { creationStack: string[] };
process.stdout.write(JSON.stringify({ sourceMapsEnabled: (process as unknown as { sourceMapsEnabled: boolean }).sourceMapsEnabled, creationStack: token.creationStack }));
