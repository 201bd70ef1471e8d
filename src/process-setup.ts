/**
 * Imported first by main.ts, before CDKTF and the providers load. Two costs a synth does not need,
 * together about a third of it; EKS_SYNTH_DEBUG=1 keeps both, for debugging the constructs:
 *
 * - tsx turns Node's source-map support on. Node then parses the inline source map of every
 *   module it loads (every CDKTF file carries one) and maps every stack trace it formats.
 * - CDKTF records the full stack trace of every token it creates (tens of thousands per synth),
 *   only to name where a token came from if it ever fails to resolve: skipTokenStackTraces
 *   (src/cdktf-internals.ts) replaces it with an empty trace. The output is byte for byte the same
 *   (npm test compares generated/, written this way, with an in-process synth without it).
 */
if (process.env.EKS_SYNTH_DEBUG !== "1") {
  process.setSourceMapsEnabled(false);
  // Required here, not imported at the top: imports run before this body, and CDKTF must load
  // after source maps are off.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require("./cdktf-internals") as typeof import("./cdktf-internals")).skipTokenStackTraces();
}

export {};
