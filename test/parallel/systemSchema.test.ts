import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { bindSystem, systemFor } from "../../src/parallel/systemFor.js";
import { DEFAULT_MEMORY_RESERVE, parseSystem } from "../../src/parallel/systemSchema.js";
import { InputError } from "../../src/units/InputError.js";

describe("a system is one value", () => {
  it("the catalog makes one; it survives JSON and parses back equal", () => {
    const s = systemFor(accelerator("h100-sxm"));
    expect(s.framework.name).toBe("megatron-core");
    expect(s.memoryReserve).toEqual(DEFAULT_MEMORY_RESERVE.gpu);
    expect(parseSystem(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(systemFor(accelerator("tpu-v4")).framework.name).toBe("maxtext");
  });

  it("binding at a precision: peak, ceiling, achieved bandwidth, attention at 16-bit peak under fp8", () => {
    const s = systemFor(accelerator("h100-sxm"));
    const fp8 = bindSystem(s, "fp8");
    expect(fp8.peakFlopsPerSecond).toBe(1979e12);
    expect(fp8.attentionPeakFlopsPerSecond).toBe(989e12);
    expect(fp8.memoryBytesPerSecond).toBeCloseTo(3.35e12 * 0.887, 0);
    // Megatron-Core calls the Hopper kernels (FlashAttention-3 / cuDNN); TorchTitan calls FlashAttention-2
    expect(fp8.flashForward).toBe(0.6);
    expect(
      bindSystem({ ...s, framework: { ...s.framework, attentionKernel: "flash2" } }, "bf16").flashForward,
    ).toBe(0.35);
    // FlashAttention-1's CUDA kernels at 0.58 of FlashAttention-2 for 64-wide heads (its H100 bars in the
    // FlashAttention-2 benchmark: 0.54-0.59 from 2k to 16k): 0.35·0.58 forward, 0.3·0.58 backward, and
    // 0.72 of that for 128-wide heads (0.40-0.44 over 0.58)
    const fa1 = bindSystem({ ...s, framework: { ...s.framework, attentionKernel: "flash1" } }, "bf16");
    expect(fa1.flashForward).toBeCloseTo(0.203, 6);
    expect(fa1.flashBackward).toBeCloseTo(0.174, 6);
    expect(fa1.flashAtHeadDim128).toBe(0.72);
    // llm-foundry's Triton port (Dao 2023 §4.1: FlashAttention-2 "1.3-1.5x faster ... in the forward
    // pass and around 2x faster in the backward pass"): A100 0.65/1.4 = 0.4643 forward, 0.55/2 backward
    const triton = bindSystem(systemFor(accelerator("a100-80gb"), { framework: "fsdp" }), "bf16");
    expect(triton.flashForward).toBeCloseTo(0.4643, 4);
    expect(triton.flashBackward).toBeCloseTo(0.275, 10);
  });

  it("a file without efficiency gets the stated default; a bad field is an InputError naming it", () => {
    const s = systemFor(accelerator("t4"));
    const { efficiency: _drop, ...acc } = s.accelerator;
    const parsed = parseSystem({ ...s, accelerator: acc });
    expect(parsed.accelerator.efficiency.sources.gemm).toMatch(/assumption/);
    expect(() => parseSystem({ ...s, memoryReserve: { ...s.memoryReserve, fraction: 2 } })).toThrow(
      InputError,
    );
    expect(() => parseSystem({ ...s, memoryReserve: { ...s.memoryReserve, fraction: 2 } })).toThrow(
      /system\.memoryReserve\.fraction: got 2/,
    );
  });
});
