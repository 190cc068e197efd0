import { describe, expect, it } from "vitest";
import type { LayoutResult } from "../../src/parallel/evaluateLayout.js";
import { type FrameworkName } from "../../src/parallel/framework.js";
import { efficiencyGroup } from "../../src/parallel/frameworkRules.js";
import { type FitCase, fitFrameworks } from "../../src/validation/fitFrameworks.js";

/** A case whose model time is `kernelSeconds / k` and whose run took `kernelSeconds / truth`. */
const fitCase = (
  framework: FrameworkName,
  source: string,
  kernelSeconds: number,
  truth: number,
): FitCase => ({
  framework,
  source,
  evaluate: (k) => ({ feasible: true, step: { seconds: kernelSeconds / k } }) as unknown as LayoutResult,
  measuredSeconds: kernelSeconds / truth,
});

describe("fitFrameworks: one kernel efficiency per stack, from two sources or pooled", () => {
  it("recovers a stack's efficiency from cases of two sources (least squares on log ratios)", () => {
    // log(pred/meas) = log(truth/k): two cases at 0.8 and 0.9 → the geometric mean √0.72 = 0.8485
    const fit = fitFrameworks([fitCase("fsdp", "a", 10, 0.8), fitCase("fsdp", "b", 20, 0.9)]);
    expect(fit.kernelEfficiency.fsdp).toBeCloseTo(Math.sqrt(0.8 * 0.9), 4);
  });

  it("a stack with one source gets the pooled value", () => {
    const fit = fitFrameworks([
      fitCase("fsdp", "a", 10, 0.8),
      fitCase("fsdp", "b", 10, 0.8),
      fitCase("torchtitan", "c", 10, 0.5),
    ]);
    expect(fit.kernelEfficiency.torchtitan).toBeUndefined();
    // pooled over all three: (0.8 · 0.8 · 0.5)^(1/3) = 0.684
    expect(fit.pooled).toBeCloseTo(Math.cbrt(0.8 * 0.8 * 0.5), 4);
    expect(fit.profiles.torchtitan.kernelEfficiency).toBeCloseTo(fit.pooled, 6);
  });

  it("the XLA front ends share one value: a MaxText source and a T5X source are two sources", () => {
    expect(efficiencyGroup("t5x")).toBe("maxtext");
    expect(efficiencyGroup("fsdp")).toBe("fsdp");
    const fit = fitFrameworks([fitCase("maxtext", "a", 10, 0.9), fitCase("t5x", "b", 10, 0.7)]);
    const shared = Math.sqrt(0.9 * 0.7);
    for (const name of ["maxtext", "paxml", "t5x", "mesh-tensorflow"] as const)
      expect(fit.profiles[name].kernelEfficiency).toBeCloseTo(shared, 4);
  });

  it("NeMo shares Megatron-Core's value: the same models and kernels under another recipe layer", () => {
    expect(efficiencyGroup("nemo")).toBe("megatron-core");
    const fit = fitFrameworks([fitCase("megatron-core", "a", 10, 0.8), fitCase("nemo", "b", 10, 0.6)]);
    // one factor over both sources: √(0.8 · 0.6) = 0.6928
    expect(fit.profiles["megatron-core"].kernelEfficiency).toBeCloseTo(Math.sqrt(0.8 * 0.6), 4);
    expect(fit.profiles.nemo.kernelEfficiency).toBeCloseTo(Math.sqrt(0.8 * 0.6), 4);
  });
});
