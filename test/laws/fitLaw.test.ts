import { describe, expect, it } from "vitest";
import { evaluateLaw } from "../../src/laws/evaluateLaw.js";
import { FAMILIES } from "../../src/laws/families.js";
import { fitLaw, type LawFit } from "../../src/laws/fitLaw.js";
import { threeRegionBoundaries } from "../../src/laws/threeRegion.js";

const logspace = (lo: number, hi: number, n: number) =>
  Float64Array.from({ length: n }, (_, i) => 10 ** (lo + ((hi - lo) * i) / (n - 1)));

describe("fitLaw", () => {
  it("three-region: recovers both boundaries from noiseless points and labels every point's region", () => {
    const truth = { plateau: 3, alpha: 40, beta: -0.35, gamma: 0.3 };
    // boundaries by hand: (3/40)^(1/−0.35) = 13.33^2.857 = 1.63e3; (0.3/40)^(1/−0.35) = 133.3^2.857 = 1.20e6
    const x = logspace(1, 8, 36);
    const y = x.map((m) => evaluateLaw(FAMILIES["three-region"], truth, m));
    const fit = fitLaw("three-region", { inputs: [x], y }, { bootstrap: 0 }) as LawFit;
    expect(fit.status).toBe("converged");
    expect(fit.derived.smallDataBoundary!.value / 1.63e3).toBeCloseTo(1, 1);
    expect(fit.derived.irreducibleBoundary!.value / 1.2e6).toBeCloseTo(1, 1);
    const b = threeRegionBoundaries(truth);
    const expected = Array.from(x, (m) =>
      m < b.smallData ? "small-data" : m > b.irreducible ? "irreducible" : "power-law",
    );
    expect(fit.diagnostics.regions).toEqual(expected);
  });

  it("power law with floor: recovers alpha, beta, gamma from noiseless points", () => {
    const x = logspace(3, 9, 20);
    const y = x.map((m) => 20 * m ** -0.3 + 0.5);
    const fit = fitLaw("power", { inputs: [x], y }, { bootstrap: 0 }) as LawFit;
    expect(fit.params.alpha!.value).toBeCloseTo(20, 4);
    expect(fit.params.beta!.value).toBeCloseTo(-0.3, 6);
    expect(fit.params.gamma!.value).toBeCloseTo(0.5, 6);
  });

  it("least squares on linear residuals is available and agrees on exact data", () => {
    const x = logspace(3, 9, 20);
    const y = x.map((m) => 20 * m ** -0.3 + 0.5);
    const fit = fitLaw(
      "power",
      { inputs: [x], y },
      { bootstrap: 0, objective: { loss: "squared", residual: "linear" } },
    ) as LawFit;
    expect(fit.params.gamma!.value).toBeCloseTo(0.5, 5);
  });

  it("the same seed gives the same bootstrap; another seed does not", () => {
    const x = logspace(3, 9, 15);
    const y = x.map((m, i) => (20 * m ** -0.3 + 0.5) * (1 + 0.02 * Math.cos(3 * i)));
    const a = fitLaw("power", { inputs: [x], y }, { bootstrap: 40, seed: 7 }) as LawFit;
    const b = fitLaw("power", { inputs: [x], y }, { bootstrap: 40, seed: 7 }) as LawFit;
    const c = fitLaw("power", { inputs: [x], y }, { bootstrap: 40, seed: 8 }) as LawFit;
    expect(a.bootstrap!.draws).toEqual(b.bootstrap!.draws);
    expect(c.bootstrap!.draws).not.toEqual(a.bootstrap!.draws);
  });
});
