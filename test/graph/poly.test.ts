import { describe, expect, it } from "vitest";
import { Poly } from "../../src/graph/poly.js";

describe("Poly", () => {
  const b = Poly.sym("batch");
  const s = Poly.sym("sequence");
  it("adds, multiplies, prints by degree and evaluates", () => {
    // (2b·s + 3)·(s + 1) = 2b·s² + 2b·s + 3s + 3
    const p = b.mul(s).scale(2).add(3).mul(s.add(1));
    expect(p.toString()).toBe("2*batch*sequence^2 + 2*batch*sequence + 3*sequence + 3");
    expect(p.evaluate({ batch: 4, sequence: 10 })).toBe(2 * 4 * 100 + 2 * 4 * 10 + 30 + 3);
    expect(p.sub(p).isZero()).toBe(true);
    expect(() => p.evaluate({ batch: 1 })).toThrow(/sequence/);
    expect(p.evaluate({ batch: 1 }, 1)).toBe(2 + 2 + 3 + 3);
  });
  it("exact division and floor division", () => {
    expect(b.mul(s).scale(768).divExact(b.scale(12))!.toString()).toBe("64*sequence");
    expect(b.add(1).divExact(b)).toBeUndefined();
    // ⌊(2s + 5)/2⌋ = s + 2; ⌊(s + 1)/2⌋ is not a polynomial
    expect(s.scale(2).add(5).floorDiv(2)!.toString()).toBe("sequence + 2");
    expect(s.add(1).floorDiv(2)).toBeUndefined();
    expect(Poly.of(7).floorDiv(2)!.value).toBe(3);
  });
});

describe("Poly.hasNoNegativeCoefficient: a sign test that needs no evaluation", () => {
  it("true only when the constant and every coefficient are ≥ 0", () => {
    const b = Poly.sym("batch");
    const s = Poly.sym("seq");
    expect(Poly.of(0).hasNoNegativeCoefficient()).toBe(true);
    expect(Poly.of(-1).hasNoNegativeCoefficient()).toBe(false);
    expect(b.mul(s).scale(4).add(b).add(7).hasNoNegativeCoefficient()).toBe(true);
    // a convolution's d − 2: negative at d = 1, so it must be evaluated
    expect(s.add(-2).hasNoNegativeCoefficient()).toBe(false);
    // a negative coefficient on a later term, with a positive first one
    expect(b.scale(3).add(s.scale(-1)).hasNoNegativeCoefficient()).toBe(false);
    expect(b.scale(-3).add(s).hasNoNegativeCoefficient()).toBe(false);
  });
});
