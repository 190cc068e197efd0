import { describe, expect, it } from "vitest";
import { fuzzOptions } from "./fuzzOptions.js";

// Issue 16 acceptance, quick slice: a seeded sample of value options of every command set to a hostile
// number ("0", "-1", "1.5", "1e308", "NaN", "abc", "", "1T", "$1M", "30d", ...), one option per case.
// Every case ends with exit 0 or 2 (one "scalecast:" line), no stack trace, in bounded time and heap.
// The full cross product (every option × every value × every base) is options.slow.test.ts.
describe("fuzz: numeric options of every command (seeded sample)", () => {
  it("20 cases of seed 1 keep the exit, one-line and bounds properties", async () => {
    const { failures, ran } = await fuzzOptions({ seed: 1, cases: 20 });
    expect(ran).toBe(20);
    expect(failures).toEqual([]);
  });
});
