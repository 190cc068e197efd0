import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { collectDir } from "../../src/cli/sweep/collectCommand.js";
import { fitBatchSweepRuns } from "../../src/sweep/fitBatchSweepRuns.js";
import { fitLearningCurveSweep } from "../../src/sweep/fitLearningCurveSweep.js";

// The measured sweeps committed in examples/ (produced by the README's commands: MNIST, the built-in
// TensorFlow.js trainer). These assert what the issue asks of them, on the real measurements.
const LC = fileURLToPath(new URL("../../examples/sweep-mnist-learning-curve/results", import.meta.url));
const BATCH = fileURLToPath(new URL("../../examples/sweep-mnist-batch/results", import.meta.url));

describe.skipIf(!existsSync(LC))("measured learning curve (examples/sweep-mnist-learning-curve)", () => {
  const { collected } = collectDir(LC, "auto", 1);
  const f = fitLearningCurveSweep(collected.rows, { target: 0.04, bootstrap: 400 });

  it("has every point, and the fitted exponent has an interval inside HAD19's range", () => {
    expect(collected.missing).toEqual([]);
    expect(collected.failed).toEqual([]);
    if (f.curve.status !== "converged") throw new Error("learning curve did not converge");
    const beta = f.curve.params.beta!;
    expect(beta.ci95).not.toBeNull();
    expect(beta.ci95![0]).toBeLessThan(beta.value);
    expect(beta.ci95![1]).toBeGreaterThan(beta.value);
    expect(beta.ci95![1]).toBeLessThan(0); // falls with data
    expect(beta.value).toBeGreaterThan(-1);
  });

  it("shows the small-data region at the smallest sizes and the power law after it", () => {
    expect(f.best[0]!.region).toBe("small-data");
    expect(f.best.filter((b) => b.region === "power-law").length).toBeGreaterThanOrEqual(5);
  });

  it("fits p(m) with an interval; the best width grows far slower than HAD19's betaP >= 0.5 (reported, not hidden)", () => {
    if (f.modelSize?.status !== "converged") throw new Error("p(m) did not converge");
    const bp = f.modelSize.params.beta!;
    expect(bp.ci95).not.toBeNull();
    // the MLP's error falls with width at every size up to the widest tried (256), so the one-standard-
    // error rule picks 128 or 256 everywhere: the measured betaP lies below HAD19's [0.5, 1)
    expect(bp.ci95![1]).toBeLessThan(0.5);
    expect(f.warnings.some((w) => /largest tried/.test(w))).toBe(true);
  });

  it("projects a target error with intervals on data and model", () => {
    const p = f.projection!;
    expect(p.data.ci95).not.toBeNull();
    expect(p.model!.ci95).not.toBeNull();
    expect(p.data.value).toBeGreaterThan(8192);
  });
});

describe.skipIf(!existsSync(BATCH))("measured batch sweep (examples/sweep-mnist-batch)", () => {
  const { sweep, collected, outcomes } = collectDir(BATCH, "auto", 1);
  const runs = sweep.points.flatMap((p) => {
    const o = outcomes.get(p.id);
    return o?.status === "done" ? [{ point: p, rows: o.rows }] : [];
  });
  const f = fitBatchSweepRuns(sweep, runs, { bootstrap: 400 });

  it("finds the three regimes, with S_min and B_noise intervals", () => {
    expect(collected.failed).toEqual([]);
    if (f.analysis.status !== "converged") throw new Error("S(B) fit did not converge");
    expect(f.analysis.regimes.map((r) => r.name)).toEqual([
      "perfect-scaling",
      "diminishing-returns",
      "maximal-data-parallelism",
    ]);
    const { sMin, bNoise } = f.analysis.fit;
    expect(sMin.ci95![0]).toBeLessThan(sMin.value);
    expect(sMin.ci95![1]).toBeGreaterThan(sMin.value);
    expect(bNoise.ci95![0]).toBeLessThan(bNoise.value);
    expect(bNoise.ci95![1]).toBeGreaterThan(bNoise.value);
    // the batches tried reach both sides: perfect scaling at the smallest, maximal parallelism at the largest
    expect(f.analysis.perBatch[0]!.regime).toBe("perfect-scaling");
    expect(f.analysis.perBatch.at(-1)!.regime).toBe("maximal-data-parallelism");
  });

  it("puts B_simple from the gradient-noise logs next to B_noise", () => {
    expect(f.bSimple).not.toBeNull();
    expect(f.bSimple!.ci95).not.toBeNull();
    // McCandlish et al. report agreement within an order of magnitude; the issue asks for a factor 3, and
    // the estimate here (ten gradients at the same weights per window) is within it: 199 vs 138
    expect(f.ratio!).toBeGreaterThan(1 / 3);
    expect(f.ratio!).toBeLessThan(3);
  });

  it("compares LARS and LAMB with momentum at the two largest batches", () => {
    const opts = new Set(f.largeBatch.map((b) => b.optimizer));
    expect([...opts].sort()).toEqual(["lamb", "lars", "momentum"]);
    expect(f.largeBatch.every((b) => b.steps !== null)).toBe(true);
  });
});
