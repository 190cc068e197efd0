import { defineConfig } from "vitest/config";

// The default run (`npm test`): unit, CLI, validation and browser tests, kept under 90 s on 2 cores.
// Long statistical checks are named `*.slow.test.ts` and run by `npm run test:slow` (vitest.slow.config.ts),
// which CI runs too.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/**/*.slow.test.ts", "**/node_modules/**"],
    pool: "forks",
    maxWorkers: 2,
    // test files share a worker's module cache (the core is pure, so nothing leaks between files):
    // importing the core once per worker instead of once per file saves about a third of the run
    isolate: false,
    testTimeout: 120_000,
  },
});
