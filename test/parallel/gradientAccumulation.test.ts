import { describe, expect, it } from "vitest";
import { gradientAccumulationBytesPerParam } from "../../src/parallel/gradientAccumulation.js";
import { layoutEvaluator } from "../../src/parallel/evaluateLayout.js";
import { SINGLE_DEVICE_LAYOUT } from "../../src/parallel/layout.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { toySystem } from "./toySystem.js";

describe("summing micro-batches' weight gradients (gradientAccumulation)", () => {
  it("a separate pass reads the new 16-bit gradient and reads and writes the accumulated one", () => {
    const separate = { gradientAccumulation: "separate" as const };
    // fp32 main gradients (Megatron's DDP hook into main_grad): 2 + 4 + 4
    expect(gradientAccumulationBytesPerParam({ ...separate, mainGradients: "fp32" }, "bf16", 1)).toBe(10);
    // 16-bit gradients (autograd's grad += new): 2 + 2 + 2; "fp32-bf16" is 16-bit under fp16
    expect(gradientAccumulationBytesPerParam({ ...separate, mainGradients: "16-bit" }, "bf16", 0)).toBe(6);
    expect(gradientAccumulationBytesPerParam({ ...separate, mainGradients: "fp32-bf16" }, "fp16", 0)).toBe(6);
    // fused into the weight-gradient GEMM, or sharded by ZeRO-2/3: nothing
    expect(gradientAccumulationBytesPerParam({ ...separate, mainGradients: "fp32" }, "bf16", 3)).toBe(0);
    expect(
      gradientAccumulationBytesPerParam({ gradientAccumulation: "fused", mainGradients: "fp32" }, "bf16", 1),
    ).toBe(0);
  });

  it("on the toy system a separate pass adds m · 10 B · parameters / 1 TB/s to the step, by hand", () => {
    const gpt = stepProfile({
      family: "decoder",
      layers: 4,
      hidden: 1024,
      heads: 16,
      vocab: 32000,
      seq: 1024,
    });
    const layout = SINGLE_DEVICE_LAYOUT;
    const time = (gradientAccumulation: "fused" | "separate") =>
      layoutEvaluator(gpt, toySystem({ gradientAccumulation, mainGradients: "fp32" }), { globalBatch: 8 })(
        layout,
      );
    const fused = time("fused");
    const separate = time("separate");
    if (!fused.feasible || !separate.feasible) throw new Error("the toy layout should fit");
    // 8 micro-batches × 10 bytes × every parameter on the one device, at 1 TB/s
    const expected = (8 * 10 * gpt.params.total) / 1e12;
    expect(separate.step.seconds - fused.step.seconds).toBeCloseTo(expected, 9);
    expect(separate.step.breakdown.memoryBound - fused.step.breakdown.memoryBound).toBeCloseTo(expected, 9);
  });
});
