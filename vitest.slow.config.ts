import { defineConfig } from "vitest/config";

// The slow project (`npm run test:slow`): long statistical checks (bootstrap coverage over many seeded
// trials and the like). CI runs it after the default project.
export default defineConfig({
  test: {
    include: ["test/**/*.slow.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 600_000,
  },
});
