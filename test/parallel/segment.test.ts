import { describe, expect, it } from "vitest";
import { at, buildSegment } from "../../src/parallel/segment.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { logitsLayer } from "../../src/workload/transformer/logitsLayer.js";
import { mlpLayer } from "../../src/workload/transformer/mlpLayer.js";
import { normLayer } from "../../src/workload/transformer/normLayer.js";

const H = 1024;
const S = 512;
const ctx = { bytesPerElement: 2, hidden: H, heads: 8, seq: S, dropout: false, tokensPerSample: S };
const norm = (kind: "rmsnorm" | "layernorm", rows: number) =>
  normLayer({ name: "norm", rows, width: H, kind, bytes: 2, placement: "block-first" });

/** A GELU MLP (h → 4h → h, no bias or dropout) as one segment. */
const geluMlpSegment = () => {
  const mlp = (rows: number) =>
    mlpLayer({
      name: "mlp",
      rows,
      hidden: H,
      ffn: 4 * H,
      mlp: "gelu",
      bias: false,
      dropout: false,
      bytes: 2,
    });
  return buildSegment([mlp(S)], [mlp(2 * S)], ctx);
};

describe("buildSegment: eager and fused memory-bound bytes", () => {
  it("an RMSNorm moves its eager composite's bytes unfused and one pass fused", () => {
    const seg = buildSegment([norm("rmsnorm", S)], [norm("rmsnorm", 2 * S)], ctx);
    // eager: 36 B forward and 104 B backward per element (eagerKernels.ts), per sample of S·H elements
    expect(at(seg.memory.replicated.forward, 1)).toBeCloseTo(36 * S * H, 3);
    expect(at(seg.memory.replicated.backward, 2)).toBeCloseTo(2 * 104 * S * H, 3);
    // fused: read x (2 B) and γ once, write y (2 B)
    expect(at(seg.memoryFused.replicated.forward, 1)).toBeCloseTo(4 * S * H + 2 * H, 3);
    expect(seg.kernels).toEqual({ unfused: 6, fused: 1 });
  });

  it("a LayerNorm is one native kernel either way", () => {
    const seg = buildSegment([norm("layernorm", S)], [norm("layernorm", 2 * S)], ctx);
    expect(at(seg.memory.replicated.forward, 1)).toBeCloseTo(at(seg.memoryFused.replicated.forward, 1), 3);
    expect(seg.kernels).toEqual({ unfused: 1, fused: 1 });
  });

  it("the head records its loss's logits per micro-batch and its largest tensor besides the loss", () => {
    const head = (rows: number) =>
      logitsLayer({
        name: "logits",
        rows,
        hidden: H,
        vocab: 1000,
        tied: true,
        bias: false,
        mlmTransform: false,
        bytes: 2,
      });
    const seg = buildSegment([head(S)], [head(2 * S)], ctx);
    expect(at(seg.lossLogits, 1)).toBeCloseTo(S * 1000, 6);
    expect(at(seg.lossLogits, 3)).toBeCloseTo(3 * S * 1000, 6);
    // the fp32 loss's tensor is 4 B per logit; besides it the 16-bit logits, 2 B per logit
    expect(seg.largestOutput).toBe(4 * S * 1000);
    expect(seg.largestOutputBesidesLoss).toBe(2 * S * 1000);
  });

  it("ops at the block's width h (the residual add after the row-parallel GEMM) are replicated, the rest split", () => {
    const seg = geluMlpSegment();
    // residual add: reads two S·H tensors and writes one, 2 B each: 6·S·H forward, on every tp rank
    // without sequence parallelism (Korthikanti et al. 2022 §4.2.1)
    expect(at(seg.memory.replicated.forward, 1)).toBeCloseTo(6 * S * H, 3);
    // GELU on the S·4H hidden activations: read and write, 2 B each: 16·S·H, split over tp
    expect(at(seg.memory.split.forward, 1)).toBeCloseTo(16 * S * H, 3);
  });

  it("fused into the matmul before it (XLA's output fusion), GELU costs nothing and the residual add one read", () => {
    const seg = geluMlpSegment();
    // GELU runs on the up-projection's S·4H result on chip: no pass of its own
    expect(at(seg.memoryIntoMatmul.split.forward, 1)).toBeCloseTo(0, 6);
    expect(at(seg.memoryIntoMatmul.split.backward, 1)).toBeCloseTo(0, 6);
    // the residual add after the down-projection reads the residual stream (S·H at 2 B) and writes
    // nothing of its own: 2·S·H of the 6·S·H it moves on its own; the backward in the same proportion
    expect(at(seg.memoryIntoMatmul.replicated.forward, 1)).toBeCloseTo(2 * S * H, 3);
    expect(at(seg.memoryIntoMatmul.replicated.backward, 2)).toBeCloseTo(
      at(seg.memory.replicated.backward, 2) / 3,
      3,
    );
  });

  it("the GEMMs back to the block's width (attention output, second MLP matrix) are row-parallel", () => {
    // square attention (heads · head dim = hidden): QKV h → 3h, output h → h, MLP h → 4h → h
    const p = stepProfile(
      { family: "decoder", layers: 2, hidden: 256, heads: 4, vocab: 1000, seq: 128 },
      { precision: "bf16" },
    );
    const weights = p.block.gemms.filter((g) => !g.batched);
    const flags = weights.map((g) => [Math.round(g.n / 256), Math.round(g.k / 256), g.rowParallel]);
    expect(flags).toEqual([
      [3, 1, false],
      [1, 1, true],
      [4, 1, false],
      [1, 4, true],
    ]);
  });
});
