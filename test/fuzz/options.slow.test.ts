import { describe, expect, it } from "vitest";
import { fuzzOptions } from "./fuzzOptions.js";

// Issue 16 acceptance, long version: every value option of every command (read from the citty
// definitions) on every base, each with 6 of the hostile values of NUMERIC_VALUES in a seeded order
// (another seed tries others; all 22 of them on every option take about 5 minutes on 2 cores).
describe("fuzz: every numeric option of every command × 6 hostile values", () => {
  it("keeps the exit, one-line and bounds properties", async () => {
    const { failures, ran, options } = await fuzzOptions({ seed: 0, perOption: 6 });
    expect(ran).toBeGreaterThanOrEqual(options * 6);
    expect(failures).toEqual([]);
  });
});
