/**
 * User-data as a Terraform string. The rendered document goes through Terraform's template
 * engine, so every literal `${` and `%{` (shell variables in extra scripts) is escaped to survive
 * as written, and only the values Terraform must fill in (the cluster endpoint and CA, known
 * after the cluster exists) become interpolations.
 */
import { renderAl2023UserData } from "./al2023";
import { renderBottlerocketUserData } from "./bottlerocket";
import type { NodeBootstrap } from "./node-bootstrap";

export type AmiFamily = "al2023" | "bottlerocket";

export function renderUserData(family: AmiFamily, b: NodeBootstrap): string {
  return family === "al2023" ? renderAl2023UserData(b) : renderBottlerocketUserData(b);
}

/** `${` -> `$${` and `%{` -> `%%{`: Terraform reads both back as the literal characters. */
export function escapeTerraformTemplate(text: string): string {
  // Replacer functions: in a replacement string "$$" would itself collapse to "$".
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

const ENDPOINT = "@@EKS_API_SERVER_ENDPOINT@@";
const CA = "@@EKS_CERTIFICATE_AUTHORITY@@";

/**
 * Renders with markers for the late-bound values, escapes everything literal, then puts the
 * Terraform references (CDKTF tokens) in place of the markers.
 */
export function terraformUserData(family: AmiFamily, b: NodeBootstrap): string {
  const text = escapeTerraformTemplate(renderUserData(family, { ...b, apiServerEndpoint: ENDPOINT, certificateAuthority: CA }));
  if (!text.includes(ENDPOINT) || !text.includes(CA)) throw new Error("user-data template lost the endpoint or CA marker");
  return text.split(ENDPOINT).join(b.apiServerEndpoint).split(CA).join(b.certificateAuthority);
}
