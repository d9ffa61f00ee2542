import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules", "functions", "public/build", ".wrangler", ".cache", "db/types.ts",
      "tests/.state", "test-results", "playwright-report", "tests/bench/results",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly", fetch: "readonly", setTimeout: "readonly", clearTimeout: "readonly", performance: "readonly" },
    },
  },
  {
    // Routes stay thin: queries live in app/modules (DESIGN.md "Routes stay thin").
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "kysely", message: "Route files do not query: put the query in app/modules/<area>." },
            { name: "kysely-d1", message: "Route files do not query: put the query in app/modules/<area>." },
          ],
          patterns: [{ group: ["kysely/*"], message: "Route files do not query." }],
        },
      ],
    },
  },
);
