import { describe, expect, it } from "vitest";
import { lossBytesPerLogit, lossKeptBytesPerLogit } from "../../src/parallel/lossTraffic.js";

describe("lossTraffic: a stack's loss against the fp32 cross-entropy the workload costs", () => {
  it("the fp32 loss without metrics moves and keeps nothing extra", () => {
    expect(lossBytesPerLogit(2, { crossEntropy: "fp32", trainMetricPasses: 0 })).toEqual({
      forward: 0,
      backward: 0,
    });
    expect(lossKeptBytesPerLogit(2, "fp32")).toBe(0);
  });

  it("fused, by hand (e = 2): forward 2 − 18 = −16, backward 4 − 22 = −18 bytes per logit", () => {
    // fp32 forward: read e + 8 = 10, write 8; backward: read 12, write 8 + e = 10
    expect(lossBytesPerLogit(2, { crossEntropy: "fused", trainMetricPasses: 0 })).toEqual({
      forward: -16,
      backward: -18,
    });
    // keeps the 16-bit logits (2) instead of the fp32 softmax (4)
    expect(lossKeptBytesPerLogit(2, "fused")).toBe(-2);
  });

  it("llm-foundry (fused loss, two train metrics): each metric is the fp32 forward again, 18 bytes", () => {
    // backward −18 + 2 × 18 = 18; in all 6 + 36 = 42 bytes per logit against the fp32 loss's 40
    const b = lossBytesPerLogit(2, { crossEntropy: "fused", trainMetricPasses: 2 });
    expect(b).toEqual({ forward: -16, backward: 18 });
    expect(40 + b.forward + b.backward).toBe(42);
  });
});
