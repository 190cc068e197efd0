import { describe, expect, it } from "vitest";
import { run } from "../cli/run.js";
import { brokenPowerLaw } from "../../src/laws/brokenPowerLaw.js";
import { evaluateLaw } from "../../src/laws/evaluateLaw.js";

// Caballero et al. 2023, 4-digit addition (their repository's noiseless simulation of Fig. 4 right):
// test cross-entropy against training dataset size
const ADDITION = {
  a: 0.41388453071629455,
  b: 2.2772722897737556,
  c0: 0.055077348404973955,
  c1: 5.662903816010331,
  d1: 612.5836172918001,
  f1: 0.059193036393742314,
};
const TRUTH = { a: 0.5, b: 10, c0: 0.1, c1: 0.4, d1: 1e6, f1: 0.5 };
const xs = Array.from({ length: 25 }, (_, i) => 10 ** (3 + (6 * i) / 24));

describe("broken power law (one break)", () => {
  it("at the break x = d1: a + b·d1^(−c0)·2^(−c1·f1), by hand", () => {
    // d1^(−c0) = e^(−0.055077·ln 612.58) = e^(−0.35347) = 0.70225; 2^(−c1·f1) = 2^(−0.33520) = 0.79267
    // y = 0.41388 + 2.27727·0.70225·0.79267 = 1.68153
    expect(evaluateLaw(brokenPowerLaw, ADDITION, ADDITION.d1)).toBeCloseTo(1.68153, 4);
  });

  it("far above the break it is a power law of exponent c0 + c1: y − a → b·d1^c1·x^−(c0+c1)", () => {
    // (1 + (x/d1)^(1/f1))^(−c1·f1) → (x/d1)^(−c1) once (x/d1)^(1/f1) ≫ 1: at x = 1e4·d1, 1e8 ≫ 1
    const x = 1e4 * TRUTH.d1;
    const above = evaluateLaw(brokenPowerLaw, TRUTH, x) - TRUTH.a;
    expect(above / (TRUTH.b * TRUTH.d1 ** TRUTH.c1 * x ** -(TRUTH.c0 + TRUTH.c1))).toBeCloseTo(1, 6);
  });

  it("fits (recovering every parameter from noiseless points on both sides of the break) and projects through the CLI", async () => {
    const csv = ["x,y", ...xs.map((x) => `${x},${evaluateLaw(brokenPowerLaw, TRUTH, x)}`)].join("\n");
    const r = await run(
      ["fit", "b.csv", "--law", "broken-power", "--bootstrap", "0", "--target", "0.6", "--json"],
      { "b.csv": csv },
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const [k, v] of Object.entries(TRUTH)) expect(out.params[k].value / v).toBeCloseTo(1, 2);
    const m = out.projection.data.value;
    // the projected data size is where the true curve reaches the target: y(m*) = 0.6
    expect(evaluateLaw(brokenPowerLaw, TRUTH, m)).toBeCloseTo(0.6, 3);
  });
});
