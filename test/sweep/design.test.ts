import { describe, expect, it } from "vitest";
import { designBatch } from "../../src/sweep/designBatch.js";
import { designLearningCurve, widthsFor } from "../../src/sweep/designLearningCurve.js";
import { batchWarnings, learningCurveWarnings } from "../../src/sweep/designWarnings.js";
import { logGrid } from "../../src/sweep/logGrid.js";
import { parseSweepFile, pointId } from "../../src/sweep/sweepFile.js";

describe("sweep designs", () => {
  it("log grids double from the first size and end on the last", () => {
    expect(logGrid(32, 1024)).toEqual([32, 64, 128, 256, 512, 1024]);
    expect(logGrid(100, 1000, 10)).toEqual([100, 1000]);
    expect(logGrid(10, 50)).toEqual([10, 20, 40, 50]);
  });

  it("a learning curve crosses every size with every width and seed", () => {
    const pts = designLearningCurve({ data: [400, 100, 200], widths: [8, 16], seeds: 2 });
    expect(pts).toHaveLength(3 * 2 * 2);
    expect(pts.map((p) => p.index)).toEqual([...pts.keys()]);
    expect(pts[0]).toMatchObject({ data: 100, width: 8, seed: 0, batch: 64, lr: 0.001, optimizer: "adam" });
    expect(new Set(pts.map((p) => p.id)).size).toBe(pts.length);
    expect(() => designLearningCurve({ data: [100, 100], widths: [8] })).toThrow(/--data.*each size once/);
  });

  it("bracketing keeps widths near a guessed p(m) line, at least three per size", () => {
    // data centre gm(100, 10000) = 1000, width centre gm(4..256) = 32; at m = 10000 the guess is
    // 32 * 10^0.75 = 180, so a factor-2 band keeps 128 and 256 and the nearest third, 64
    const o = { data: [100, 1000, 10000], widths: [4, 8, 16, 32, 64, 128, 256], bracket: 2 };
    expect(widthsFor(10000, o)).toEqual([64, 128, 256]);
    expect(widthsFor(1000, o)).toEqual([16, 32, 64]);
    expect(widthsFor(100, o)).toEqual([4, 8, 16]);
  });

  it("a batch design scales the learning-rate grid and adds the large-batch optimizers", () => {
    const pts = designBatch({
      batches: [8, 32, 128],
      lrs: [0.01, 0.1],
      lrScaling: "sqrt",
      largeBatch: { optimizers: { lars: [1, 10] }, count: 1 },
    });
    // sqrt scaling from the smallest batch: at 32 the grid is x2, at 128 x4
    expect(pts.filter((p) => p.batch === 32 && p.optimizer === "momentum").map((p) => p.lr)).toEqual([
      0.02, 0.2,
    ]);
    expect(pts.filter((p) => p.batch === 128 && p.optimizer === "momentum").map((p) => p.lr)).toEqual([
      0.04, 0.4,
    ]);
    expect(pts.filter((p) => p.optimizer === "lars").map((p) => [p.batch, p.lr])).toEqual([
      [128, 1],
      [128, 10],
    ]);
    expect(pts).toHaveLength(3 * 2 + 2);
    expect(pts[0]!.id).toBe(
      pointId({ data: 55000, width: 128, batch: 8, lr: 0.01, seed: 0, optimizer: "momentum" }),
    );
  });

  it("warns where a learning curve cannot identify the law", () => {
    const narrow = designLearningCurve({ data: [20, 50, 200, 400], widths: [16, 32] });
    const w = learningCurveWarnings(narrow, { paramsOf: (x) => 800 * x });
    // sizes at or past 100 (10 per class): 200 and 400, two of them and a 2x span
    expect(w.some((s) => /only 2 data size\(s\) at or above 100/.test(s))).toBe(true);
    expect(w.some((s) => /span 2x, less than a decade/.test(s))).toBe(true);
    expect(w.filter((s) => /2 width\(s\) tried/.test(s))).toHaveLength(4);
    // widths span 2x in parameters; HAD19's smallest betaP = 0.5 needs sqrt(400/20) = 4.47x
    expect(w.some((s) => /span 2x in parameters, less than the 4\.47x/.test(s))).toBe(true);
    const good = designLearningCurve({ data: logGrid(100, 12800), widths: logGrid(4, 256) });
    expect(learningCurveWarnings(good, { paramsOf: (x) => 800 * x })).toEqual([]);
  });

  it("warns where a batch sweep cannot show the regimes or the tuned rate", () => {
    const pts = designBatch({ batches: [16, 32, 64], lrs: [0.1, 0.3] });
    const w = batchWarnings(pts, "momentum");
    expect(w[0]).toMatch(/only 3 batch size/);
    expect(w[1]).toMatch(/span 4x, less than the 100x/);
    expect(w.filter((s) => /2 learning rate/.test(s))).toHaveLength(3);
  });
});

describe("sweep file schema", () => {
  const base = {
    schema: "scalecast.sweep/1",
    kind: "learning-curve",
    metric: "test_error",
    target: null,
    trainer: {},
    design: {},
    points: designLearningCurve({ data: [100, 200], widths: [8] }),
    warnings: [],
    cost: null,
  };
  it("accepts a designed sweep and fills the trainer defaults", () => {
    const s = parseSweepFile(base);
    expect(s.trainer).toMatchObject({ arch: "mlp", input: 28, epochs: 10, minSteps: 300, gnsEvery: 25 });
  });
  it("names the field that is wrong", () => {
    expect(() => parseSweepFile({ ...base, kind: "grid" })).toThrow(/sweep file\.kind/);
    expect(() => parseSweepFile({ ...base, points: [{ ...base.points[0]!, index: 3 }] })).toThrow(
      /points\[0\]\.index: got 3/,
    );
    expect(() =>
      parseSweepFile({ ...base, points: [base.points[0]!, { ...base.points[0]!, index: 1 }] }),
    ).toThrow(/id/);
    expect(() => parseSweepFile({ ...base, points: [{ ...base.points[0]!, lr: -1 }] })).toThrow(
      /points\.0\.lr/,
    );
    expect(() => parseSweepFile({ ...base, extra: 1 })).toThrow(/sweep file/);
    expect(() => parseSweepFile({ ...base, kind: "batch" })).toThrow(/target/);
  });
});
