import { describe, expect, it } from "vitest";
import { evaluatorCache } from "../../src/parallel/evaluatorCache.js";
import { SINGLE_DEVICE_LAYOUT } from "../../src/parallel/layout.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { toySystem } from "./toySystem.js";

const gpt = stepProfile({ family: "decoder", layers: 4, hidden: 1024, heads: 16, vocab: 32000, seq: 1024 });
const base = { ...SINGLE_DEVICE_LAYOUT, dp: 8 };

describe("evaluatorCache", () => {
  it("keeps one segment timing per (mb, tp, sp, cp, ep): layouts differing in dp, pp or recompute share it", () => {
    const cache = evaluatorCache(gpt, toySystem(), true);
    const a = cache.times(base);
    expect(cache.times({ ...base, dp: 4, pp: 2, recompute: "full" })).toBe(a);
    expect(cache.times({ ...base, mb: 2 })).not.toBe(a);
    // twice the micro-batch, twice the GEMM seconds on the toy (no shape effects)
    expect(cache.times({ ...base, mb: 2 }).blk.computeForward).toBeCloseTo(2 * a.blk.computeForward, 12);
  });
  it("never lets two layouts share a key: (mb 1, tp 256) and (mb 2, tp 127) met at 1·129 + 256 = 2·129 + 127", () => {
    const cache = evaluatorCache(gpt, toySystem(), true);
    const a = cache.times({ ...base, mb: 1, tp: 256 });
    const b = cache.times({ ...base, mb: 2, tp: 127 });
    expect(b).not.toBe(a);
    // the second keeps its own micro-batch: twice the first's tokens over about half its tensor split
    expect(b.blk.computeForward).not.toBeCloseTo(a.blk.computeForward, 12);
    expect(cache.times({ ...base, mb: 1, tp: 256 })).toBe(a);
  });
  it("holds the framework's own kernel efficiency alongside the raw times", () => {
    const sys = toySystem({ kernelEfficiency: 0.5 });
    const t = evaluatorCache(gpt, sys, true).times(base);
    expect(t.own.blk.computeForward).toBeCloseTo(2 * t.blk.computeForward, 12);
  });
  it("places a layout once per (tp, cp, ep, pp, dp) and its block communication once per placement", () => {
    const cache = evaluatorCache(gpt, toySystem(), true);
    const where = cache.placed(base);
    expect(cache.placed({ ...base, mb: 4, recompute: "full" })).toBe(where);
    expect(where.dense).toEqual({ ranks: 8, perNode: 8 });
    const t = cache.times(base);
    expect(cache.communication(t, base, where)).toBe(
      cache.communication(t, { ...base, recompute: "full" }, where),
    );
  });
});
