import { describe, expect, it } from "vitest";
import { parseSequence } from "../../src/units/parseSequence.js";

describe("parseSequence: context lengths, where a k is a guess", () => {
  it("takes a plain count as typed", () => {
    expect(parseSequence("8192", "--seq")).toBe(8192);
    expect(parseSequence("131072", "--seq")).toBe(131072);
    expect(parseSequence("4.096e3", "--seq")).toBe(4096);
  });

  it("refuses 8k and 128k, offering the binary reading (8 × 1024, 128 × 1024) and the SI one", () => {
    expect(() => parseSequence("8k", "--seq")).toThrow('--seq: got "8k", expected tokens as a number: 8192');
    expect(() => parseSequence("128K", "--seq")).toThrow(/131072 \(128k in binary.*\) or 128000/);
    expect(() => parseSequence("1.5k", "--seq")).toThrow(/1536 .* or 1500/);
  });

  it("is a whole number of tokens from 1 to 10,000,000", () => {
    for (const t of ["0", "1.5", "2e7"])
      expect(() => parseSequence(t, "--seq")).toThrow(
        `--seq: got "${t}", expected a whole number of tokens from 1 to 10,000,000`,
      );
  });
});
