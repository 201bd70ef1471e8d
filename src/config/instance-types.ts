/** What an EC2 instance type name says about the CPU architecture it runs. */

export type Architecture = "x86_64" | "arm64";

/**
 * What cluster-autoscaler needs equal across a group's instance types (it models the whole group
 * on one of them): the size, and the family letter that sets memory per vCPU (m, c, r, ...).
 */
export function instanceShape(instanceType: string): string {
  const [family, size] = instanceType.split(".");
  return `${family[0]}.${size}`;
}

/**
 * Graviton families carry a `g` right after the generation number (m7g, c7gn, r8gd, t4g, im4gn,
 * is4gen, hpc7g, g5g), plus the first-generation `a1`. Everything else EKS nodes run on is x86_64.
 */
export function architectureOf(instanceType: string): Architecture {
  const family = instanceType.split(".")[0];
  return family === "a1" || /^[a-z]+\d+g/.test(family) ? "arm64" : "x86_64";
}
