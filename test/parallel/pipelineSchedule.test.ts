import { describe, expect, it } from "vitest";
import { pipelineBubbleFraction, pipelineSeconds, stageBlocks } from "../../src/parallel/pipelineSchedule.js";

describe("pipelines with uneven stages and the schedule's bubble", () => {
  it("1F1B bubble (p − 1)/m, interleaved (p − 1)/(v·m) (Narayanan et al. 2021 §2.2)", () => {
    expect(pipelineBubbleFraction(8, 1, 64)).toBeCloseTo(7 / 64, 12);
    expect(pipelineBubbleFraction(8, 4, 64)).toBeCloseTo(7 / 256, 12);
  });

  it("blocks per stage are the ceiling, not the mean; embedding and head can be chunks of their own", () => {
    // 105 blocks on 35 stages: 3 each
    expect(stageBlocks(105, 35, 1)).toEqual({ first: 3, middle: 3, last: 3 });
    // 126 blocks on 16 stages: the busiest carries ⌈126/16⌉ = 8, not 7.875, and the stages fill in
    // order, so the last holds the remainder: 126 − 15 × 8 = 6
    expect(stageBlocks(126, 16, 1)).toEqual({ first: 8, middle: 8, last: 6 });
    // BLOOM's prequel (bigscience tr11-176B-ml/chronicles-prequel.md, 'Re-do'): "78/12=6.5 - so the
    // last stage has 1 block, while the rest have 7": 78 − 11 × 7 = 1
    expect(stageBlocks(78, 12, 1)).toEqual({ first: 7, middle: 7, last: 1 });
    // interleaved, uneven: 94 blocks in 8 × 4 chunks of ⌈94/32⌉ = 3; the last stage holds chunks 7, 15,
    // 23 and 31, and chunk 31 only 94 − 31 × 3 = 1 block: 3 + 3 + 3 + 1 = 10
    expect(stageBlocks(94, 8, 4)).toEqual({ first: 12, middle: 12, last: 10 });
    // with the embedding and head as units: 94 + 2 = 96 units in 32 chunks of 3
    expect(stageBlocks(94, 8, 4, true)).toEqual({ first: 11, middle: 12, last: 11 });
    // Llama 3 405B (Dubey et al. 2024 §3.3.2): 126 + 2 units on 16 stages = 8 each, one layer fewer on
    // the first and last stage (7 + 14 × 8 + 7 = 126)
    expect(stageBlocks(126, 16, 1, true)).toEqual({ first: 7, middle: 8, last: 7 });
    // interleaved: 96 blocks, pp 8, vp 3: 4 per chunk, 12 per stage
    expect(stageBlocks(96, 8, 3)).toEqual({ first: 12, middle: 12, last: 12 });
  });

  it("pipeline time m·t_max + (Σt − t_max)/v, by hand", () => {
    // equal stages: (m + (p − 1)/v)·t = (16 + 3)·1 s
    expect(pipelineSeconds({ first: 1, middle: 1, last: 1 }, 4, 1, 16).seconds).toBeCloseTo(19, 12);
    // a slow last stage (1.5 s) paces the steady state: 16 × 1.5 + (1 + 1 + 1 + 1.5 − 1.5) = 27 s
    const r = pipelineSeconds({ first: 1, middle: 1, last: 1.5 }, 4, 1, 16);
    expect(r.seconds).toBeCloseTo(27, 12);
    expect(r.bubble).toBeCloseTo(3, 12);
    // interleaving by 3 divides the fill and drain
    expect(pipelineSeconds({ first: 1, middle: 1, last: 1 }, 4, 3, 16).bubble).toBeCloseTo(1, 12);
  });
});
