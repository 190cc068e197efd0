import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { efficiencyOf } from "../../src/hardware/efficiency.js";
import { flashRateScale } from "../../src/hardware/flashShape.js";

/**
 * FlashAttention-2's forward + backward benchmark (flash-attention assets/flash2_a100_fwd_bwd_benchmark.png
 * and flash2_h100_fwd_bwd_benchmark.png at 4f285b35; TFLOP/s as labelled on the FlashAttention-2 bars).
 */
const A100 = {
  causal64: { 512: 88, 2048: 140, 16384: 171 },
  causal128: { 2048: 155, 16384: 189 },
  full64: { 16384: 176 },
  full128: { 16384: 203 },
};
const H100 = {
  causal64: { 512: 141, 16384: 284 },
  causal128: { 2048: 265 },
  full128: { 2048: 320 },
};
const relErr = (a: number, b: number) => Math.abs(a - b) / b;

describe("flash attention's rate by shape (FlashAttention-2 benchmark, A100 and H100)", () => {
  it("grows with the key sequence as s/(s + 545) under a causal mask", () => {
    // A100, head dim 128: 155 at 2k over 189 at 16k = 0.820; the law (2048/2593)/(16384/16929) = 0.816
    const at = (seq: number, headDim = 128) => ({ seq, headDim, causal: true });
    expect(relErr(flashRateScale(at(2048), at(16384)), 155 / 189)).toBeLessThan(0.01);
    // H100, head dim 64: 141 at 512 over 284 at 16k = 0.496; the law 0.4844/0.9678 = 0.501
    expect(relErr(flashRateScale(at(512, 64), at(16384, 64)), 141 / 284)).toBeLessThan(0.02);
    // A100, head dim 64: 88 at 512 over 140 at 2k = 0.629; the law 0.4844/0.7898 = 0.613
    expect(relErr(flashRateScale(at(512, 64), at(2048, 64)), 88 / 140)).toBeLessThan(0.03);
  });

  it("grows with the head dimension as d/(d + 20), and a causal mask costs more at short sequences", () => {
    // A100 at 16k without a mask: head dim 64 at 176 over 128 at 203 = 0.867; the law 0.7619/0.8649 = 0.881
    const full = (headDim: number, seq = 16384) => ({ seq, headDim, causal: false });
    expect(
      relErr(flashRateScale(full(64), full(128)), A100.full64[16384] / A100.full128[16384]),
    ).toBeLessThan(0.02);
    // H100, head dim 128 at 2k: causal 265 over full 320 = 0.828; the law 0.7898/0.9213 = 0.857
    const causal = { seq: 2048, headDim: 128, causal: true };
    expect(
      relErr(flashRateScale(causal, full(128, 2048)), H100.causal128[2048] / H100.full128[2048]),
    ).toBeLessThan(0.04);
  });

  it("the A100 catalog rate, measured by Azure at d 64 and 8k without a mask, lands on the benchmark's other bars", () => {
    // Azure's FA2 run: 179.5 TFLOP/s; the catalog's 0.65/0.55 of 312 combine over 1 + 2.5 FLOP to 179.4
    const a = efficiencyOf(accelerator("a100-80gb")).attention;
    const combined = (3.5 * 312) / (1 / a.flashForward + 2.5 / a.flashBackward);
    expect(combined).toBeCloseTo(179.4, 0);
    const ref = { seq: 8192, headDim: 64, causal: false };
    for (const [headDim, bars] of [
      [64, A100.causal64],
      [128, A100.causal128],
    ] as const)
      for (const [seq, tflops] of Object.entries(bars)) {
        const predicted = combined * flashRateScale({ seq: Number(seq), headDim, causal: true }, ref);
        // GPT training's shapes (causal, 512-16k, d 64 and 128) within 8% of the measured bars
        expect(relErr(predicted, tflops), `d ${headDim}, s ${seq}`).toBeLessThan(0.08);
      }
  });
});
