import { describe, expect, it } from "vitest";
import {
  activationPolicy,
  deviceMemory,
  reserveBytes,
  segmentActivations,
  zeroModelState,
} from "../../src/parallel/deviceMemory.js";
import { type Layout, SINGLE_DEVICE_LAYOUT } from "../../src/parallel/layout.js";
import { placement } from "../../src/parallel/placement.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { DEFAULT_MEMORY_RESERVE } from "../../src/parallel/systemSchema.js";

// GPT-style block: s = 2048, h = 4096, a = 32 heads, 16-bit activations with dropout
const S = 2048;
const H = 4096;
const A = 32;
const profile = stepProfile({ family: "decoder", layers: 8, hidden: H, heads: A, vocab: 51200, seq: S });
const base: Layout = SINGLE_DEVICE_LAYOUT;
const GiB = 1024 ** 3;
const noReserve = { fixedBytes: 0, perCommunicatorBytes: 0, fraction: 0 };
const facts = (gradientBytes = 2) => ({
  gradientBytes,
  embeddingChunks: false,
  reserve: noReserve,
  capacityBytes: 80e9,
});

describe("memory per device", () => {
  it("ZeRO stages match Rajbhandari et al. 2020 §5 (Ψ = 7.5B, N_d = 64: 120 / 31.4 / 16.6 / 1.9 GB)", () => {
    const bytes = { weights: 2, gradients: 2, optimizer: 12 };
    const total = (z: 0 | 1 | 2 | 3) => {
      const s = zeroModelState(7.5e9, 64, z, bytes);
      return (s.weights + s.gradients + s.optimizer) / 1e9;
    };
    expect(total(0)).toBeCloseTo(120, 6);
    expect(total(1)).toBeCloseTo(31.40625, 4); // 4Ψ + 12Ψ/64
    expect(total(2)).toBeCloseTo(16.640625, 4); // 2Ψ + 14Ψ/64
    expect(total(3)).toBeCloseTo(1.875, 4); // 16Ψ/64
  });

  it("activations per block follow Korthikanti et al. 2022 eq. 2–6, and cp divides them", () => {
    const sbh = S * H;
    const attn = (5 * A * S) / H;
    for (const t of [1, 2, 8]) {
      expect(segmentActivations(profile.block, "none", t, false) / sbh).toBeCloseTo(
        10 + 24 / t + attn / t,
        2,
      );
      if (t > 1)
        expect(segmentActivations(profile.block, "none", t, true) / sbh).toBeCloseTo(34 / t + attn / t, 2);
    }
    expect(segmentActivations(profile.block, "selective", 8, true) / sbh).toBeCloseTo(34 / 8, 2);
    expect(segmentActivations(profile.block, "full", 8, false) / sbh).toBeCloseTo(2, 6);
    expect(segmentActivations(profile.block, "full", 8, true, 4) / sbh).toBeCloseTo(2 / 32, 6);
  });

  it("fp8 on a stack that saves its casts keeps linear inputs at 1 byte: 2sbh replicated and 5sbh split fewer", () => {
    // Korthikanti's 16-bit block: 10sbh replicated (of which the QKV and fc1 inputs, 2sbh each) and
    // 24sbh split (of which the output projection's input 2sbh and fc2's 8sbh); at 1 byte those
    // inputs keep half: 10 − 2 = 8 replicated, 24 − 5 = 19 split
    const fp8 = stepProfile(
      { family: "decoder", layers: 8, hidden: H, heads: A, vocab: 51200, seq: S },
      { precision: "fp8" },
    );
    const sbh = S * H;
    const attn = (5 * A * S) / H;
    for (const t of [1, 2, 8]) {
      expect(segmentActivations(fp8.block, "none", t, false, 1, true) / sbh).toBeCloseTo(
        8 + 19 / t + attn / t,
        2,
      );
      expect(segmentActivations(fp8.block, "none", t, false, 1, false) / sbh).toBeCloseTo(
        10 + 24 / t + attn / t,
        2,
      );
    }
    expect(segmentActivations(fp8.block, "selective", 8, true, 1, true) / sbh).toBeCloseTo(27 / 8, 2);
    // full recompute keeps only the block input: no linear input to shrink
    expect(segmentActivations(fp8.block, "full", 8, false, 1, true) / sbh).toBeCloseTo(2, 6);
  });

  it("TorchTitan's per-op selective checkpointing keeps the block input, the attention output and half the matmul outputs", () => {
    // GPT block, 16-bit: matmul outputs QKV 3h, projection h, fc1 4h, fc2 h = 9h elements, half of
    // them 4.5h × 2 bytes = 9sbh; the attention kernel's output h × 2 = 2sbh; the block input 2sbh
    const sbh = S * H;
    expect(segmentActivations(profile.block, "everyOtherMatmul", 1, false) / sbh).toBeCloseTo(13, 2);
    expect(segmentActivations(profile.block, "everyOtherMatmul", 8, false) / sbh).toBeCloseTo(2 + 11 / 8, 2);
  });

  it("JAX's dots-without-batch-dims keeps the block input and every matmul output; minimal_flash the attention output too", () => {
    // GPT block, 16-bit: matmul outputs QKV 3h, projection h, fc1 4h, fc2 h = 9h elements × 2 bytes =
    // 18sbh, tp-split; the block input 2sbh, replicated without sequence parallelism; the attention
    // kernel's output (the projection's input) h × 2 = 2sbh
    const sbh = S * H;
    expect(segmentActivations(profile.block, "matmulOutputs", 1, false) / sbh).toBeCloseTo(20, 2);
    expect(segmentActivations(profile.block, "matmulOutputs", 8, false) / sbh).toBeCloseTo(2 + 18 / 8, 2);
    expect(segmentActivations(profile.block, "matmulOutputs", 8, true) / sbh).toBeCloseTo(20 / 8, 2);
    expect(segmentActivations(profile.block, "matmulOutputsAndContext", 1, false) / sbh).toBeCloseTo(22, 2);
    // what a layout keeps under each stack's selective policy
    expect(activationPolicy("selective", "matmul-outputs", true)).toBe("matmulOutputs");
    expect(activationPolicy("selective", "attention-core", true)).toBe("flash");
    expect(activationPolicy("selective", "attention-core", false)).toBe("selective");
    expect(activationPolicy("full", "matmul-outputs", true)).toBe("full");
    expect(activationPolicy("none", "every-other-matmul", false)).toBe("none");
  });

  it("the runtime reserve: fixed + communicators × per-communicator + fraction × capacity, by hand", () => {
    const r = DEFAULT_MEMORY_RESERVE.gpu; // 1 GiB + 0.6 GiB per communicator + 5%
    expect(reserveBytes(r, 3, 80e9)).toBeCloseTo(1 * GiB + 3 * 0.6 * GiB + 0.05 * 80e9, 0);
    const l = { ...base, tp: 8, dp: 4, pp: 2 };
    const m = deviceMemory(profile, l, 8, true, placement(l, 8), { ...facts(), reserve: r });
    expect(m.reserve).toBeCloseTo(reserveBytes(r, 3, 80e9), 0); // tp, dp and pp communicators
    expect(m.perDeviceBytes).toBeCloseTo(
      m.weights + m.gradients + m.optimizer + m.activations + m.buffers + m.reserve,
      0,
    );
  });

  it("fp32 main gradients cost 2 more bytes per parameter than 16-bit ones", () => {
    const w = placement(base, 8);
    const two = deviceMemory(profile, base, 1, true, w, facts(2));
    const four = deviceMemory(profile, base, 1, true, w, facts(4));
    expect(four.gradients - two.gradients).toBeCloseTo(2 * profile.params.total, -3);
  });

  it("PyTorch FSDP's fp32 shards: the fp32 parameter and gradient shards, no 16-bit copy, 16 bytes per parameter in all", () => {
    const l = { ...base, dp: 8, zero: 3 as const };
    const where = placement(l, 8);
    const split = deviceMemory(profile, l, 1, true, where, facts(2));
    const fp32 = deviceMemory(profile, l, 1, true, where, { ...facts(2), fp32Shards: true });
    const n = profile.params.total / 8;
    // the fp32 shard (the master copy) counted as weights: 4; gradients 4; Adam's m and v 8
    expect(fp32.weights).toBeCloseTo(4 * n, -3);
    expect(fp32.gradients).toBeCloseTo(4 * n, -3);
    expect(fp32.optimizer).toBeCloseTo(8 * n, -3);
    // 2 + 2 + 12 = 16 either way with a 16-bit reduction; an fp32 reduction no longer adds 2 more
    const state = (m: typeof split) => m.weights + m.gradients + m.optimizer;
    expect(state(fp32)).toBeCloseTo(state(split), -3);
    expect(state(deviceMemory(profile, l, 1, true, where, { ...facts(4), fp32Shards: true }))).toBeCloseTo(
      16 * n,
      -3,
    );
    // fp32 training keeps its fp32 shard too (no master in the optimizer state): 4 + 4 + 8
    const fp32Profile = stepProfile(
      { family: "decoder", layers: 8, hidden: H, heads: A, vocab: 51200, seq: S },
      { precision: "fp32" },
    );
    const f = deviceMemory(fp32Profile, l, 1, true, where, { ...facts(4), fp32Shards: true });
    expect(state(f)).toBeCloseTo(16 * (fp32Profile.params.total / 8), -3);
    expect(f).toEqual(deviceMemory(fp32Profile, l, 1, true, where, facts(4)));
    // ZeRO-1/2 keep the whole 16-bit weights as before
    const z2 = { ...l, zero: 2 as const };
    expect(deviceMemory(profile, z2, 1, true, where, { ...facts(4), fp32Shards: true })).toEqual(
      deviceMemory(profile, z2, 1, true, where, facts(4)),
    );
  });

  it("expert parallelism shards the experts' state over ep; dense weights stay whole", () => {
    const moe = stepProfile({
      family: "decoder",
      layers: 4,
      hidden: 1024,
      heads: 16,
      vocab: 32000,
      seq: 1024,
      experts: 8,
      topK: 2,
    });
    const l1 = { ...base, dp: 8 };
    const l8 = { ...base, dp: 8, ep: 8 };
    const m1 = deviceMemory(moe, l1, 1, true, placement(l1, 8), facts());
    const m8 = deviceMemory(moe, l8, 1, true, placement(l8, 8), facts());
    const experts = moe.blocks * moe.block.expertParams;
    expect(m1.weights - m8.weights).toBeCloseTo(moe.weightBytesPerParam * experts * (1 - 1 / 8), -3);
  });

  it("FSDP2 under a pipeline holds the stage gathered and its gradients unsharded: +(w + g)·stage params", () => {
    // 8 blocks over pp 2: the first stage holds the embedding and 4 blocks; ZeRO-3 over dp 4, fp32 grads
    const l = { ...base, dp: 4, pp: 2, zero: 3 as const };
    const where = placement(l, 8);
    const regathered = deviceMemory(profile, l, 8, true, where, facts(4));
    const held = deviceMemory(profile, l, 8, true, where, { ...facts(4), heldUnderPipeline: true });
    expect(held.stage).toBe(regathered.stage);
    const stage = (regathered.weights * 4) / profile.weightBytesPerParam; // the stage's parameters
    expect(held.weights - regathered.weights).toBeCloseTo(profile.weightBytesPerParam * stage, -3);
    expect(held.gradients - regathered.gradients).toBeCloseTo(4 * stage, -3);
    // and no per-block prefetch buffer: the two gathered blocks are part of the held stage
    expect(regathered.buffers - held.buffers).toBeCloseTo(
      2 * profile.block.params * profile.weightBytesPerParam,
      -3,
    );
    // without a pipeline nothing is held
    const flat = { ...base, dp: 8, zero: 3 as const };
    expect(
      deviceMemory(profile, flat, 8, true, placement(flat, 8), { ...facts(4), heldUnderPipeline: true }),
    ).toEqual(deviceMemory(profile, flat, 8, true, placement(flat, 8), facts(4)));
  });

  it("a fused loss kernel keeps the 16-bit logits and no fp32 logits buffer, by hand", () => {
    // one micro-batch of 2048 tokens × 51,200 logits at tp 1: the fp32 softmax kept (4 B) becomes the
    // 16-bit logits (2 B); the two largest-tensor buffers were fp32 logits (4 B each) and are now the
    // 16-bit logits (2 B each: 210 MB, above the block's largest output, the 4h MLP's 2·2048·16384 B)
    const logits = S * 51200;
    const w = placement(base, 1);
    const f32 = deviceMemory(profile, base, 1, true, w, { ...facts(), activationBytes: 2 });
    const fused = deviceMemory(profile, base, 1, true, w, {
      ...facts(),
      activationBytes: 2,
      crossEntropy: "fused",
    });
    expect(f32.activations - fused.activations).toBeCloseTo((4 - 2) * logits, -3);
    expect(f32.buffers - fused.buffers).toBeCloseTo(2 * (4 - 2) * logits, -3);
    // written in place, the logits' gradient needs no buffer: the two buffers fall to the block's
    // largest output, the 4h MLP's 2 B × 2048 × 16384 (4H, H = 4096)
    const inPlace = deviceMemory(profile, base, 1, true, w, {
      ...facts(),
      activationBytes: 2,
      crossEntropy: "fused",
      lossGradientInPlace: true,
    });
    expect(inPlace.activations).toBe(fused.activations);
    expect(inPlace.buffers).toBeCloseTo(2 * 2 * S * 4 * H, -3);
  });
});
