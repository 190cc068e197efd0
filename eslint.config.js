// ESLint (flat config) with typescript-eslint's recommended rules; Prettier owns formatting. Two project
// rules on top: the core is pure (DESIGN.md: no I/O, no clock, no process, no DOM outside src/cli and
// web/), and no module imports itself back (eslint-plugin-import-x's no-cycle). test/lint.test.ts checks
// both against the fixtures in test/fixtures/lint, which the rules must reject.
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

/** Node's built-in modules, with or without the `node:` prefix: the core reads no files and starts no threads. */
const NODE_BUILTINS = [
  "assert",
  "buffer",
  "child_process",
  "cluster",
  "crypto",
  "dgram",
  "dns",
  "events",
  "fs",
  "fs/promises",
  "http",
  "http2",
  "https",
  "module",
  "net",
  "os",
  "path",
  "perf_hooks",
  "process",
  "readline",
  "stream",
  "timers",
  "tls",
  "url",
  "util",
  "v8",
  "vm",
  "worker_threads",
  "zlib",
];

/** Globals the core must not touch: the process, the browser's DOM and storage, and the clock. */
const IMPURE_GLOBALS = [
  "process",
  "Buffer",
  "require",
  "__dirname",
  "__filename",
  "window",
  "document",
  "navigator",
  "location",
  "localStorage",
  "sessionStorage",
  "fetch",
  "XMLHttpRequest",
  "performance",
  "setTimeout",
  "setInterval",
  "setImmediate",
].map((name) => ({
  name,
  message: "the core is pure (DESIGN.md): I/O, the clock and the DOM live in src/cli and web/",
}));

/** The core's purity, as lint rules: applied to src/ except the CLI. */
export const pureCore = {
  files: ["src/**/*.ts"],
  ignores: ["src/cli/**"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        paths: NODE_BUILTINS.map((name) => ({
          name,
          message: "the core is pure (DESIGN.md): no Node built-ins",
        })),
        patterns: [{ group: ["node:*"], message: "the core is pure (DESIGN.md): no Node built-ins" }],
      },
    ],
    "no-restricted-globals": ["error", ...IMPURE_GLOBALS],
    "no-restricted-syntax": [
      "error",
      {
        selector: "MemberExpression[object.name='Date'][property.name='now']",
        message: "the core has no clock (DESIGN.md: no clock in results)",
      },
      { selector: "NewExpression[callee.name='Date']", message: "the core has no clock (DESIGN.md)" },
      { selector: "CallExpression[callee.name='Date']", message: "the core has no clock (DESIGN.md)" },
      {
        selector:
          "MemberExpression[object.name='globalThis'][property.name=/^(process|document|window|performance)$/]",
        message: "the core is pure (DESIGN.md): no process, DOM or clock",
      },
    ],
  },
};

/** No import cycles in the sources (type-only imports, which vanish at run time, are not counted). */
export const noCycles = {
  // the fixture is ignored by `npm run lint` (below) and linted by test/lint.test.ts, which must see it fail
  files: ["src/**/*.ts", "web/src/**/*.ts", "test/fixtures/lint/cycle/*.ts"],
  plugins: { "import-x": importX },
  settings: {
    // parse .ts modules to follow their imports (import-x's TypeScript preset), resolved as tsc does
    "import-x/extensions": importX.flatConfigs.typescript.settings["import-x/extensions"],
    "import-x/parsers": importX.flatConfigs.typescript.settings["import-x/parsers"],
    "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
  },
  rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
};

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "bench/out/", "test/fixtures/lint/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: "readonly", process: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  pureCore,
  noCycles,
);
