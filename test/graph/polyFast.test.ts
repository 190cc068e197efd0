import { describe, expect, it } from "vitest";
import { rngFor, uniform01 } from "../../src/fit/random.js";
import { Poly, polyProduct, polySum } from "../../src/graph/poly.js";

/**
 * A plain reference implementation of polynomials, written for this test from the definition: a map
 * from a canonical monomial key (symbols sorted, `s^p`) to a coefficient, every product expanded term
 * by term through a map of powers. It is the general algorithm scalecast's Poly used before its fast
 * paths (issue 17); Poly must agree with it on every operation.
 */
type Ref = Map<string, { coef: number; vars: [string, number][] }>;
const keyOf = (vars: [string, number][]) => vars.map(([s, p]) => (p === 1 ? s : `${s}^${p}`)).join("*");
function norm(terms: { coef: number; vars: [string, number][] }[]): Ref {
  const m: Ref = new Map();
  for (const t of terms) {
    const pow = new Map<string, number>();
    for (const [s, p] of t.vars) pow.set(s, (pow.get(s) ?? 0) + p);
    const vars = [...pow.entries()]
      .filter(([, p]) => p !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const k = keyOf(vars);
    const c = (m.get(k)?.coef ?? 0) + t.coef;
    if (c === 0) m.delete(k);
    else m.set(k, { coef: c, vars });
  }
  return m;
}
const refAdd = (a: Ref, b: Ref, sign = 1) =>
  norm([...a.values(), ...[...b.values()].map((t) => ({ coef: sign * t.coef, vars: t.vars }))]);
function refMul(a: Ref, b: Ref): Ref {
  const out: { coef: number; vars: [string, number][] }[] = [];
  for (const x of a.values())
    for (const y of b.values()) {
      const pow = new Map<string, number>(x.vars);
      for (const [s, p] of y.vars) pow.set(s, (pow.get(s) ?? 0) + p);
      out.push({ coef: x.coef * y.coef, vars: [...pow.entries()] });
    }
  return norm(out);
}
function refString(a: Ref): string {
  if (a.size === 0) return "0";
  const deg = (v: [string, number][]) => v.reduce((s, [, p]) => s + p, 0);
  const list = [...a.entries()].sort(
    ([ka, x], [kb, y]) => deg(y.vars) - deg(x.vars) || (ka < kb ? -1 : ka > kb ? 1 : 0),
  );
  return list
    .map(([k, t], i) => {
      const sign = t.coef < 0 ? (i === 0 ? "-" : " - ") : i === 0 ? "" : " + ";
      const c = Math.abs(t.coef);
      return sign + (k === "" ? String(c) : c === 1 ? k : `${c}*${k}`);
    })
    .join("");
}
function refEval(a: Ref, dims: Record<string, number>): number {
  let s = 0;
  for (const t of a.values()) s += t.vars.reduce((v, [x, p]) => v * dims[x]! ** p, t.coef);
  return s;
}

const SYMBOLS = ["batch", "sequence", "heads", "?x#1"];

/** A random polynomial (0 to 3 terms, up to 2 symbols per term, small integer coefficients) and its reference. */
function randomPoly(rng: ReturnType<typeof rngFor>): [Poly, Ref] {
  const pick = (n: number) => Math.floor(uniform01(rng) * n);
  const terms: { coef: number; vars: [string, number][] }[] = [];
  let p = Poly.of(0);
  for (let t = pick(4); t > 0; t--) {
    const coef = pick(7) - 3;
    const vars: [string, number][] = [];
    let term = Poly.of(coef);
    for (let v = pick(3); v > 0; v--) {
      const s = SYMBOLS[pick(SYMBOLS.length)]!;
      const pow = 1 + pick(2);
      vars.push([s, pow]);
      for (let k = 0; k < pow; k++) term = term.mul(Poly.sym(s));
    }
    terms.push({ coef, vars });
    p = p.add(term);
  }
  return [p, norm(terms)];
}

describe("Poly's fast paths agree with a plain reference implementation (seeded random polynomials)", () => {
  it("add, sub, scale, mul, sums and products: same terms, same values, 1,000 pairs", () => {
    const rng = rngFor(17, 0);
    const dims = { batch: 3, sequence: 7, heads: 2, "?x#1": 5 };
    const bad: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const [a, ra] = randomPoly(rng);
      const [b, rb] = randomPoly(rng);
      const k = Math.floor(uniform01(rng) * 9) - 4;
      const cases: [string, Poly, Ref][] = [
        ["a", a, ra],
        ["a+b", a.add(b), refAdd(ra, rb)],
        ["a-b", a.sub(b), refAdd(ra, rb, -1)],
        ["a*k", a.scale(k), refMul(ra, norm([{ coef: k, vars: [] }]))],
        ["a*b", a.mul(b), refMul(ra, rb)],
        ["a*a*b", polyProduct([a, a, b]), refMul(refMul(ra, ra), rb)],
        ["a+b+a*b", polySum([a, b, a.mul(b)]), refAdd(refAdd(ra, rb), refMul(ra, rb))],
        ["a+k", a.add(k), refAdd(ra, norm([{ coef: k, vars: [] }]))],
      ];
      for (const [what, p, r] of cases) {
        const constant = r.size === 0 ? 0 : r.size === 1 && r.has("") ? r.get("")!.coef : undefined;
        const symbols = [...new Set([...r.values()].flatMap((t) => t.vars.map(([s]) => s)))].sort();
        const got = [p.toString(), p.evaluate(dims), p.isZero(), p.value, p.symbols().join(",")];
        const want = [refString(r), refEval(r, dims), r.size === 0, constant, symbols.join(",")];
        if (JSON.stringify(got) !== JSON.stringify(want))
          bad.push(
            `${what} with a = ${refString(ra)}, b = ${refString(rb)}, k = ${k}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`,
          );
      }
      if (!a.mul(b).equals(b.mul(a)) || !a.add(b).sub(b).equals(a))
        bad.push(`commutativity / inverse for ${a}, ${b}`);
    }
    expect(bad).toEqual([]);
  });

  it("exact division undoes multiplication by a constant or a single term", () => {
    const rng = rngFor(17, 1);
    const pick = (n: number) => Math.floor(uniform01(rng) * n);
    const bad: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const [a] = randomPoly(rng);
      // a non-zero constant, or one term c·x^p·y^q
      let d = Poly.of(pick(2) ? 1 + pick(5) : -1 - pick(5));
      if (pick(2)) for (let v = 1 + pick(2); v > 0; v--) d = d.mul(Poly.sym(SYMBOLS[pick(SYMBOLS.length)]!));
      if (a.mul(d).divExact(d)?.toString() !== a.toString()) bad.push(`(${a}) * (${d}) / (${d})`);
      // with a constant added, a multiple of a symbolic term is no longer divisible by it
      if (d.value === undefined && a.mul(d).add(1).divExact(d) !== undefined) bad.push(`(${a}) * (${d}) + 1`);
    }
    expect(bad).toEqual([]);
    // by hand: (6·b·s² + 4·s) / (2·s) = 3·b·s + 2, and b + 1 is not divisible by b
    const b = Poly.sym("b");
    const s = Poly.sym("s");
    expect(b.mul(s).mul(s).scale(6).add(s.scale(4)).divExact(s.scale(2))!.toString()).toBe("3*b*s + 2");
    expect(b.add(1).divExact(b)).toBeUndefined();
  });
});
