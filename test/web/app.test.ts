/**
 * The web app in a real browser (Debian's chromium via playwright-core), one browser for every test: the
 * pages against the core's numbers (pageTests.ts) and the serving, fine-tuning, lifetime and system-file
 * views (servingTests.ts). Phone layout, keyboard use, typed budgets, live update and scenario comparison
 * (usabilityTests.ts) run in usability.slow.test.ts and the update-time benchmark in
 * benchmark.slow.test.ts (`npm run test:slow`, which CI runs too), to keep `npm test` under its budget.
 */
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, foreignRequests, HAS_CHROMIUM, SCREENSHOTS, startApp } from "./harness.js";
import { pageTests } from "./pageTests.js";
import { servingTests } from "./servingTests.js";

describe.skipIf(!HAS_CHROMIUM)("web app in chromium", () => {
  const ctx = {} as { app: App };
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ctx.app = await startApp();
  }, 120_000);
  afterAll(async () => {
    await ctx.app?.close();
  });

  pageTests(ctx);
  servingTests(ctx);

  it("made no request outside the app's origin and logged no errors", () => {
    expect(ctx.app.requests.length).toBeGreaterThan(0);
    expect(foreignRequests(ctx.app)).toEqual([]);
    expect(ctx.app.errors).toEqual([]);
  });
});
