import { describe, expect, it } from "vitest";
import { FRAMEWORK_PROFILES } from "../../src/parallel/frameworkProfiles.js";
import { layoutDevices } from "../../src/parallel/layout.js";
import type { SearchContext } from "../../src/parallel/layoutDim.js";
import { divisors, innerLayouts, outerTuples } from "../../src/parallel/searchSpace.js";

const ctx = (o: Partial<SearchContext> = {}): SearchContext => ({
  globalBatch: 64,
  blocks: 8,
  heads: 32,
  kvHeads: 32,
  experts: 1,
  seq: 2048,
  devicesPerNode: 8,
  maxMicroBatch: 64,
  supports: FRAMEWORK_PROFILES["megatron-core"].supports,
  ...o,
});

describe("the search space, from the dimension descriptors", () => {
  it("divisors", () => {
    expect(divisors(105)).toEqual([1, 3, 5, 7, 15, 21, 35, 105]);
    expect(divisors(0)).toEqual([]);
  });

  it("outer tuples multiply to the device count; cp over divisors of a long sequence", () => {
    // a 2,048-token sequence is not split (each cp rank keeps at least CP_MIN_TOKENS = 2,048 tokens)
    expect(outerTuples(ctx(), { devices: 64, globalBatch: 64 }).every((t) => t.cp === 1)).toBe(true);
    const tuples = outerTuples(ctx({ seq: 32768 }), { devices: 64, globalBatch: 64 });
    for (const t of tuples) expect(layoutDevices(t)).toBe(64);
    // tp ∈ {1,2,4,8}; cp ∈ {1,2,4,8,16} (32768/cp ≥ 2048); pp ∈ {1,2,4,8}; dp the rest, dividing 64
    const count = (tp: number) => tuples.filter((t) => t.tp === tp).length;
    expect(count(8)).toBe(10); // cp·pp ≤ 8: (1,1) (1,2) (1,4) (1,8) (2,1) (2,2) (2,4) (4,1) (4,2) (8,1)
    expect(tuples.some((t) => t.cp === 16)).toBe(true);
    expect(tuples.some((t) => t.cp === 32)).toBe(false);
    // a framework without context parallelism keeps cp = 1
    const noCp = outerTuples(ctx({ supports: FRAMEWORK_PROFILES["fsdp"].supports }), {
      devices: 64,
      globalBatch: 64,
    });
    expect(noCp.every((t) => t.cp === 1 && t.pp === 1)).toBe(true);
  });

  it("inner layouts: ep only for MoE and dividing dp; zero stages the framework supports", () => {
    const dense = innerLayouts(ctx(), { devices: 64, globalBatch: 64 }, { tp: 2, cp: 1, pp: 1, dp: 32 });
    // ep 1; vp 1; mb ∈ {1, 2}; recompute 3; sp 2; zero {0, 1} (Megatron-Core: DDP or the distributed
    // optimizer; its opt-in Megatron-FSDP has no measured run in the corpus, so it is not offered)
    expect(dense.length).toBe(2 * 3 * 2 * 2);
    expect(dense.some((l) => l.zero === 3)).toBe(false);
    // DeepSpeed's pipeline engine refuses ZeRO-2/3 (deepspeed/runtime/pipe/engine.py asserts stage < 2);
    // it has no tensor parallelism and recomputes whole layers or nothing
    const ds = ctx({ supports: FRAMEWORK_PROFILES["deepspeed"].supports });
    const dsPipe = innerLayouts(ds, { devices: 64, globalBatch: 64 }, { tp: 1, cp: 1, pp: 2, dp: 32 });
    expect(new Set(dsPipe.map((l) => l.zero))).toEqual(new Set([0, 1]));
    expect(new Set(dsPipe.map((l) => l.recompute))).toEqual(new Set(["none", "full"]));
    const dsFlat = innerLayouts(ds, { devices: 64, globalBatch: 64 }, { tp: 1, cp: 1, pp: 1, dp: 64 });
    expect(new Set(dsFlat.map((l) => l.zero))).toEqual(new Set([0, 1, 2, 3]));
    expect(outerTuples(ds, { devices: 64, globalBatch: 64 }).every((t) => t.tp === 1)).toBe(true);
    const moe = innerLayouts(
      ctx({ experts: 8 }),
      { devices: 64, globalBatch: 64 },
      { tp: 2, cp: 1, pp: 1, dp: 32 },
    );
    expect(new Set(moe.map((l) => l.ep))).toEqual(new Set([1, 2, 4, 8]));
    const fixed = innerLayouts(
      ctx(),
      { devices: 64, globalBatch: 64, fixed: { mb: 1, recompute: "full" } },
      { tp: 1, cp: 1, pp: 2, dp: 32 },
    );
    expect(fixed.every((l) => l.mb === 1 && l.recompute === "full")).toBe(true);
    // interleaving needs m = 64/(32·1) = 2 micro-batches to be a multiple of pp = 2: vp ∈ {1, 2, 4}
    expect(new Set(fixed.map((l) => l.vp))).toEqual(new Set([1, 2, 4]));
  });
});
