/** One state per stack, in the environment's backend, and nothing machine-specific in the output. */
import { describe, expect, it } from "vitest";
import { stackJson, stackNames } from "./support/reference";

const backendOf = (stack: string) => (stackJson(stack).terraform as { backend?: Record<string, Record<string, unknown>>; cloud?: Record<string, unknown> });

describe("state backends", () => {
  it("staging: S3 with encryption and S3-native locking, a key per stack", () => {
    for (const role of ["access", "cluster", "addons"].filter((r) => stackNames().includes(`staging-${r}`))) {
      expect(backendOf(`staging-${role}`).backend).toEqual({
        s3: { bucket: "acme-terraform-state", key: `platform/eks/staging/staging-${role}.tfstate`, region: "eu-west-1", encrypt: true, use_lockfile: true },
      });
    }
  });

  it("production: Terraform Cloud, one named workspace per stack", () => {
    for (const role of ["access", "cluster", "addons"].filter((r) => stackNames().includes(`production-${r}`))) {
      expect(backendOf(`production-${role}`).cloud).toEqual({
        hostname: "app.terraform.io",
        organization: "acme",
        workspaces: { name: `production-${role}`, project: "platform" },
      });
    }
  });

  it("example: local state at a relative path, the same on every machine", () => {
    expect(backendOf("example-access").backend).toEqual({ local: { path: "../../../.terraform-state/example-access.tfstate" } });
  });

  it("never writes absolute paths, home folders or host names", () => {
    for (const stack of stackNames()) {
      const text = JSON.stringify(stackJson(stack));
      expect(text).not.toMatch(/\/(home|root|tmp|Users|work)\//);
      expect(text).not.toContain(process.cwd());
    }
  });

  it("gives every stack its own state", () => {
    const keys = stackNames().map((s) => JSON.stringify(backendOf(s)));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
