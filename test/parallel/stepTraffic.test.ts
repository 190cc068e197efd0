import { describe, expect, it } from "vitest";
import { blockSeconds } from "../../src/parallel/blockSeconds.js";
import { evaluatorCache } from "../../src/parallel/evaluatorCache.js";
import { type Layout, SINGLE_DEVICE_LAYOUT } from "../../src/parallel/layout.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { stepTraffic } from "../../src/parallel/stepTraffic.js";
import { toySystem } from "./toySystem.js";

const gpt = stepProfile({ family: "decoder", layers: 4, hidden: 1024, heads: 16, vocab: 32000, seq: 1024 });

/** The per-step traffic of a one-stage layout on the toy system (one node of 8). */
function traffic(l: Layout, overlapGradients = false) {
  const base = toySystem();
  const sys = toySystem({ overlap: { ...base.framework.overlap, gradients: overlapGradients } });
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
});
