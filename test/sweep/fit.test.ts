import { describe, expect, it } from "vitest";
import type { RunRow } from "../../src/sweep/collectRuns.js";
import { designBatch } from "../../src/sweep/designBatch.js";
import { fitBatchSweepRuns } from "../../src/sweep/fitBatchSweepRuns.js";
import { fitLearningCurveSweep } from "../../src/sweep/fitLearningCurveSweep.js";
import type { MetricRow } from "../../src/sweep/metricLog.js";
import { pooledNoiseScale } from "../../src/sweep/pooledNoiseScale.js";
import { parseSweepFile } from "../../src/sweep/sweepFile.js";

describe("learning-curve sweep fit", () => {
  // A sweep drawn from a known three-region curve, eps(m) = softmin_5(0.9, 5 m^-0.35) + 0.005, in which
  // the best width is w*(m) = 4 * (m/100)^0.5 (HAD19 eq. 2 with betaP = 0.5, params = 10 w), and a
  // width off by a factor 2^k costs a relative 10% per k. The test set is taken as huge (se ~ 0).
  const eps = (m: number) => (0.9 ** -5 + (5 * m ** -0.35) ** -5) ** (-1 / 5) + 0.005;
  const widths = [2, 4, 8, 16, 32, 64, 128, 256];
  const data = [3, 10, 100, 400, 1600, 6400, 25600, 102400];
  const rows: RunRow[] = data.flatMap((m) =>
    widths.map((w) => {
      const best = m >= 100 ? 4 * Math.sqrt(m / 100) : 4;
      return {
        id: `${m}-${w}`,
        data: m,
        width: w,
        batch: 64,
        lr: 0.001,
        seed: 0,
        optimizer: "adam",
        test_error: eps(m) * (1 + 0.1 * Math.abs(Math.log2(w / best))),
        params: 10 * w,
        test_samples: 1e12,
      };
    }),
  );
  const f = fitLearningCurveSweep(rows, { target: 0.02, bootstrap: 200 });

  it("finds the best width per size and fits p(m) on the power-law region", () => {
    expect(f.best.map((b) => b.width)).toEqual([4, 4, 4, 8, 16, 32, 64, 128]);
    if (f.modelSize?.status !== "converged") throw new Error("p(m) did not converge");
    expect(f.modelSize.params.beta!.value).toBeCloseTo(0.5, 3);
    // the small-data boundary is where 5 m^-0.35 = 0.9: m = (5/0.9)^(1/0.35) = 134, so 100 is left out
    expect(f.modelSizeData).toEqual([400, 1600, 6400, 25600, 102400]);
    if (f.curve.status !== "converged") throw new Error("the learning curve did not converge");
    expect(f.curve.derived.smallDataBoundary!.value).toBeCloseTo((5 / 0.9) ** (1 / 0.35), -1);
  });

  it("recovers the exponent with an interval and places the small-data region", () => {
    if (f.curve.status !== "converged") throw new Error("the learning curve did not converge");
    const beta = f.curve.params.beta!;
    expect(beta.value).toBeCloseTo(-0.35, 2);
    expect(beta.ci95![0]).toBeLessThanOrEqual(-0.35 + 1e-3);
    expect(beta.ci95![1]).toBeGreaterThanOrEqual(-0.35 - 1e-3);
    expect(f.best[0]!.region).toBe("small-data"); // 5 * 3^-0.35 = 3.4 > plateau 0.9
    expect(f.best.at(-1)!.region).toBe("power-law");
  });

  it("projects a target with intervals: m* = ((0.02 - 0.005) / 5)^(1/-0.35)", () => {
    const p = f.projection!;
    const mStar = (0.015 / 5) ** (1 / -0.35);
    expect(p.data.value / mStar).toBeGreaterThan(0.97);
    expect(p.data.value / mStar).toBeLessThan(1.03);
    expect(p.data.ci95).not.toBeNull();
    // model p(m*) = sigma m*^0.5 with sigma = 40 / 100^0.5 = 4 parameters per sqrt(sample)
    expect(p.model!.value / (4 * Math.sqrt(mStar))).toBeCloseTo(1, 1);
    expect(p.model!.ci95).not.toBeNull();
  });
});

describe("batch sweep fit", () => {
  // Steps to target S(B) = 100 (1 + 256/B) at the best of three learning rates (the others take 1.5x
  // longer); gradient norms exact for |G|^2 = 1 and tr(Sigma) = 256 (B_simple = 256 = B_noise):
  // E|G_B|^2 = |G|^2 + tr(Sigma)/B (McCandlish et al. App. A.1).
  const points = designBatch({
    batches: [8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096],
    lrs: [0.01, 0.03, 0.1],
    largeBatch: { optimizers: { lars: [1, 3] }, count: 2 },
  });
  const sweep = parseSweepFile({
    schema: "scalecast.sweep/1",
    kind: "batch",
    metric: "val_error",
    target: 0.1,
    trainer: {},
    design: { optimizer: "momentum" },
    points,
    warnings: [],
    cost: null,
  });
  const runs = sweep.points.map((p) => {
    const base = 100 * (1 + 256 / p.batch);
    const s = Math.round(
      p.optimizer === "lars" ? base * (p.lr === 3 ? 0.8 : 1.2) : p.lr === 0.03 ? base : 1.5 * base,
    );
    const rows: MetricRow[] = [];
    for (let step = 1; step <= s; step++) {
      rows.push({ step, val_error: step < s ? 0.1 + (s - step) / s : 0.099 });
      if (step % 10 === 0)
        rows.push({
          step,
          b_small: p.batch,
          b_big: 10 * p.batch,
          g_small_sq: 1 + 256 / p.batch,
          g_big_sq: 1 + 256 / (10 * p.batch),
        });
    }
    return { point: p, rows };
  });
  const f = fitBatchSweepRuns(sweep, runs, { bootstrap: 200 });

  it("takes the best learning rate per batch and fits B_noise", () => {
    expect(f.perBatch.map((b) => b.lr)).toEqual(f.perBatch.map(() => 0.03));
    expect(f.perBatch.every((b) => !b.lrAtEdge)).toBe(true);
    if (f.analysis.status !== "converged") throw new Error("fit did not converge");
    expect(f.analysis.fit.bNoise.value / 256).toBeCloseTo(1, 1);
    expect(f.analysis.fit.sMin.value / 100).toBeCloseTo(1, 1);
    expect(f.analysis.regimes.map((r) => r.name)).toEqual([
      "perfect-scaling",
      "diminishing-returns",
      "maximal-data-parallelism",
    ]);
  });

  it("estimates B_simple from the gradient-noise rows next to B_noise", () => {
    expect(f.bSimple!.value).toBeCloseTo(256, 6);
    expect(f.ratio!).toBeGreaterThan(0.9);
    expect(f.ratio!).toBeLessThan(1.1);
  });

  it("compares LARS with momentum at the largest batches", () => {
    const at4096 = f.largeBatch.filter((b) => b.batch === 4096);
    expect(at4096.map((b) => [b.optimizer, b.steps])).toEqual([
      ["lars", Math.round(100 * (1 + 256 / 4096) * 0.8)],
      ["momentum", Math.round(100 * (1 + 256 / 4096))],
    ]);
  });
});

describe("pooled noise scale", () => {
  it("averages the two-batch estimates, then divides", () => {
    // two windows: |G|^2 estimates 1 and 3, tr(Sigma) estimates 100 and 300 -> 400 / 4 = 100
    const w = (g: number, t: number) => ({
      bSmall: 10,
      bBig: 100,
      gSmallSq: g + t / 10,
      gBigSq: g + t / 100,
    });
    expect(pooledNoiseScale([w(1, 100), w(3, 300)], { bootstrap: 0 })!.value).toBeCloseTo(100, 9);
    expect(pooledNoiseScale([w(-1, 100)])).toBeNull();
  });
});
