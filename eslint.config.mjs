// @ts-check
// ESLint flat config; `npm test` runs `eslint .` between tsc and vitest.
// Type-aware rules (typescript-eslint strictTypeChecked) apply to src/, the code that renders
// generated/. Tests, scripts, environments, main.ts and configs get the syntax-only recommended
// rules: cheaper (no type program) and enough for code that never ships into Terraform.
// Every rule turned off or relaxed below says why on its line.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import comments from "@eslint-community/eslint-plugin-eslint-comments/configs";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  // Synthesized Terraform JSON, vendored data, and build/test leftovers (as in .gitignore).
  globalIgnores(["generated/", "vendor/", "cdktf.out/", ".gen/", "coverage/", ".staging-*/"]),
  {
    linterOptions: {
      // A disable comment or inline config that no longer does anything fails the run.
      reportUnusedDisableDirectives: "error",
      reportUnusedInlineConfigs: "error",
    },
  },
  js.configs.recommended,
  comments.recommended,
  {
    rules: {
      // Every inline eslint-disable carries its reason after " -- ".
      "@eslint-community/eslint-comments/require-description": ["error", { ignore: ["eslint-enable"] }],
    },
  },
  {
    files: ["src/**/*.ts"],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      // import.meta.dirname needs Node 20.11; package.json allows 20.9.
      parserOptions: { projectService: true, tsconfigRootDir: dirname(fileURLToPath(import.meta.url)) },
    },
    rules: {
      // Relaxed: numbers stringify predictably (ports, counts, sizes in names and messages). The
      // other allow* flags restate strict's values: options replace the preset's, not merge.
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowAny: false, allowBoolean: false, allowNever: false, allowNullish: false, allowRegExp: false },
      ],
      // Relaxed: `return report(...)` as an early exit from a void function (forEach bodies, checks)
      // is a house idiom; void used as a value is still caught.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreVoidReturningFunctions: true }],
      // Off: each `!` marks an invariant validation already established (CIDRs parsed, keys just
      // inserted, edge subnets required by the schema); a throw there would be unreachable code.
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["**/*.ts", "**/*.mts"],
    ignores: ["src/**"],
    extends: [tseslint.configs.recommended],
    rules: {
      // Off: tests and scripts dig into parsed JSON/YAML whose shape the assertion or the run itself
      // checks; typing every probe would add casts, not safety.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["**/*.ts", "**/*.mts"],
    rules: {
      // Relaxed: `const { dropped: _d, ...kept } = x` is how we omit keys from an object copy.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    files: ["**/*.cjs"],
    // ESLint's .cjs defaults supply require/module; process is Node's global.
    languageOptions: { globals: { process: "readonly" } },
  },
);
