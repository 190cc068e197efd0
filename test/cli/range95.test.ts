import { describe, expect, it } from "vitest";
import { range95 } from "../../src/cli/table.js";

describe("range95: an interval's two ends, told apart", () => {
  it("three significant figures when they differ there", () => {
    expect(range95([1.3e22, 6.92e22])).toBe("[1.30e+22, 6.92e+22]");
    expect(range95([123.4, 370.2])).toBe("[123, 370]");
  });

  it("more figures, up to six, where three would print one number twice", () => {
    // budget's loss: 1.99790 to 2.00444 printed "[2, 2]"; at 4 figures 1.998 and 2.004
    expect(range95([1.9978957850216514, 2.004438430975071])).toBe("[1.998, 2.004]");
    // ends equal to six figures stay as they print (trailing zeros trimmed)
    expect(range95([2.4800001, 2.4800004])).toBe("[2.48, 2.48]");
    expect(range95([2.48, 2.48])).toBe("[2.48, 2.48]");
  });

  it("a dash when there is no interval", () => {
    expect(range95(null)).toBe("-");
    expect(range95(undefined)).toBe("-");
  });
});
