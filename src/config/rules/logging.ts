/** The control plane's log types. */
import type { EnvironmentRule } from "./rule";

export const distinctLogTypes: EnvironmentRule = (env) => {
  const types = env.cluster.logTypes;
  return new Set(types).size === types.length ? [] : [{ path: ["cluster", "logTypes"], message: "lists a log type twice" }];
};
