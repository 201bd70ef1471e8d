/** What an EC2 instance type name says about the CPU architecture it runs. */

export type Architecture = "x86_64" | "arm64";

/**
 * Graviton families carry a `g` right after the generation number (m7g, c7gn, r8gd, t4g, im4gn,
 * is4gen, hpc7g, g5g), plus the first-generation `a1`. Everything else EKS nodes run on is x86_64.
 */
export function architectureOf(instanceType: string): Architecture {
  const family = instanceType.split(".")[0];
  return family === "a1" || /^[a-z]+\d+g/.test(family) ? "arm64" : "x86_64";
}
