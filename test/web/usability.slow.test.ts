/**
 * The web app's usability in a real browser (Debian's chromium via playwright-core): phone layout at
 * 390 px, keyboard-only use, typed budgets, live update, URL state and scenario comparison
 * (usabilityTests.ts). In the slow project (`npm run test:slow`, run by CI) to keep `npm test` under
 * its budget; the pages' numbers are checked in app.test.ts.
 */
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, foreignRequests, HAS_CHROMIUM, SCREENSHOTS, startApp } from "./harness.js";
import { usabilityTests } from "./usabilityTests.js";

describe.skipIf(!HAS_CHROMIUM)(
  "web app in chromium: phone, keyboard, typed budgets, live update, pinned scenarios",
  () => {
    const ctx = {} as { app: App };
    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      ctx.app = await startApp();
    }, 120_000);
    afterAll(async () => {
      await ctx.app?.close();
    });

    usabilityTests(ctx);

    it("made no request outside the app's origin and logged no errors", () => {
      expect(ctx.app.requests.length).toBeGreaterThan(0);
      expect(foreignRequests(ctx.app)).toEqual([]);
      expect(ctx.app.errors).toEqual([]);
    });
  },
);
