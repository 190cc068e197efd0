import { describe, expect, it } from "vitest";
import { fitSteps } from "../../src/batch/fitSteps.js";
import { minimizeProfileSse } from "../../src/batch/profileNewton.js";
import { run } from "../cli/run.js";

// A fixed table: S(B) = 5000·(1 + 1000/B)·e^δ with δ written out (not random), 8 batch sizes.
const B = [64, 128, 256, 512, 1024, 2048, 4096, 8192];
const DELTA = [0.03, -0.02, 0.01, -0.04, 0.02, 0.0, -0.01, 0.03];
const S = B.map((b, i) => 5000 * (1 + 1000 / b) * Math.exp(DELTA[i]!));

/** Largest relative difference of two intervals' ends (equal ends, 0 or ∞ at a boundary, differ by 0). */
const rel = (a: [number, number], b: [number, number]) =>
  Math.max(...[0, 1].map((j) => (a[j] === b[j] ? 0 : Math.abs(a[j]! / b[j]! - 1))));

describe("S(B) bootstrap refitted from the optimum", () => {
  it("the point fit is SciPy's least-squares minimiser", () => {
    // peer: scipy 1.17 least_squares on r_i = θ₀ + logaddexp(0, θ₁ − log B_i) − log S_i from
    // (log 5000, log 1000), xtol = ftol = gtol = 1e-15: θ = (8.52574996, 6.8967533), S_min = 5042.9673896,
    // B_noise = 989.05832253, E_min = 4987788.86692439, SSE = 2·cost = 0.004263350757061969
    const f = fitSteps(B, S, { bootstrap: 0 });
    if (f.status !== "converged") throw new Error(f.reason);
    expect(f.sMin.value / 5042.9673896 - 1).toBeLessThan(1e-8);
    expect(Math.abs(f.bNoise.value / 989.05832253 - 1)).toBeLessThan(1e-8);
    expect(Math.abs(f.eMin.value / 4987788.86692439 - 1)).toBeLessThan(1e-8);
    // rmse = √(SSE/n) = √(0.004263350757/8)
    expect(f.rmseLog).toBeCloseTo(Math.sqrt(0.004263350757061969 / 8), 10);
    expect(f.starts).toEqual({ tried: 9, converged: 9, hits: 9 });
  });

  it("gives the intervals of the behaviour before (every resample refitted by the whole grid)", () => {
    const now = fitSteps(B, S, { bootstrap: 200, seed: 3 });
    const before = fitSteps(B, S, { bootstrap: 200, seed: 3, starts: "all" });
    if (now.status !== "converged" || before.status !== "converged") throw new Error("not converged");
    expect(now.bootstrap).toMatchObject({ refit: "optimum", used: 200 });
    expect(before.bootstrap).toMatchObject({ refit: "grid", used: 200 });
    for (const k of ["sMin", "bNoise", "eMin"] as const)
      expect(rel(now[k].ci95!, before[k].ci95!)).toBeLessThan(1e-7);
    // and the intervals hold the truth the table was drawn around (S_min 5000, B_noise 1000)
    expect(now.sMin.ci95![0]).toBeLessThan(5000);
    expect(now.sMin.ci95![1]).toBeGreaterThan(5000);
    expect(now.bNoise.ci95![0]).toBeLessThan(1000);
    expect(now.bNoise.ci95![1]).toBeGreaterThan(1000);
  });

  it("agrees with the grid where B_noise lies above the batches and resamples reach the boundary", () => {
    // B_noise = 10,000 far above the largest batch 256: about a quarter of the resamples fit best at
    // B_noise → ∞ (perfect scaling), so the upper end of B_noise's interval is ∞ in both
    const b = [16, 32, 64, 128, 256];
    const s = b.map((x, i) => 5000 * (1 + 10000 / x) * Math.exp(DELTA[i]!));
    const now = fitSteps(b, s, { bootstrap: 300, seed: 1 });
    const before = fitSteps(b, s, { bootstrap: 300, seed: 1, starts: "all" });
    if (now.status !== "converged" || before.status !== "converged") throw new Error("not converged");
    expect(now.bNoise.position).toBe("above");
    expect(now.bootstrap!.used).toBe(before.bootstrap!.used);
    expect(now.bNoise.ci95![1]).toBe(Infinity);
    for (const k of ["sMin", "bNoise", "eMin"] as const)
      expect(rel(now[k].ci95!, before[k].ci95!)).toBeLessThan(1e-7);
  });

  it("Newton on the profile SSE finds the minimiser from far away and stays put at it", () => {
    const logB = B.map(Math.log);
    const logS = S.map(Math.log);
    for (const start of [Math.log(30), Math.log(20000)]) {
      const m = minimizeProfileSse(logB, logS, start);
      expect(m.status).toBe("converged");
      expect(Math.abs(m.theta1 - 6.8967533)).toBeLessThan(1e-7); // SciPy's θ₁ above
      expect(m.sse).toBeCloseTo(0.004263350757061969, 12);
    }
  });

  it("batch --starts: a bad value is one line and exit 2", async () => {
    const r = await run(["batch", "t.csv", "--starts", "0"], { "t.csv": "batch,steps\n64,100\n128,60\n" });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--starts/);
  });
});
