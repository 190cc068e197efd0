import { describe, expect, it } from "vitest";
import { blockSeconds } from "../../src/parallel/blockSeconds.js";
import { evaluatorCache } from "../../src/parallel/evaluatorCache.js";
import { type Layout, SINGLE_DEVICE_LAYOUT } from "../../src/parallel/layout.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { stepTraffic } from "../../src/parallel/stepTraffic.js";
import { toySystem } from "./toySystem.js";

const gpt = stepProfile({ family: "decoder", layers: 4, hidden: 1024, heads: 16, vocab: 32000, seq: 1024 });

/** The per-step traffic of a one-stage layout on the toy system (one node of 8). */
function traffic(
  l: Layout,
  overlapGradients = false,
  fp8?: { gather: "16-bit" | "fp8" },
  tensorOverlap?: { overlapTensorParallel: boolean; backward: "sync" | "async"; overlapSlowdown: number },
) {
  const base = toySystem();
  const sys = {
    ...toySystem({
      ...(tensorOverlap ? { tensorParallelBackward: tensorOverlap.backward } : {}),
      overlap: {
        ...base.framework.overlap,
        gradients: overlapGradients,
        tensorParallel: tensorOverlap?.overlapTensorParallel ?? base.framework.overlap.tensorParallel,
      },
      ...(fp8 ? { fp8WeightGather: fp8.gather } : {}),
    }),
    ...(fp8 ? { precision: "fp8" as const } : {}),
    ...(tensorOverlap ? { overlapSlowdown: tensorOverlap.overlapSlowdown } : {}),
  };
  const cache = evaluatorCache(gpt, sys, true);
  const t = cache.times(l);
  const where = cache.placed(l);
  const comm = cache.communication(t, l, where);
  const fw = sys.framework;
  const block = blockSeconds({
    blk: t.blk,
    comm,
    p: gpt,
    l,
    fw,
    flash: true,
    memoryBytesPerSecond: 1e12,
    k: 1,
    microbatches: 1,
    weightShards: l.zero === 3 ? where.dense.ranks : 1,
  });
  const computeAll = 4 * (block.compute + block.memory);
  return stepTraffic({
    p: gpt,
    l,
    sys,
    where,
    slow: { blocks: 4, pre: true, post: true },
    blk: t.blk,
    block,
    microbatches: 1,
    computeAll,
    pipelinePerMicrobatch: 0,
  });
}

describe("stepTraffic (one stage, eight data-parallel ranks in one node)", () => {
  const dp8 = { ...SINGLE_DEVICE_LAYOUT, dp: 8, mb: 1 };
  it("ZeRO-1 updates an eighth of the parameters that ZeRO-0 updates", () => {
    expect(traffic({ ...dp8, zero: 1 }).optimizer).toBeCloseTo(
      traffic({ ...dp8, zero: 0 }).optimizer / 8,
      15,
    );
  });
  it("every data-parallel byte is on the node's links, hidden or not; nothing crosses nodes", () => {
    const t = traffic({ ...dp8, zero: 0 });
    expect(t.busy.intraNode).toBeCloseTo(t.dataParallel, 15);
    expect(t.busy.interNode).toBe(0);
    expect(t.tensor).toBe(0);
  });
  it("without overlap the whole reduction is exposed; with it, only the first block's quarter (4 blocks)", () => {
    const off = traffic({ ...dp8, zero: 0 });
    expect(off.dataParallelExposed).toBeCloseTo(off.dataParallel, 15);
    const on = traffic({ ...dp8, zero: 0 }, true);
    // the first block's share of the reduction is 1/blocks of it (dataParallelTraffic's blockShare); the
    // rest hides behind the last backward, which is long enough on the toy
    expect(on.dataParallelExposed).toBeCloseTo(on.dataParallel / 4, 15);
    // and the toy's hidden collectives do not slow the compute (overlapSlowdown 0)
    expect(on.contention).toBe(0);
  });
  it("ZeRO-3 gathers of fp8 weights in fp8: the blocks' weights at 1 byte instead of 2, the embedding and head as before", () => {
    const z3 = { ...dp8, zero: 3 as const };
    // the same fp8 run, weights gathered in 16 bits or in fp8: only the gathers differ. Two gathers per
    // micro-batch (forward, backward), ring all-gather over 8 ranks at 100 GB/s: 2 · 7/8 · bytes / 1e11,
    // the 4 blocks' weights one byte lighter each
    const saved =
      traffic(z3, false, { gather: "16-bit" }).zero3 - traffic(z3, false, { gather: "fp8" }).zero3;
    expect(saved).toBeCloseTo((2 * (7 / 8) * 4 * gpt.block.params) / 1e11, 12);
  });
  it("hidden tensor-parallel traffic slows the compute it overlaps as hidden gradient traffic does: 0.189 × its seconds", () => {
    const tp8 = { ...SINGLE_DEVICE_LAYOUT, tp: 8, mb: 1, sp: true };
    // userbuffers-style overlap hides all of it behind the blocks' GEMMs (the toy's TP traffic is
    // shorter than its compute), so the step pays only the SM contention: 0.189 × the TP seconds
    const hidden = traffic(tp8, false, undefined, {
      overlapTensorParallel: true,
      backward: "async",
      overlapSlowdown: 0.189,
    });
    expect(hidden.tensor).toBeGreaterThan(0);
    expect(hidden.contention).toBeCloseTo(0.189 * hidden.tensor, 15);
    // exposed traffic takes nothing from compute: synchronous TP all-gathers and reduce-scatters
    const exposed = traffic(tp8, false, undefined, {
      overlapTensorParallel: false,
      backward: "sync",
      overlapSlowdown: 0.189,
    });
    expect(exposed.contention).toBe(0);
    // Megatron-LM's async backward hides the column layers' collectives beside their GEMMs: some
    // contention, less than under full overlap
    const async = traffic(tp8, false, undefined, {
      overlapTensorParallel: false,
      backward: "async",
      overlapSlowdown: 0.189,
    });
    expect(async.contention).toBeGreaterThan(0);
    expect(async.contention).toBeLessThan(hidden.contention);
  });
});
