import { describe, expect, it } from "vitest";
import type { BootstrapDraw } from "../../src/fit/bootstrap.js";
import { quantile, standardDeviation, summarizeDraws, summarizeParameters } from "../../src/fit/summary.js";

describe("quantile (type 7, NumPy default)", () => {
  it("matches NumPy: np.quantile([1, 2, 3, 4], 0.25) = 1.75, 0.5 → 2.5, 0 → 1, 1 → 4", () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 15);
    expect(quantile([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 15);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
  });

  it("matches the NumPy docs example: np.quantile([[10, 7, 4], [3, 2, 1]], 0.5) = 3.5", () => {
    expect(quantile([1, 2, 3, 4, 7, 10], 0.5)).toBeCloseTo(3.5, 15);
  });

  it("keeps infinite draws in order: np.quantile([1, 2, inf], 0.75) = inf, 0.5 → 2, 0.25 → 1.5", () => {
    // where NumPy would subtract two infinities (and give nan), the infinite order statistic is returned
    expect(quantile([1, 2, Infinity], 0.75)).toBe(Infinity);
    expect(quantile([1, 2, Infinity], 0.5)).toBe(2);
    expect(quantile([1, 2, Infinity], 0.25)).toBe(1.5);
    expect(quantile([-Infinity, 1, 2], 0.25)).toBe(-Infinity);
    expect(quantile([Infinity, Infinity], 0.3)).toBe(Infinity);
  });

  it("is NaN for no values and rejects p outside [0, 1]", () => {
    expect(quantile([], 0.5)).toBeNaN();
    expect(() => quantile([1], 1.5)).toThrow(/expected a number in \[0, 1\]/);
  });
});

describe("standardDeviation (ddof = 1)", () => {
  it("hand derivation: [2, 4, 4, 4, 5, 5, 7, 9] has mean 5, Σ(x − 5)² = 32, s = √(32/7)", () => {
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });

  it("is NaN with fewer than two values", () => {
    expect(standardDeviation([3])).toBeNaN();
  });
});

describe("summarizeDraws", () => {
  it("1 … 100 plus dropped draws: s = √(n(n+1)/12), 95% interval = type-7 2.5/97.5 quantiles", () => {
    const values: (number | null)[] = Array.from({ length: 100 }, (_, i) => i + 1);
    values.push(null, Number.NaN);
    const s = summarizeDraws(values.reverse());
    expect(s.n).toBe(100);
    expect(s.dropped).toBe(2);
    expect(s.se).toBeCloseTo(Math.sqrt((100 * 101) / 12), 12);
    // h = 99·0.025 = 2.475 → 3 + 0.475; h = 99·0.975 = 96.525 → 97 + 0.525.
    expect(s.ci95[0]).toBeCloseTo(3.475, 12);
    expect(s.ci95[1]).toBeCloseTo(97.525, 12);
  });
});

describe("summarizeParameters", () => {
  it("uses only converged draws", () => {
    const draws: BootstrapDraw[] = [
      { index: 0, theta: [1, 10], fx: 0, status: "converged" },
      { index: 1, theta: [3, 30], fx: 0, status: "converged" },
      { index: 2, theta: [100, 1000], fx: 0, status: "line-search-failed" },
    ];
    const [p0, p1] = summarizeParameters(draws, 2);
    expect(p0!.n).toBe(2);
    expect(p0!.dropped).toBe(1);
    expect(p0!.se).toBeCloseTo(Math.SQRT2, 14); // s of {1, 3} = √2
    expect(p1!.se).toBeCloseTo(10 * Math.SQRT2, 12);
  });
});
