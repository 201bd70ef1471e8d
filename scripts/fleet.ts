/**
 * A synthetic fleet for the benchmark: N environments made in memory from the staging
 * environment (every pool class, every add-on), each with its own name, cluster, state and
 * network. Nothing here is committed output.
 */
import type { EnvironmentInput } from "../src/config/environment";

export function fleetEnvironments(template: EnvironmentInput, size: number): { file: string; exported: EnvironmentInput }[] {
  return Array.from({ length: size }, (_, i) => {
    const env = structuredClone(template) as EnvironmentInput & { network: { remoteState?: { source: { key: string } } } };
    env.name = `fleet${String(i).padStart(3, "0")}`;
    env.cluster = { ...env.cluster, name: `fleet-${String(i).padStart(3, "0")}` };
    if (env.state.backend === "s3") env.state = { ...env.state, keyPrefix: `fleet/${env.name}` };
    if (env.network.remoteState) env.network.remoteState.source.key = `network/${env.name}.tfstate`;
    // One account holds one GitHub OIDC provider: the first cluster of the fleet creates it.
    if (env.ci?.github && i > 0) env.ci = { ...env.ci, github: { ...env.ci.github, createOidcProvider: false } };
    return { file: `fleet/${env.name}.ts`, exported: env };
  });
}
