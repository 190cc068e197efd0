import { describe, expect, it } from "vitest";
import { dataParallelTraffic, tierOf } from "../../src/parallel/dataParallelTraffic.js";
import { FRAMEWORK_PROFILES } from "../../src/parallel/frameworkProfiles.js";

// a collective that takes 1 s per GB whatever its kind, so each term can be read off by hand
const perGB = (_op: string, bytes: number) => bytes / 1e9;
const base = {
  groups: [{ g: { ranks: 16, perNode: 8 }, params: 1e9 }],
  microbatches: 4,
  gradientBytes: 4,
  weightBytes: 2,
  collectiveSeconds: perGB,
  overlap: FRAMEWORK_PROFILES["megatron-core"].overlap,
  windows: { backwardLast: 1, forwardFirst: 0.5, all: 8 },
  blockShare: 0.1,
  gathers: 2,
};

describe("dataParallelTraffic: ZeRO stages' traffic per step, by hand", () => {
  it("a 16-rank group over two nodes crosses the network", () => {
    expect(tierOf({ ranks: 16, perNode: 8 })).toBe("interNode");
    expect(tierOf({ ranks: 8, perNode: 8 })).toBe("intraNode");
  });

  it("ZeRO-1: one reduce-scatter of 4 GB of gradients and one all-gather of 2 GB of weights per step", () => {
    const t = dataParallelTraffic({ ...base, zero: 1 });
    expect(t.dpTotal).toBeCloseTo(4 + 2, 12);
    expect(t.zero3Total).toBe(0);
    // the first block's tenth of the reduction is exposed; the rest may hide behind the last backward
    expect(t.firstBlockExposed).toBeCloseTo(0.4, 12);
    expect(t.firstBlockOn.interNode).toBeCloseTo(0.4, 12);
    expect(t.items).toEqual([
      { tier: "interNode", seconds: 3.6, window: 1 },
      { tier: "interNode", seconds: 2, window: 0.5 },
    ]);
  });

  it("ZeRO-3: every micro-batch reduce-scatters 4 GB and gathers 2 GB twice (forward and backward)", () => {
    const t = dataParallelTraffic({ ...base, zero: 3 });
    // 4 micro-batches × (4 s + 2 × 2 s)
    expect(t.zero3Total).toBeCloseTo(4 * 4 + 4 * 4, 12);
    expect(t.dpTotal).toBe(0);
    // exposed: a tenth of one reduce-scatter, and a tenth of every micro-batch's gathers
    expect(t.firstBlockExposed).toBeCloseTo(0.4 + 4 * 4 * 0.1, 12);
  });

  it("ZeRO-3 held across a pipeline's micro-batches: one 4 GB reduce-scatter and one 2 GB gather per step", () => {
    const t = dataParallelTraffic({ ...base, zero: 3, held: true });
    expect(t.zero3Total).toBeCloseTo(4 + 2, 12);
    // the reduction behind the last backward (1 s), the gather behind the first forward (0.5 s)
    expect(t.items).toEqual([
      { tier: "interNode", seconds: 3.6, window: 1 },
      { tier: "interNode", seconds: 1.8, window: 0.5 },
    ]);
    expect(t.firstBlockExposed).toBeCloseTo(0.4 + 0.2, 12);
  });
});
