import { describe, expect, it } from "vitest";
import { lawFromJson } from "../../src/laws/lawJson.js";
import { InputError } from "../../src/units/InputError.js";

// A three-region fit whose floor vanishes in some resamples puts its irreducible boundary at infinity
// there: the boundary's standard error is infinite (JSON.stringify writes null), and the sweep's fit,
// which passes the document in memory, must read it back (regression: it refused "received Infinity").
const doc = (se: unknown) => ({
  law: "power-no-floor",
  status: "converged",
  params: {
    alpha: { value: 12.6, se: 0.4, ci95: [11, 12.9] },
    beta: { value: -0.065, se: 0.002, ci95: null },
  },
  derived: { boundary: { value: 3.2e5, se, ci95: [598, Infinity] } },
  diagnostics: { range: { x: [1e6, 6.31e8] } },
});

describe("lawFromJson", () => {
  it("reads an infinite spread (in memory) and its JSON null alike", () => {
    expect(lawFromJson(doc(Infinity), "sweep").params).toEqual({ alpha: 12.6, beta: -0.065 });
    expect(lawFromJson(JSON.parse(JSON.stringify(doc(Infinity))), "sweep").params.alpha).toBe(12.6);
  });
  it("still refuses a spread that is not a number, naming the field", () => {
    expect(() => lawFromJson(doc("wide"), "f.json")).toThrow(InputError);
    expect(() => lawFromJson(doc("wide"), "f.json")).toThrow(/derived\.boundary\.se/);
  });
});
