/**
 * Imported by src/process-setup.ts before anything loads CDKTF: tsx turns Node's source-map support
 * on, and Node then parses the inline source map of every module it loads (every CDKTF file carries
 * one) and maps every stack trace it formats. A synth needs neither. EKS_SYNTH_DEBUG=1 keeps them.
 */
if (process.env.EKS_SYNTH_DEBUG !== "1") process.setSourceMapsEnabled(false);

export {};
