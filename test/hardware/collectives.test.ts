import { describe, expect, it } from "vitest";
import {
  busFactor,
  collectiveSeconds,
  fastestCollectiveSeconds,
  groupTier,
} from "../../src/hardware/collectives.js";
import { InputError } from "../../src/units/InputError.js";

const tier = { busBytesPerSecond: 100e9, latencySeconds: 10e-6 };

describe("collectives at achieved bus bandwidth (nccl-tests PERFORMANCE.md conventions)", () => {
  it("bus factors: all-reduce 2(n−1)/n, all-gather/reduce-scatter/all-to-all (n−1)/n, p2p 1", () => {
    expect(busFactor("all-reduce", 8)).toBeCloseTo(1.75, 12);
    expect(busFactor("all-gather", 8)).toBeCloseTo(0.875, 12);
    expect(busFactor("reduce-scatter", 4)).toBeCloseTo(0.75, 12);
    expect(busFactor("all-to-all", 2)).toBeCloseTo(0.5, 12);
    expect(busFactor("p2p", 64)).toBe(1);
  });

  it("ring all-reduce of 1 GB over 8 ranks: 14·α + 1.75 GB / busbw, by hand", () => {
    // 14 × 10 µs + 1e9 × 1.75 / 100e9 = 140 µs + 17.5 ms
    expect(collectiveSeconds({ op: "all-reduce", bytes: 1e9, ranks: 8, tier })).toBeCloseTo(0.01764, 9);
    // tree: 2·⌈log2 8⌉·α = 60 µs of latency, the same bandwidth term
    expect(
      collectiveSeconds({ op: "all-reduce", bytes: 1e9, ranks: 8, tier, algorithm: "tree" }),
    ).toBeCloseTo(0.01756, 9);
    expect(fastestCollectiveSeconds({ op: "all-reduce", bytes: 1e9, ranks: 8, tier })).toBeCloseTo(
      0.01756,
      9,
    );
  });

  it("all-gather, p2p, one rank, and an NVLink SHARP all-reduce rate", () => {
    // 7·α + 0.875 × 8e8 / 1e11 = 70 µs + 7 ms
    expect(collectiveSeconds({ op: "all-gather", bytes: 8e8, ranks: 8, tier })).toBeCloseTo(0.00707, 9);
    expect(collectiveSeconds({ op: "p2p", bytes: 1e8, ranks: 2, tier })).toBeCloseTo(10e-6 + 1e-3, 12);
    expect(collectiveSeconds({ op: "all-reduce", bytes: 1e9, ranks: 1, tier })).toBe(0);
    const nvls = { ...tier, allReduceBusBytesPerSecond: 200e9 };
    expect(collectiveSeconds({ op: "all-reduce", bytes: 1e9, ranks: 8, tier: nvls })).toBeCloseTo(
      140e-6 + 1.75e9 / 200e9,
      9,
    );
    // all-gather keeps the ring rate on the same tier
    expect(collectiveSeconds({ op: "all-gather", bytes: 8e8, ranks: 8, tier: nvls })).toBeCloseTo(0.00707, 9);
  });

  it("a group across nodes runs at min(intra, ranks-per-node × inter) with the network's α", () => {
    const tiers = {
      intraNode: { busBytesPerSecond: 230e9, latencySeconds: 10e-6 },
      interNode: { busBytesPerSecond: 24e9, latencySeconds: 6.6e-6 },
    };
    expect(groupTier(tiers, 8, 8)).toBe(tiers.intraNode);
    const oneRail = groupTier(tiers, 64, 1); // tp = 8 fills the node: one dp rank per node
    expect(oneRail.busBytesPerSecond).toBe(24e9);
    expect(oneRail.latencySeconds).toBe(10e-6);
    const fourRails = groupTier(tiers, 64, 4);
    expect(fourRails.busBytesPerSecond).toBe(96e9); // 4 × 24 GB/s, nccl-tests#119's 4 × HDR
    expect(groupTier(tiers, 64, 8).busBytesPerSecond).toBe(192e9);
    // with 16 rails the NICs would exceed NVLink: the intra tier bounds it
    expect(
      groupTier({ ...tiers, interNode: { ...tiers.interNode, busBytesPerSecond: 50e9 } }, 64, 8)
        .busBytesPerSecond,
    ).toBe(230e9);
  });

  it("bad input is an InputError naming the field", () => {
    expect(() => collectiveSeconds({ op: "all-reduce", bytes: -1, ranks: 2, tier })).toThrow(InputError);
    expect(() => collectiveSeconds({ op: "all-reduce", bytes: 1, ranks: 1.5, tier })).toThrow(/ranks/);
  });
});
