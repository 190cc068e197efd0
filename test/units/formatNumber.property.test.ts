import { describe, expect, it } from "vitest";
import { rngFor, uniform01 } from "../../src/fit/random.js";
import { formatCell, formatNumber, type NumberStyle } from "../../src/units/formatNumber.js";

const STYLES: NumberStyle[] = [];
for (const trim of [false, true])
  for (const plusSign of [false, true])
    for (const exactIntegers of [false, true]) STYLES.push({ trim, plusSign, exactIntegers });

describe("formatNumber: reading what it prints gives back the value to its stated precision", () => {
  it("for 3,000 seeded values from 1e-30 to 1e30, 1 to 10 figures, every style", () => {
    const rng = rngFor(17, 0);
    const u = () => uniform01(rng);
    const wrong: string[] = [];
    let checked = 0;
    for (let i = 0; i < 3000; i++) {
      const magnitude = 10 ** (60 * u() - 30);
      // whole numbers, round powers of ten and values that round up to the next decade, too
      const kinds = [
        magnitude,
        Math.round(magnitude * 1e3),
        10 ** Math.round(60 * u() - 30),
        9.9996 * magnitude,
      ];
      const x = (u() < 0.5 ? -1 : 1) * kinds[i % kinds.length]!;
      const significant = 1 + Math.floor(10 * u());
      if (x === 0) continue; // zero is "0" (checked in format.test.ts); rounding may make -0 here
      for (const style of STYLES) {
        const text = formatNumber(x, significant, style);
        const exact = style.exactIntegers && Number.isInteger(x) && Math.abs(x) < 1e6;
        // x rounded to `significant` figures, as JavaScript's own toPrecision rounds it
        const expected = exact ? x : Number(x.toPrecision(significant));
        if (!/^-?\d+(\.\d+)?(e[+-]?\d+)?$/.test(text) || Number(text) !== expected)
          wrong.push(`${x} to ${significant} ${JSON.stringify(style)}: ${text}`);
        checked++;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(2000 * STYLES.length);
  });

  it("never strips an exponent's zero: 19,632,062,464 MACs (VGG-19) is 1.963e+10, not 1.963e+1", () => {
    expect(formatNumber(19_632_062_464, 4, { trim: true, plusSign: true })).toBe("1.963e+10");
    expect(formatNumber(1e10, 4, { trim: true, plusSign: true })).toBe("1.000e+10");
    expect(formatNumber(1e20, 3, { trim: true })).toBe("1.00e20"); // exponent notation keeps its digits
    expect(formatNumber(1.5e10, 2)).toBe("1.5e10");
    expect(formatNumber(2.5e-10, 4, { plusSign: true })).toBe("2.500e-10");
    expect(formatNumber(0.25, 3, { trim: true })).toBe("0.25");
    expect(formatNumber(1000, 3, { trim: true })).toBe("1000"); // zeros before the point are digits
    expect(formatCell(0.5)).toBe("0.5");
    expect(formatCell(4567)).toBe("4567"); // counts exactly
    expect(formatCell(9.02e10)).toBe("9.02e+10");
    expect(formatCell(Number.POSITIVE_INFINITY)).toBe("inf");
    expect(formatCell(null)).toBe("-");
  });
});
