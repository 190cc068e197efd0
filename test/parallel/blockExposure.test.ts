import { describe, expect, it } from "vitest";
import { blockExposure } from "../../src/parallel/blockExposure.js";
import type { BlockCommunication } from "../../src/parallel/communication.js";
import { FRAMEWORK_PROFILES } from "../../src/parallel/frameworkProfiles.js";

// round numbers (seconds of one block and one micro-batch) so every exposure is derived by hand
const comm: BlockCommunication = {
  tensorForward: 1,
  tensorBackward: 2,
  tensorBackwardBesideInputGradient: 0.5,
  tensorBackwardBesideWeightGradient: 1,
  contextForward: 3,
  contextBackward: 4,
  contextGather: 3,
  contextGradientPass: 0,
  contextSteps: 2,
  expertForward: 5,
  expertBackward: 6,
  pipelineSend: 0,
};
const windows = {
  compute: 10,
  attentionForward: 2,
  attentionBackward: 5,
  columnInputGradient: 2,
  columnWeightGradient: 0.75,
  fullRecompute: false,
  microbatches: 4,
};
const none = {
  gradients: false,
  parameters: false,
  tensorParallel: false,
  pipeline: false,
  expertParallel: false,
};
const stack = (
  o: Partial<typeof none>,
  contextParallel: "ring" | "all-gather" | "pytorch" = "all-gather",
  hidden = 1,
  tensorParallelBackward: "async" | "sync" = "sync",
) => ({
  overlap: { ...none, ...o },
  tensorParallelHidden: hidden,
  tensorParallelBackward,
  contextParallel,
});

describe("what of a block's communication is exposed", () => {
  it("nothing overlapped: every second is exposed; full recompute repeats the forward's", () => {
    const e = blockExposure(comm, stack({}), windows);
    expect(e.tensor).toEqual({ total: 3, exposed: 3 });
    expect(e.context).toEqual({ total: 7, exposed: 7 });
    expect(e.expert).toEqual({ total: 11, exposed: 11 });
    expect(e.exposed).toBe(21);
    // forward twice: tp 2·1 + 2 = 4, cp 2·3 + 4 = 10, ep 2·5 + 6 = 16
    const f = blockExposure(comm, stack({}), { ...windows, fullRecompute: true });
    expect([f.tensor.total, f.context.total, f.expert.total]).toEqual([4, 10, 16]);
  });

  it("ring attention hides each KV pass behind the attention kernels: (3 − 2) + (4 − 5 → 0) = 1 s", () => {
    expect(blockExposure(comm, stack({}, "ring"), windows).context).toEqual({ total: 7, exposed: 1 });
  });

  it("PyTorch's context parallelism hides the gather and dKV passes behind one sub-attention each", () => {
    // cp 4, gather 1 s, one fp32 dKV pass 0.5 s; attention 2 s forward (0.5 per sub-attention), 6 s
    // backward (1.5 each): forward 1 − 0.5 = 0.5; backward (1 − 1.5 → 0) + 3·(0.5 − 1.5 → 0) + 0.5
    const c = { ...comm, contextForward: 1, contextBackward: 1 + 4 * 0.5 };
    const pt = { ...c, contextGather: 1, contextGradientPass: 0.5, contextSteps: 4 };
    const w = { ...windows, attentionForward: 2, attentionBackward: 6 };
    expect(blockExposure(pt, stack({}, "pytorch"), w).context).toEqual({ total: 4, exposed: 1 });
    // under full recompute the forward's gather runs twice: total 1·2 + 3, exposed 0.5·2 + 0.5
    const f = blockExposure(pt, stack({}, "pytorch"), { ...w, fullRecompute: true });
    expect(f.context).toEqual({ total: 5, exposed: 1.5 });
    // a short backward exposes every pass's excess: 2 s backward → 0.5 each; passes 3·0 + 0.5
    // and the gather 1 − 0.5 = 0.5 each way
    const s = blockExposure(pt, stack({}, "pytorch"), { ...w, attentionBackward: 2 });
    expect(s.context.exposed).toBeCloseTo(0.5 + 0.5 + 0.5, 12);
  });

  it("tensor overlap hides its share, never more than the GEMMs (TorchTitan's async TP: 0.36 of 3 s)", () => {
    expect(
      blockExposure(comm, stack({ tensorParallel: true }, "all-gather", 0.36), windows).tensor.exposed,
    ).toBeCloseTo(3 - 0.36 * 3, 12);
    expect(
      blockExposure(comm, stack({ tensorParallel: true }), { ...windows, compute: 1 }).tensor.exposed,
    ).toBe(2);
  });

  it("Megatron-LM's async backward hides the column layers' collectives beside their own GEMMs", () => {
    // 0.5 s beside a 2 s input-gradient GEMM: all hidden; 1 s beside a 0.75 s weight-gradient GEMM:
    // 0.75 hidden; exposed 3 − 0.5 − 0.75 = 1.75
    const a = blockExposure(comm, stack({}, "all-gather", 1, "async"), windows);
    expect(a.tensor).toEqual({ total: 3, exposed: 1.75 });
    // full recompute repeats only the forward's collectives: 4 − 1.25
    const f = blockExposure(comm, stack({}, "all-gather", 1, "async"), { ...windows, fullRecompute: true });
    expect(f.tensor).toEqual({ total: 4, exposed: 2.75 });
    // a stack that overlaps tensor traffic in general takes its own share instead
    const o = blockExposure(comm, stack({ tensorParallel: true }, "all-gather", 0.5, "async"), windows);
    expect(o.tensor.exposed).toBe(1.5);
  });

  it("expert overlap hides behind what tensor overlap left of the compute, and needs two micro-batches", () => {
    // compute 10 s, tensor overlap takes 3 of it: the 11 s all-to-all hides 7 s, exposes 4
    const both = blockExposure(comm, stack({ tensorParallel: true, expertParallel: true }), windows);
    expect(both.expert).toEqual({ total: 11, exposed: 4 });
    expect(both.exposed).toBe(0 + 7 + 4);
    // ample compute hides it all; one micro-batch has no partner
    expect(
      blockExposure(comm, stack({ expertParallel: true }), { ...windows, compute: 20 }).expert.exposed,
    ).toBe(0);
    expect(
      blockExposure(comm, stack({ expertParallel: true }), { ...windows, microbatches: 1 }).expert.exposed,
    ).toBe(11);
  });

  it("the built-in profiles leave the all-to-all exposed unless a recipe says otherwise", () => {
    for (const fw of Object.values(FRAMEWORK_PROFILES)) expect(fw.overlap.expertParallel).toBe(false);
  });
});
