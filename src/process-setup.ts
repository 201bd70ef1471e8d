/**
 * Imported first by main.ts, before CDKTF and the providers load. Two costs a synth does not need,
 * together about a third of it; EKS_SYNTH_DEBUG=1 keeps both, for debugging the constructs:
 *
 * - Node's source-map support, which tsx turns on (src/source-maps-off.ts, imported first so that
 *   it runs before the next import loads CDKTF).
 * - CDKTF records the full stack trace of every token it creates (tens of thousands per synth),
 *   only to name where a token came from if it ever fails to resolve: skipTokenStackTraces
 *   (src/cdktf-internals.ts) replaces it with an empty trace. The output is byte for byte the same
 *   (npm test compares generated/, written this way, with an in-process synth without it).
 */
import "./source-maps-off";
import { skipTokenStackTraces } from "./cdktf-internals";

if (process.env.EKS_SYNTH_DEBUG !== "1") skipTokenStackTraces();
