import { describe, expect, it } from "vitest";
import { blockSeconds } from "../../src/parallel/blockSeconds.js";
import type { BlockCommunication } from "../../src/parallel/communication.js";
import type { SelectiveRecompute } from "../../src/parallel/framework.js";
import { SINGLE_DEVICE_LAYOUT } from "../../src/parallel/layout.js";
import type { SegmentTime } from "../../src/parallel/segmentTime.js";
import { toySystem } from "./toySystem.js";

// A block with round kernel seconds: forward 3 s of GEMMs (of which the attention core 1 s, its GEMMs
// 0.5 s), backward 6 s, memory-bound 1 s forward and 2 s backward; no communication (one device).
const blk: SegmentTime = {
  computeForward: 3,
  computeBackward: 6,
  memoryForward: 1,
  memoryBackward: 2,
  coreForward: 1,
  attentionForward: 0.5,
  attentionBackward: 1,
  columnInputGradient: 0,
  columnWeightGradient: 0,
  weightCastForward: 0,
  blockEndForward: 0.75,
  blockEndFlops: 0,
  forwardFlops: 0,
  coreFlops: 0,
} as SegmentTime;
const none = Object.fromEntries(
  [
    "tensorForward",
    "tensorBackward",
    "contextForward",
    "contextBackward",
    "expertForward",
    "expertBackward",
  ].map((k) => [k, 0]),
) as unknown as BlockCommunication;
const p = { tokensPerSample: 1024, heads: 8, kvHeads: 8, headDim: 64 };
const time = (
  recompute: "none" | "selective" | "full",
  selectiveRecompute?: SelectiveRecompute,
  fp8?: { weightCastForward: number; microbatches: number; gather?: { shards: number } },
) =>
  blockSeconds({
    blk: { ...blk, weightCastForward: fp8?.weightCastForward ?? 0 },
    comm: {
      ...none,
      tensorBackwardBesideInputGradient: 0,
      tensorBackwardBesideWeightGradient: 0,
    } as BlockCommunication,
    p,
    l: { ...SINGLE_DEVICE_LAYOUT, recompute },
    fw: {
      ...toySystem().framework,
      ...(selectiveRecompute ? { selectiveRecompute } : {}),
      ...(fp8 && !fp8.gather ? { fp8WeightCasts: "per-step" as const } : {}),
      ...(fp8?.gather ? { fp8WeightGather: "fp8" as const } : {}),
    },
    flash: true,
    memoryBytesPerSecond: 1e12,
    k: 1,
    microbatches: fp8?.microbatches ?? 1,
    weightShards: fp8?.gather?.shards ?? 1,
  });

describe("blockSeconds (one block, one micro-batch)", () => {
  it("no recompute: forward and backward only (3 + 6 s of kernels, 1 + 2 s memory-bound)", () => {
    const b = time("none");
    expect(b.compute).toBe(9);
    expect(b.memory).toBe(3);
    expect(b.reCompute).toBe(0);
    expect(b.exposure.exposed).toBe(0);
  });
  it("full recompute repeats the whole forward: 9 + 3 s of kernels, 3 + 1 s memory-bound", () => {
    const b = time("full");
    expect(b.compute).toBe(12);
    expect(b.memory).toBe(4);
  });
  it("JAX's remat reruns only what the backward reads: the forward less the MLP output projection (0.75 s)", () => {
    const b = blockSeconds({
      blk,
      comm: { ...none, tensorBackwardBesideInputGradient: 0, tensorBackwardBesideWeightGradient: 0 },
      p,
      l: { ...SINGLE_DEVICE_LAYOUT, recompute: "full" },
      fw: { ...toySystem().framework, fullRecompute: "needed-values" },
      flash: true,
      memoryBytesPerSecond: 1e12,
      k: 1,
      microbatches: 1,
      weightShards: 1,
    });
    // 3 + 6 s, and the forward again but its 0.75 s projection: 2.25 s
    expect(b.compute).toBe(9 + 2.25);
    expect(b.memory).toBe(4);
  });
  it("selective recompute repeats the attention core only: 9 + 1 s, memory unchanged", () => {
    const b = time("selective");
    expect(b.compute).toBe(10);
    expect(b.memory).toBe(3);
  });
  it("TorchTitan's per-op policy: half the non-attention matmuls (2.5 / 2) and every memory-bound op again", () => {
    const b = time("selective", "every-other-matmul");
    expect(b.compute).toBe(9 + 1.25);
    expect(b.memory).toBe(4);
  });
  it("JAX's dots-without-batch-dims (MaxText minimal): the attention GEMMs (0.5 s) and every memory-bound op again", () => {
    const b = time("selective", "matmul-outputs");
    expect(b.compute).toBe(9 + 0.5);
    expect(b.memory).toBe(3 + 1);
    // minimal_flash keeps the attention output: no attention forward again, the memory-bound ops still
    const c = time("selective", "matmul-outputs-and-context");
    expect(c.compute).toBe(9);
    expect(c.memory).toBe(4);
  });
  it("fp8 weights cast once per step and cached: 0.5 s of the 1 s forward memory-bound time over 4 micro-batches", () => {
    // each micro-batch carries 1 − 0.5 + 0.5/4 = 0.625 s forward, 2 s backward
    expect(time("none", undefined, { weightCastForward: 0.5, microbatches: 4 }).memory).toBe(2.625);
    // full recompute repeats the forward's memory-bound ops but not the cached casts: + 0.5 s
    expect(time("full", undefined, { weightCastForward: 0.5, microbatches: 4 }).memory).toBe(3.125);
  });
  it("fp8 weights gathered in fp8: each rank casts its eighth of the weights, forward and recompute", () => {
    const cast = { weightCastForward: 0.5, microbatches: 4, gather: { shards: 8 } };
    // forward 1 − 0.5 + 0.5/8 = 0.5625 s, backward 2 s
    expect(time("none", undefined, cast).memory).toBe(2.5625);
    // full recompute: the forward's memory-bound ops again with the shard's cast, + 0.5625 s
    expect(time("full", undefined, cast).memory).toBe(3.125);
  });
});
