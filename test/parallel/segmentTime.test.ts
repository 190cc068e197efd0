import { describe, expect, it } from "vitest";
import { FP8_CAST_BYTES, segmentTime } from "../../src/parallel/segmentTime.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { toySystem } from "./toySystem.js";

const S = 2048;
const H = 4096;
const gpt = stepProfile({ family: "decoder", layers: 8, hidden: H, heads: 32, vocab: 51200, seq: S });
const split = {
  mb: 1,
  tp: 1,
  sp: false,
  cp: 1,
  ep: 1,
  experts: 1,
  flash: true,
  causal: true,
  seq: S,
  headDim: 128,
};
const split1 = split;

describe("segment time on the toy system (GEMMs at 50 TFLOP/s, attention at 50%, 1 TB/s)", () => {
  it("fused attention: the core FLOP, halved for the causal mask, forward and 2.5× backward", () => {
    // QKᵀ and PV: 2 × 2·s²·h FLOP per sample = 4·2048²·4096 = 6.87e10; causal half at 0.5 × 100 TFLOP/s
    const core = 4 * S * S * H;
    const t = segmentTime(gpt.block, toySystem(), split);
    expect(t.coreFlops).toBeCloseTo(core, -3);
    expect(t.attentionForward).toBeCloseTo((0.5 * core) / 50e12, 9);
    expect(t.attentionBackward).toBeCloseTo((2.5 * 0.5 * core) / 50e12, 9);
    // a non-causal (encoder) kernel runs the whole s×s
    expect(segmentTime(gpt.block, toySystem(), { ...split, causal: false }).attentionForward).toBeCloseTo(
      core / 50e12,
      9,
    );
  });

  it("fused attention on a GPU scales with its shape from where the device's fractions were measured", () => {
    // measured at 8,192 keys, head dim 128, no mask; run at 2,048, causal: flashShape.ts's law gives
    // (2048/2593)·(128/148) / ((8192/8367)·(128/148)) = 0.78982 / 0.97908 = 0.80670 of the rate
    const gpu = { ...toySystem(), flashMeasuredAt: { seq: 8192, headDim: 128, causal: false } };
    const core = 4 * S * S * H;
    const t = segmentTime(gpt.block, gpu, split);
    expect(t.attentionForward).toBeCloseTo((0.5 * core) / (50e12 * 0.8067), 6);
    // ring attention over cp 2: two calls of 1,024 keys each, (1024/1569) / (2048/2593) = 0.82633 of that
    const ring = segmentTime(gpt.block, gpu, { ...split, cp: 2 });
    expect(ring.attentionForward).toBeCloseTo((0.5 * core) / 2 / (50e12 * 0.8067 * 0.82633), 6);
  });

  it("an older attention kernel's own head-dimension trend: FlashAttention-1 at 96-wide heads", () => {
    // flashAtHeadDim128 0.72 (systemFor.ts OF_FLASH2): linear from d 64 (1) to d 128 (0.72), 0.86 at 96;
    // the toy has no shape law, so the rest of the rate is the fraction itself
    const fa1 = { ...toySystem(), flashAtHeadDim128: 0.72 };
    const core = 4 * S * S * H;
    expect(segmentTime(gpt.block, fa1, { ...split, headDim: 96 }).attentionForward).toBeCloseTo(
      (0.5 * core) / (50e12 * 0.86),
      6,
    );
    // and beyond 128 it holds at 0.72
    expect(segmentTime(gpt.block, fa1, { ...split, headDim: 256 }).attentionForward).toBeCloseTo(
      (0.5 * core) / (50e12 * 0.72),
      6,
    );
  });

  it("standard attention: batched GEMMs over every head (one launch each), no causal saving", () => {
    const t = segmentTime(gpt.block, toySystem(), { ...split, flash: false });
    // the toy GEMM takes 2·m·n·k·batch / 50e12: QKᵀ and PV are each 2·2048·2048·128·32 FLOP
    const one = (2 * S * S * 128 * 32) / 50e12;
    expect(t.attentionForward).toBeCloseTo(2 * one, 9);
    expect(t.attentionBackward).toBeCloseTo(4 * one, 9);
    // and the s×s softmax traffic joins the memory-bound time
    expect(t.memoryForward).toBeGreaterThan(segmentTime(gpt.block, toySystem(), split).memoryForward);
  });

  it("an eager stack's score masking moves its own bytes over the s×s scores, unfused standard attention only", () => {
    const eager = toySystem({ fusion: "none" });
    const standard = { ...split, flash: false };
    const base = segmentTime(gpt.block, eager, standard);
    const multiply = segmentTime(
      gpt.block,
      toySystem({ fusion: "none", scoreMasking: "divide-multiply" }),
      standard,
    );
    // 32 heads · 2048² scores per sample; divide-multiply moves 2e more than divide-add each way (e = 2)
    const scores = 32 * S * S;
    expect(multiply.memoryForward - base.memoryForward).toBeCloseTo((4 * scores) / 1e12, 9);
    expect(multiply.memoryBackward - base.memoryBackward).toBeCloseTo((4 * scores) / 1e12, 9);
    // masked-fill: 2e less forward and the same backward over the scores, plus Q's and K's divides
    // (2e read and written each, headDim/seq = 128/2048 elements per score element) both ways
    const fill = segmentTime(gpt.block, toySystem({ fusion: "none", scoreMasking: "masked-fill" }), standard);
    const qk = 2 * 4 * (128 / S) * scores;
    expect(fill.memoryForward - base.memoryForward).toBeCloseTo((-4 * scores + qk) / 1e12, 9);
    expect(fill.memoryBackward - base.memoryBackward).toBeCloseTo(qk / 1e12, 9);
    // fused stacks (one softmax pass) and flash attention (no s×s tensor) are untouched
    const fused = toySystem({ scoreMasking: "divide-multiply" });
    expect(segmentTime(gpt.block, fused, standard).memoryForward).toBe(
      segmentTime(gpt.block, toySystem(), standard).memoryForward,
    );
    expect(
      segmentTime(gpt.block, toySystem({ fusion: "none", scoreMasking: "divide-multiply" }), split)
        .memoryForward,
    ).toBe(segmentTime(gpt.block, eager, split).memoryForward);
  });

  it("tensor parallelism divides the weight GEMMs; context parallelism divides the tokens", () => {
    const t1 = segmentTime(gpt.block, toySystem(), split);
    const t8 = segmentTime(gpt.block, toySystem(), { ...split, tp: 8 });
    expect(t8.computeForward).toBeCloseTo(t1.computeForward / 8, 9);
    const c2 = segmentTime(gpt.block, toySystem(), { ...split, cp: 2 });
    expect(c2.forwardFlops).toBeCloseTo(t1.forwardFlops / 2, -3);
  });

  it("the column-split layers' backward GEMMs, the windows of Megatron-LM's async TP backward", () => {
    // tp 8: QKV (h → 3h) and MLP up (h → 4h) split their outputs; each backward GEMM is 2·s·h·(3h + 4h)/8
    // FLOP at 50 TFLOP/s, input gradient and weight gradient alike; no column-split layer at tp 1
    const t8 = segmentTime(gpt.block, toySystem(), { ...split, tp: 8 });
    // (the bias add rides with its GEMM: m·n FLOP beside 2·m·n·k, a factor 1 + 1/2h)
    const one = ((2 * S * H * 7 * H) / 8 / 50e12) * (1 + 1 / (2 * H));
    expect(t8.columnInputGradient).toBeCloseTo(one, 9);
    expect(t8.columnWeightGradient).toBeCloseTo(one, 9);
    expect(segmentTime(gpt.block, toySystem(), split).columnInputGradient).toBe(0);
  });

  it("fp8 adds the quantisation passes of every weight GEMM, by hand", () => {
    // unfused casts (eager): inputs 3 B and weights 3 B per element forward, gradients 4 B backward
    const eager = { fusion: "none" as const };
    const bf16 = segmentTime(gpt.block, toySystem(eager), split);
    const fp8 = segmentTime(gpt.block, { ...toySystem(eager), precision: "fp8" }, split);
    // GPT block GEMMs (m = 2048 tokens): QKV 4096→12288, out 4096→4096, up 4096→16384, down 16384→4096
    const gemms = [
      [4096, 12288],
      [4096, 4096],
      [4096, 16384],
      [16384, 4096],
    ];
    const fwd = gemms.reduce(
      (s, [k, n]) =>
        s +
        FP8_CAST_BYTES["transformer-engine"].input[0] * S * k! +
        FP8_CAST_BYTES["transformer-engine"].weight * k! * n!,
      0,
    );
    const bwd = gemms.reduce((s, [, n]) => s + FP8_CAST_BYTES["transformer-engine"].gradient[0] * S * n!, 0);
    expect(fp8.memoryForward - bf16.memoryForward).toBeCloseTo(fwd / 1e12, 6);
    expect(fp8.memoryBackward - bf16.memoryBackward).toBeCloseTo(bwd / 1e12, 6);
  });

  it("the MLP's output projection, the one GEMM only the block's final add reads, timed on its own", () => {
    // GPT block, h 4096, ffn 4h, s 2048: the second MLP GEMM is 2·s·4h·h FLOP and its bias s·h; timed
    // at the toy's 50 TFLOP/s
    const t = segmentTime(gpt.block, toySystem(), split);
    const flops = 2 * S * 4 * H * H + S * H;
    expect(t.blockEndFlops).toBe(flops);
    expect(t.blockEndForward).toBeCloseTo(flops / 50e12, 12);
  });

  it("fp8 with standard attention: the score and context products stay in 16 bits (TE quantises linear layers only)", () => {
    // the toy's 16-bit GEMMs at 50 TFLOP/s; an fp8 GEMM twice as fast. QKᵀ and PV by hand: 4·s²·h FLOP
    // forward (no causal skip in batched GEMMs), 8·s²·h backward, all at 50 TFLOP/s
    const sixteen = (m: number, n: number, k: number, batch: number) => (2 * m * n * k * batch) / 50e12;
    const sys = {
      ...toySystem(),
      precision: "fp8" as const,
      gemmSeconds: (m: number, n: number, k: number, batch: number) => sixteen(m, n, k, batch) / 2,
      highPrecisionGemmSeconds: sixteen,
    };
    const t = segmentTime(gpt.block, sys, { ...split, flash: false });
    expect(t.attentionForward).toBeCloseTo((4 * S * S * H) / 50e12, 9);
    expect(t.attentionBackward).toBeCloseTo((8 * S * S * H) / 50e12, 9);
  });

  it("fp8 in split accumulation: the backward's GEMMs take the device's multiplier, the forward's none", () => {
    // the toy runs every GEMM at 50 TFLOP/s: the weight GEMMs' backward, 2 × 2·S·(Σ k·n) FLOP, at 1.15×
    const fp8 = (split: number) =>
      segmentTime(gpt.block, { ...toySystem(), precision: "fp8", fp8SplitAccumulation: split }, split1);
    const kn = 4096 * 12288 + 4096 * 4096 + 4096 * 16384 + 16384 * 4096;
    const backwardGemms = (2 * 2 * S * kn) / 50e12;
    // (within 0.01%: the GEMM groups' FLOP also count the bias adds, 1/(2k) of them)
    expect((fp8(1.15).computeBackward - fp8(1).computeBackward) / (0.15 * backwardGemms)).toBeCloseTo(1, 3);
    expect(fp8(1.15).computeForward).toBe(fp8(1).computeForward);
    // the cast weights' seconds are recorded apart: 3 B per weight element at 1 TB/s, the GEMM groups'
    // weights counting their bias row (12288 + 4096 + 16384 + 4096 elements)
    expect(fp8(1).weightCastForward).toBeCloseTo((3 * (kn + 36864)) / 1e12, 12);
  });

  it("fp8 through torchao's dynamic casts: 66 B per input and gradient element eager, by hand", () => {
    // each eager cast: abs 2+2, max 2, to(fp32) 2+4, mul 4+4, clamp 4+4, to(fp8) 4+1 = 33; inputs cast
    // forward and again for the weight gradient, gradients for both backward GEMMs: 66 each; weights 3
    const ao = { fusion: "none" as const, fp8Casts: "torchao-dynamic" as const };
    const bf16 = segmentTime(gpt.block, toySystem(ao), split);
    const fp8 = segmentTime(gpt.block, { ...toySystem(ao), precision: "fp8" }, split);
    const ks = 4096 + 4096 + 4096 + 16384; // the four GEMMs' input widths (QKV, out, up, down)
    const ns = 12288 + 4096 + 16384 + 4096; // and output widths
    const weights = 4096 * 12288 + 4096 * 4096 + 4096 * 16384 + 16384 * 4096;
    expect(fp8.memoryForward - bf16.memoryForward).toBeCloseTo((66 * S * ks + 3 * weights) / 1e12, 6);
    expect(fp8.memoryBackward - bf16.memoryBackward).toBeCloseTo((66 * S * ns) / 1e12, 6);
  });

  it("fp8 under sequence parallelism casts the gathered operand on its shard", () => {
    // tp 4 with sp: the column-parallel inputs (QKV, up) and the row-parallel output gradients (out,
    // down) are cast on S/4 rows; the rest on S rows of their split widths (TE eager: 3, 4, weights 3)
    const eager = { fusion: "none" as const };
    const tp4 = { ...split, tp: 4, sp: true };
    const bf16 = segmentTime(gpt.block, toySystem(eager), tp4);
    const fp8 = segmentTime(gpt.block, { ...toySystem(eager), precision: "fp8" }, tp4);
    // forward inputs: QKV and up gathered (S/4 × 4096 each), out and down local (S × 4096/4, S × 16384/4)
    const inputs = 3 * ((S / 4) * 4096 * 2 + S * (4096 / 4) + S * (16384 / 4));
    const weights = (3 * (4096 * 12288 + 4096 * 4096 + 4096 * 16384 + 16384 * 4096)) / 4;
    expect(fp8.memoryForward - bf16.memoryForward).toBeCloseTo((inputs + weights) / 1e12, 6);
    // backward gradients: QKV and up local (S × n/4), out and down gathered (S/4 × 4096)
    const grads = 4 * (S * (12288 / 4) + S * (16384 / 4) + (S / 4) * 4096 * 2);
    expect(fp8.memoryBackward - bf16.memoryBackward).toBeCloseTo(grads / 1e12, 6);
  });

  it("fp8: the output layer's GEMMs run at the 16-bit rate and carry no quantisation traffic", () => {
    // a toy fp8 system: weight GEMMs at 100 TFLOP/s (2× the 16-bit 50), the output layer at 50
    const fp8 = {
      ...toySystem(),
      precision: "fp8" as const,
      gemmSeconds: (m: number, n: number, k: number, b: number) => (2 * m * n * k * b) / 100e12,
      highPrecisionGemmSeconds: (m: number, n: number, k: number, b: number) => (2 * m * n * k * b) / 50e12,
    };
    const p8 = stepProfile(
      { family: "decoder", layers: 8, hidden: H, heads: 32, vocab: 51200, seq: S },
      { precision: "fp8" },
    );
    // logits: 2·s·h·V FLOP forward at 50 TFLOP/s, twice that backward
    const logits = 2 * S * H * 51200;
    const post = segmentTime(p8.post, fp8, split);
    expect(post.computeForward).toBeCloseTo(logits / 50e12, 9);
    expect(post.computeBackward).toBeCloseTo((2 * logits) / 50e12, 9);
    // the blocks' weight GEMMs do run at the fp8 rate: half the 16-bit time
    const block8 = segmentTime(p8.block, { ...fp8, flashForward: 0.5 }, split);
    const block16 = segmentTime(gpt.block, toySystem(), split);
    expect(block8.computeForward - block8.attentionForward).toBeCloseTo(
      (block16.computeForward - block16.attentionForward) / 2,
      9,
    );
  });

  it("a fused loss with two metric passes moves 42 bytes per logit where the fp32 loss moves 40", () => {
    // the head of 2048 tokens × 51,200 logits at 1 TB/s: forward −16 B, backward +18 B per logit
    const logits = S * 51200;
    const f32 = segmentTime(gpt.post, toySystem(), split);
    const llmFoundry = segmentTime(
      gpt.post,
      toySystem({ crossEntropy: "fused", trainMetricPasses: 2 }),
      split,
    );
    expect(f32.memoryForward - llmFoundry.memoryForward).toBeCloseTo((16 * logits) / 1e12, 12);
    expect(llmFoundry.memoryBackward - f32.memoryBackward).toBeCloseTo((18 * logits) / 1e12, 12);
    // the GEMMs are the same
    expect(llmFoundry.computeForward).toBe(f32.computeForward);
  });
});
