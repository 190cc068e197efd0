import { describe, expect, it } from "vitest";
import { lawPreset } from "../../src/laws/presets/index.js";
import { chinchillaOptimal } from "../../src/laws/chinchilla.js";
import { numericOptimal, optimalForTarget } from "../../src/project/computeOptimal.js";

const C = 6 * 70e9 * 1.4e12; // 5.88e23 FLOP, Chinchilla's own budget

describe("compute-optimal allocation", () => {
  it("Epoch's parameters at C = 5.88e23: N = 7.31e10, D = 1.34e12, D/N = 18.3 (REFERENCE (e)), within 1%", () => {
    const a = chinchillaOptimal(lawPreset("chinchilla-epoch").params, C);
    expect(a.params / 7.31e10).toBeCloseTo(1, 1);
    expect(Math.abs(a.params / 7.31e10 - 1)).toBeLessThan(0.01);
    expect(Math.abs(a.tokens / 1.34e12 - 1)).toBeLessThan(0.01);
    expect(Math.abs(a.tokens / a.params / 18.3 - 1)).toBeLessThan(0.01);
  });

  it("Hoffmann's rounded parameters at C = 5.88e23: N = 3.25e10, D = 3.02e12, D/N = 92.8, within 1%", () => {
    const a = chinchillaOptimal(lawPreset("chinchilla-hoffmann").params, C);
    expect(Math.abs(a.params / 3.25e10 - 1)).toBeLessThan(0.01);
    expect(Math.abs(a.tokens / 3.02e12 - 1)).toBeLessThan(0.01);
    expect(Math.abs(a.tokens / a.params / 92.8 - 1)).toBeLessThan(0.01);
  });

  it("Hoffmann's unrounded parameters give D/N = 59.0 (REFERENCE (e))", () => {
    const p = {
      A: Math.exp(6.0073404),
      B: Math.exp(6.0179186),
      E: Math.exp(0.5267228),
      alpha: 0.33917084,
      beta: 0.2849083,
    };
    const a = chinchillaOptimal(p, C);
    expect(Math.abs(a.tokens / a.params / 59.0 - 1)).toBeLessThan(0.01);
  });

  it("the numeric search agrees with the closed form, and C = 6ND holds", () => {
    const p = lawPreset("chinchilla-epoch").params;
    for (const c of [1e18, 1e21, C, 1e26]) {
      const closed = chinchillaOptimal(p, c);
      const numeric = numericOptimal("chinchilla", p, c);
      expect(numeric.params / closed.params).toBeCloseTo(1, 6);
      expect((6 * numeric.params * numeric.tokens) / c).toBeCloseTo(1, 10);
    }
  });

  it("Kaplan L(N, D): larger budgets buy larger models, N growing slower than C", () => {
    const p = lawPreset("kaplan-nd").params;
    const a = numericOptimal("kaplan-nd", p, 1e21);
    const b = numericOptimal("kaplan-nd", p, 1e23);
    expect(b.params / a.params).toBeGreaterThan(1);
    expect(b.params / a.params).toBeLessThan(100);
    expect(b.loss).toBeLessThan(a.loss);
  });

  it("the least compute for a target reaches exactly that loss; a target below E is unreachable", () => {
    const p = lawPreset("chinchilla-epoch").params;
    const a = optimalForTarget("chinchilla", p, 2.0)!;
    expect(a.loss).toBeCloseTo(2.0, 9);
    expect(optimalForTarget("chinchilla", p, 1.8)).toBeNull();
  });
});
