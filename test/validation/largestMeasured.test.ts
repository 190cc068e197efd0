import { describe, expect, it } from "vitest";
import { largestMeasuredOn } from "../../src/validation/measuredLimitsTable.js";
import { CORPUS } from "../../src/validation/corpus.js";
import { beyondMeasuredWarning, largestMeasured } from "../../src/validation/largestMeasured.js";

describe("how far the validation corpus reaches per accelerator", () => {
  it("H100: Llama 3 405B's 16,384 GPUs (Dubey et al. 2024 Table 4); TPU v5e: MaxText's 32 × v5e-256", () => {
    expect(largestMeasured(CORPUS, "h100-sxm")!.devices).toEqual({
      value: 16384,
      case: "llama3-2024-405b-16384",
    });
    expect(largestMeasured(CORPUS, "tpu-v5e")!.devices.value).toBe(32 * 256);
    expect(largestMeasured(CORPUS, "no-such-chip")).toBeUndefined();
  });

  it("runs the model leaves out do not count: DeepSpeed's 2T with CPU offload is not the A100's largest model", () => {
    const a100 = largestMeasured(CORPUS, "a100-80gb")!;
    // Korthikanti et al. 2022 Table 3's 1T model (128 layers, hidden 25,600): 128·12·25600² ≈ 1.007e12
    expect(a100.params.case).toBe("korthikanti2022-1t-512-selective");
    expect(a100.params.value).toBeGreaterThan(128 * 12 * 25600 ** 2);
    expect(a100.params.value).toBeLessThan(1.01e12);
  });

  it("an export variant reads its parent's reach and says so", () => {
    expect(largestMeasuredOn("h800")).toBeNull(); // a bare name has no parent to fall back on
    expect(largestMeasuredOn({ name: "h800", variantOf: "h100-sxm" })).toMatchObject({
      on: "h100-sxm",
      devices: { value: 16384 },
    });
  });
});

describe("beyondMeasuredWarning", () => {
  const reach = {
    devices: { value: 512, case: "a" },
    params: { value: 7e10, case: "b" },
    seq: { value: 8192, case: "c" },
  };
  it("says nothing inside the range", () => {
    expect(beyondMeasuredWarning({ devices: 512, params: 7e10, seq: 8192 }, "x", reach)).toBeUndefined();
  });
  it("says so where the corpus has no run on the accelerator at all (TPU v3)", () => {
    expect(largestMeasuredOn("tpu-v3")).toBeNull();
    expect(beyondMeasuredWarning({ devices: 1, params: 1, seq: 1 }, "tpu-v3", null)).toMatch(
      /^no training run on tpu-v3 in the validation corpus: its step time is the model's alone/,
    );
    // a system calibrated on the user's own runs (scalecast calibrate) was checked against them
    expect(beyondMeasuredWarning({ devices: 1, params: 1, seq: 1 }, "my-chip", null, 6)).toBeUndefined();
  });
  it("names every axis past the range, with the largest measured and its case", () => {
    const w = beyondMeasuredWarning({ devices: 1024, params: 7e10, seq: 131072 }, "x", reach)!;
    expect(w).toMatch(/^beyond the validation corpus on x: 1,024 devices \(largest measured 512, a\); /);
    expect(w).toContain("131,072 tokens per sequence (largest measured 8,192, c)");
    expect(w).not.toContain("parameters");
    const v = beyondMeasuredWarning({ devices: 1, params: 4e11, seq: 1 }, "h800", { ...reach, on: "h100" })!;
    expect(v).toContain("on h100 (h800's compute): 4.00e+11 parameters (largest measured 7.00e+10, b)");
  });
});
