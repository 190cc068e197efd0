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
    // 126 blocks on 16 stages: the busiest carries ⌈126/16⌉ = 8, not 7.875
    expect(stageBlocks(126, 16, 1)).toEqual({ first: 8, middle: 8, last: 8 });
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
