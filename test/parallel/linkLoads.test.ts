import { describe, expect, it } from "vitest";
import { linkLoads } from "../../src/parallel/linkLoads.js";

describe("seconds each link tier carries in a step (linkLoads)", () => {
  it("puts each kind of traffic on the tier its group crosses, by hand", () => {
    // cp inside a node (2 ranks of 8), ep across nodes (16 ranks, 2 per node), stages on different nodes
    const where = {
      cp: { ranks: 2, perNode: 2 },
      ep: { ranks: 16, perNode: 2 },
      ppSameNode: false,
    };
    const load = linkLoads({
      where,
      tensor: 1,
      context: 2,
      expert: 4,
      items: [
        { tier: "interNode", seconds: 8, window: 100 },
        { tier: "intraNode", seconds: 16, window: 0 },
      ],
      firstBlockOn: { intraNode: 32, interNode: 64 },
      pipelineSends: 128,
    });
    // intra: tensor 1 + context 2 + item 16 + first block 32 = 51
    // inter: expert 4 + item 8 + first block 64 + pipeline 128 = 204
    expect(load).toEqual({ intraNode: 51, interNode: 204 });
    // stages on one node put the pipeline sends inside it
    expect(
      linkLoads({
        where: { ...where, ppSameNode: true },
        tensor: 0,
        context: 0,
        expert: 0,
        items: [],
        firstBlockOn: { intraNode: 0, interNode: 0 },
        pipelineSends: 3,
      }),
    ).toEqual({ intraNode: 3, interNode: 0 });
  });
});
