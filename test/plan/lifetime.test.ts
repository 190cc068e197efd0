import { describe, expect, it } from "vitest";
import { FLOP_COSTS, lifetimeOptimum, smallestParams, tokensForLoss } from "../../src/plan/lifetime.js";

// Chinchilla coefficients as Sardana et al. use them (their repository's defaults)
const S = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.336, beta: 0.283 };
const loss = (n: number, d: number) => S.E + S.A / n ** S.alpha + S.B / d ** S.beta;

describe("iso-loss curve", () => {
  it("D(N) inverts L(N, D): D = (B / (L − E − A/N^α))^(1/β)", () => {
    const d = tokensForLoss(S, 7e9, 2.0);
    expect(loss(7e9, d)).toBeCloseTo(2.0, 12);
    // below (A/(L − E))^(1/α) parameters no amount of data reaches the loss
    const nMin = smallestParams(S, 2.0);
    expect(S.A / nMin ** S.alpha).toBeCloseTo(2.0 - S.E, 12);
    expect(tokensForLoss(S, nMin * 0.99, 2.0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("lifetimeOptimum", () => {
  it("without serving the optimum is Chinchilla's (least training compute at the loss)", () => {
    const r = lifetimeOptimum(S, { loss: 2.0, servedTokens: 0 });
    expect(r.optimum.params / r.chinchilla.params).toBeCloseTo(1, 4);
    expect(r.optimum.totalDollars / r.chinchilla.totalDollars).toBeCloseTo(1, 8);
  });

  it("the first-order condition holds at the optimum: d/dN [6·N·D(N) + 2·N·D_inf] = 0", () => {
    const served = 5e12;
    const r = lifetimeOptimum(S, { loss: 2.0, servedTokens: served });
    const n = r.optimum.params;
    // dD/dN from L(N, D) = L: β·B·D^(−β−1)·dD = −α·A·N^(−α−1)·dN
    const d = r.optimum.tokens;
    const dDdN = -((S.alpha * S.A * n ** (-S.alpha - 1)) / (S.beta * S.B * d ** (-S.beta - 1)));
    const derivative = 6 * d + 6 * n * dDdN + 2 * served;
    expect(Math.abs(derivative) / (6 * d)).toBeLessThan(1e-5);
    expect(n).toBeLessThan(r.chinchilla.params); // smaller and longer-trained (Sardana et al. §3)
    expect(d).toBeGreaterThan(r.chinchilla.tokens);
  });

  it("break-even: the smaller model's extra training cost over its serving saving per token", () => {
    const r = lifetimeOptimum(S, { loss: 2.0, servedTokens: 5e12, costs: FLOP_COSTS });
    const extra = r.optimum.trainDollars - r.chinchilla.trainDollars;
    const saving = 2 * r.chinchilla.params - 2 * r.optimum.params;
    expect(r.breakEvenServedTokens).toBeCloseTo(extra / saving, 0);
    expect(r.breakEvenServedTokens!).toBeLessThan(5e12);
    // the curve passes through the optimum's total and stays above it
    for (const p of r.curve)
      expect(p.totalDollars).toBeGreaterThanOrEqual(r.optimum.totalDollars * (1 - 1e-9));
  });

  it("needs a Chinchilla-form law and a reachable loss", () => {
    expect(() => lifetimeOptimum({ alpha: 0.3 }, { loss: 2, servedTokens: 1 })).toThrow(/law/);
    expect(() => lifetimeOptimum(S, { loss: 1.5, servedTokens: 1 })).toThrow(/target/);
  });
});
