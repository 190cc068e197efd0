import { describe, expect, it } from "vitest";
import { fuzzReaders } from "./fuzzReaders.js";

// Issue 16 acceptance, long version of readers.test.ts: 60 seeded mutations of every reader's input.
describe("fuzz: every reader under mutated input", () => {
  it("60 mutations per reader keep the exit, one-line and bounds properties", async () => {
    const { failures, ran } = await fuzzReaders({ seed: 2, perReader: 60 });
    expect(ran).toBeGreaterThanOrEqual(60 * 16);
    expect(failures).toEqual([]);
  });
});
