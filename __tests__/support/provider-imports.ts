/**
 * Provider packages, imported the cheap way: a provider's root (or its lib index) loads every
 * resource class it has (~2,100 for AWS: seconds and ~500 MB per process); a deep import
 * (`@cdktf/provider-aws/lib/sqs-queue`) loads one. This finds the expensive imports in source
 * text, and ./provider-modules-probe.ts measures what a module really loads.
 */
import * as ts from "typescript";

/** A module specifier that loads a whole provider package. */
export function isProviderBarrel(specifier: string): boolean {
  return /^@cdktf\/provider-[a-z0-9-]+(\/lib(\/(index|lazy-index)(\.js)?)?)?\/?$/.test(specifier);
}

/** Every module a source file imports: static, dynamic, require() and re-exports (not strings that merely look like one). */
export function importedModules(sourceText: string): string[] {
  return ts.preProcessFile(sourceText, true, true).importedFiles.map((f) => f.fileName);
}

/** Every provider-barrel module a source file imports. */
export function providerBarrelImports(sourceText: string): string[] {
  return importedModules(sourceText).filter(isProviderBarrel);
}

/** The provider modules a probe run found loaded: per package, the resource folders under lib/. */
export type LoadedProviderModules = Record<string, string[]>;
