import { describe, expect, it } from "vitest";
import { type Layout, SINGLE_DEVICE_LAYOUT } from "../../src/parallel/layout.js";
import { placement } from "../../src/parallel/placement.js";

const base: Layout = SINGLE_DEVICE_LAYOUT;

describe("ranks placed tp, cp, dp (ep inside), pp on 8-device nodes", () => {
  it("tp 8 fills a node: one rank of every other group per node", () => {
    const p = placement({ ...base, tp: 8, dp: 16, pp: 4 }, 8);
    expect(p.tp).toEqual({ ranks: 8, perNode: 8 });
    expect(p.dense).toEqual({ ranks: 16, perNode: 1 });
    expect(p.ppSameNode).toBe(false);
    expect(p.communicators).toBe(3); // tp, dp, pp
  });

  it("tp 2 × cp 2 leaves 2 data-parallel ranks per node; ep 4 inside dp 16 spans nodes", () => {
    const p = placement({ ...base, tp: 2, cp: 2, dp: 16, ep: 4 }, 8);
    expect(p.cp).toEqual({ ranks: 2, perNode: 2 });
    expect(p.dense).toEqual({ ranks: 32, perNode: 4 }); // dp·cp with stride tp = 2
    expect(p.ep).toEqual({ ranks: 4, perNode: 2 }); // stride tp·cp = 4: 2 per node
    expect(p.expertData).toEqual({ ranks: 8, perNode: 1 }); // stride tp·cp·ep = 16
    expect(p.communicators).toBe(5);
  });

  it("a small job fits one node: pipeline neighbours share it", () => {
    expect(placement({ ...base, tp: 2, dp: 2, pp: 2 }, 8).ppSameNode).toBe(true);
  });
});
