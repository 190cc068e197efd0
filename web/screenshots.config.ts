import { defineConfig } from "vitest/config";

// `npm run screenshots`: regenerates docs/screenshots/*.png (web/screenshots.run.ts); not part of `npm test`.
export default defineConfig({
  test: { include: ["web/screenshots.run.ts"], testTimeout: 300_000, hookTimeout: 300_000 },
});
