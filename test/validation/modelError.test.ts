import { describe, expect, it } from "vitest";
import { errorStats } from "../../src/validation/errorStats.js";
import {
  errorSampleFor,
  modelErrorDistribution,
  sampleStepTimeFactor,
  stepTimeRatio,
} from "../../src/validation/modelError.js";

describe("the step-time model's error as data (issue 12 item 5)", () => {
  it("step-time ratios from a report row: rates invert, seconds do not", () => {
    // a rate predicted 10% high means the step was predicted 1/1.1 as long
    expect(stepTimeRatio({ metric: "mfu", measured: 0.4, predicted: 0.44 })).toBeCloseTo(1.1, 12);
    expect(stepTimeRatio({ metric: "step-seconds", measured: 11, predicted: 10 })).toBeCloseTo(1.1, 12);
  });

  it("per accelerator with enough cases, pooled otherwise; quantiles by type 7 (NumPy linear)", () => {
    const a = [-0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5].map((logRatio) => ({ accelerator: "a", logRatio }));
    const b = [0.05, 0.15].map((logRatio) => ({ accelerator: "b", logRatio }));
    const d = modelErrorDistribution([...a, ...b], 8);
    expect(Object.keys(d.byAccelerator)).toEqual(["a"]);
    expect(errorSampleFor(d, "b")).toBe(d.pooled);
    expect(d.pooled.n).toBe(10);
    // median of a: h = 0.5·7 = 3.5 → (0.1 + 0.2)/2 = 0.15; the factor is exp(0.15)
    expect(sampleStepTimeFactor(errorSampleFor(d, "a"), 0.5)).toBeCloseTo(Math.exp(0.15), 12);
    // the ends are the extreme residuals
    expect(sampleStepTimeFactor(d.byAccelerator["a"]!, 0)).toBeCloseTo(Math.exp(-0.2), 12);
    expect(sampleStepTimeFactor(d.byAccelerator["a"]!, 1)).toBeCloseTo(Math.exp(0.5), 12);
    // mean 0.15, sample sd of −0.2 … 0.5 in steps of 0.1: √(Σ(x − 0.15)²/7) = √(0.42/7)
    expect(d.byAccelerator["a"]!.sd).toBeCloseTo(Math.sqrt(0.42 / 7), 12);
  });

  it("error statistics never drop a failure", () => {
    expect(errorStats([1, -3, 2])).toEqual({ n: 3, meanAbsPct: 2, maxAbsPct: 3 });
    const f = errorStats([1, Number.NaN]);
    expect(f.failed).toBe(1);
    expect(Number.isNaN(f.meanAbsPct) && Number.isNaN(f.maxAbsPct)).toBe(true);
  });
});
