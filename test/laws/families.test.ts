import { describe, expect, it } from "vitest";
import { evaluateLaw } from "../../src/laws/evaluateLaw.js";
import { FAMILIES, FAMILY_NAMES } from "../../src/laws/families.js";
import { lawPreset } from "../../src/laws/presets/index.js";
import { threeRegionBoundaries } from "../../src/laws/threeRegion.js";

const POINTS: Record<string, [number, number][]> = {
  x: [
    [1e6, 1],
    [3e8, 1],
    [7e10, 1],
  ],
  nd: [
    [7e7, 2e9],
    [1e9, 2e10],
    [7e10, 1.4e12],
  ],
};

const PARAMS: Record<string, Record<string, number>> = {
  power: { alpha: 13, beta: -0.066, gamma: 0.5 },
  "power-no-floor": { alpha: 13, beta: -0.066 },
  "three-region": { plateau: 4, alpha: 13, beta: -0.1, gamma: 0.8 },
  chinchilla: { E: 1.82, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 },
  "kaplan-nd": { Nc: 6.4e13, Dc: 1.8e13, alphaN: 0.076, alphaD: 0.103 },
  "kaplan-ns": { Nc: 6.5e13, Sc: 2.1e3, alphaN: 0.077, alphaS: 0.76 },
  "broken-power": { a: 0.5, b: 10, c0: 0.1, c1: 0.4, d1: 3e8, f1: 0.5 },
};

describe("the family registry", () => {
  it("each family is registered under its own name, with inputs that match its kind", () => {
    const inputsOf = { curve: ["x"], nd: ["n", "d"], ns: ["n", "s"] };
    for (const [name, family] of Object.entries(FAMILIES)) {
      expect(family.name).toBe(name);
      expect(family.inputs).toEqual(inputsOf[family.kind]);
    }
    expect(FAMILY_NAMES).toEqual(Object.keys(FAMILIES));
  });

  it("floors are the published irreducible terms: E (Chinchilla), gamma (HAD19 with floor), 0 otherwise", () => {
    expect(FAMILIES.chinchilla.floor(PARAMS.chinchilla!)).toBe(1.82);
    expect(FAMILIES.power.floor(PARAMS.power!)).toBe(0.5);
    expect(FAMILIES["three-region"].floor(PARAMS["three-region"]!)).toBe(0.8);
    expect(FAMILIES["power-no-floor"].floor(PARAMS["power-no-floor"]!)).toBe(0);
    expect(FAMILIES["kaplan-nd"].floor(PARAMS["kaplan-nd"]!)).toBe(0);
  });
});

describe("law families", () => {
  for (const family of Object.values(FAMILIES)) {
    const pts =
      family.inputs.length === 2
        ? family.name === "kaplan-ns"
          ? POINTS.nd!.map(([n]) => [n, 3e4] as [number, number])
          : POINTS.nd!
        : POINTS.x!;
    it(`${family.name}: analytic gradient of log y matches central finite differences`, () => {
      const theta = family.toInternal(PARAMS[family.name]!);
      const grad = new Float64Array(theta.length);
      for (const [a, b] of pts) {
        const u = Math.log(a);
        const v = Math.log(b);
        family.logPredict(theta, u, v, grad);
        for (let j = 0; j < theta.length; j++) {
          const h = 1e-6;
          const tp = Float64Array.from(theta);
          const tm = Float64Array.from(theta);
          tp[j]! += h;
          tm[j]! -= h;
          const fd = (family.logPredict(tp, u, v, null) - family.logPredict(tm, u, v, null)) / (2 * h);
          expect(grad[j]).toBeCloseTo(fd, 6);
        }
      }
    });
    it(`${family.name}: invert gives back the input at which the law takes a value`, () => {
      const p = PARAMS[family.name]!;
      for (const [a, b] of pts) {
        if (family.kind === "curve") {
          // a value on the falling part of the curve, above its floor
          const y = evaluateLaw(family, p, a);
          if (y - family.floor(p) > 1e-3 * y) expect(family.invert(p, y) / a).toBeCloseTo(1, 6);
        } else expect(family.invert(p, evaluateLaw(family, p, a, b), a) / b).toBeCloseTo(1, 6);
      }
      // a target at or below the floor is never reached
      expect(family.invert(p, family.floor(p), pts[0]![0])).toBe(Number.POSITIVE_INFINITY);
    });
    it(`${family.name}: toPublic inverts toInternal`, () => {
      const p = PARAMS[family.name]!;
      const back = family.toPublic(family.toInternal(p));
      for (const [k, v] of Object.entries(p)) expect(back[k]! / v).toBeCloseTo(1, 12);
    });
  }

  it("Chinchilla (Hoffmann) at N = 70e9, D = 1.4e12 gives 1.69 + 406.4/N^0.34 + 410.7/D^0.28 = 1.9367", () => {
    // by hand: 70e9^0.34 = e^(0.34·24.9717) = e^8.49037 = 4862.0 → 406.4/4862.0 = 0.08359
    //          1.4e12^0.28 = e^(0.28·27.9676) = e^7.83093 = 2515.4 → 410.7/2515.4 = 0.16327
    const p = lawPreset("chinchilla-hoffmann").params;
    expect(evaluateLaw(FAMILIES.chinchilla, p, 70e9, 1.4e12)).toBeCloseTo(1.69 + 0.08359 + 0.16327, 3);
  });

  it("Kaplan L(N, D) reduces to L(N) = (Nc/N)^alphaN as D → ∞ (eq. 1.5)", () => {
    const p = lawPreset("kaplan-nd").params;
    const n = 1e9;
    expect(evaluateLaw(FAMILIES["kaplan-nd"], p, n, 1e30)).toBeCloseTo((6.4e13 / n) ** 0.076, 6);
  });

  it("kaplan-n preset equals (8.8e13 / N)^0.076 (Kaplan eq. 1.1)", () => {
    const p = lawPreset("kaplan-n").params;
    expect(evaluateLaw(FAMILIES["power-no-floor"], p, 1e9)).toBeCloseTo((8.8e13 / 1e9) ** 0.076, 10);
  });

  it("three-region: plateau at small m, power law in the middle, floor at large m", () => {
    const p = PARAMS["three-region"]!;
    const fam = FAMILIES["three-region"];
    const b = threeRegionBoundaries(p as { plateau: number; alpha: number; beta: number; gamma: number });
    // boundaries by hand: (4/13)^(1/-0.1) = 3.25^10 = 1.3e5 ; (0.8/13)^(-10) = 16.25^10 = 1.29e12
    expect(b.smallData).toBeCloseTo(3.25 ** 10, -2);
    expect(b.irreducible / 16.25 ** 10).toBeCloseTo(1, 10);
    expect(evaluateLaw(fam, p, 1)).toBeCloseTo(4 + 0.8, 2);
    const mid = 1e10; // deep in the power-law region (13·m^−0.1 = 1.3, well below the plateau 4): ≈ 1.3 + 0.8
    expect(evaluateLaw(fam, p, mid) / (13 * mid ** -0.1 + 0.8)).toBeCloseTo(1, 2);
    expect(evaluateLaw(fam, p, 1e30)).toBeCloseTo(0.8 + 13 * 1e-3, 3);
  });
});
