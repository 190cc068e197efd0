import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { diagnoseNoLayout, fixedFieldsProblem } from "../../src/parallel/diagnoseNoLayout.js";
import { bindSystem, systemFor } from "../../src/parallel/systemFor.js";
import { searchLayouts, type SearchJob } from "../../src/parallel/searchLayouts.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { modelPreset } from "../../src/workload/presets/index.js";

describe("no layout: which divisibility fails and which device counts work (issue 13)", () => {
  it("gpt3-175b on 1000 A100 with batch 1536: 1000 = 2³·5³ leaves a factor 5 that nothing absorbs", () => {
    const job: SearchJob = {
      profile: stepProfile(modelPreset("gpt3-175b").spec, { precision: "bf16" }),
      accelerator: accelerator("a100-80gb"),
      precision: "bf16",
      space: { devices: 1000, globalBatch: 1536 },
      evaluate: {},
      objective: { objective: "throughput" },
    };
    const r = searchLayouts(job);
    expect(r.top.length + r.evaluated + r.prunedMemory).toBe(0);
    const d = diagnoseNoLayout(job);
    expect(d.reason).toMatch(/1000 devices = dp·tp·pp·cp needs dp to divide the global batch 1536/);
    // 1536 = 2⁹·3: dp may hold one 3; tp ∈ {1,2,4,8}, pp among divisors of 96 and powers of 2, cp powers of
    // 2: counts of the form 2^a·3^b with b ≤ 2 work. The nearest: 1024 (+24), 1152 = 2⁷·3² (+152), 768 (−232)
    expect(d.nearby.slice(0, 3)).toEqual([1024, 1152, 768]);
  });

  it("a fixed field the model cannot take is named on its own, whatever the search would pick", () => {
    const gpt3 = stepProfile(modelPreset("gpt3-175b").spec, { precision: "bf16" });
    const mixtral = stepProfile(modelPreset("mixtral-8x7b").spec, { precision: "bf16" });
    const a100 = bindSystem(systemFor(accelerator("a100-80gb")), "bf16");
    // gpt3-175b: 96 heads, 96 blocks, 2,048 tokens, dense; an A100 node holds 8; Mixtral: 8 experts
    expect(fixedFieldsProblem(gpt3, a100, { ep: 2 }, 1536)).toBe(
      "expert parallelism needs a mixture-of-experts model",
    );
    expect(fixedFieldsProblem(gpt3, a100, { tp: 16 }, 1536)).toBe("tp 16 exceeds the 8 devices of a node");
    expect(fixedFieldsProblem(gpt3, a100, { cp: 3 }, 1536)).toBe(
      "cp 3 does not divide the 2048-token sequence",
    );
    expect(fixedFieldsProblem(mixtral, a100, { ep: 3 }, 512)).toBe("ep 3 does not divide the 8 experts");
    // the batch is judged only when dp and mb are both fixed: 1536 = 2⁹·3 has no factor 7
    expect(fixedFieldsProblem(gpt3, a100, { dp: 7 }, 1536)).toBeUndefined();
    expect(fixedFieldsProblem(gpt3, a100, { dp: 7, mb: 1 }, 1536)).toBe(
      "global batch 1536 is not a multiple of dp·mb = 7·1",
    );
    expect(fixedFieldsProblem(gpt3, a100, { tp: 8, pp: 8, vp: 12 }, 1536)).toBeUndefined();
    expect(fixedFieldsProblem(mixtral, a100, { ep: 8, tp: 2 }, 512)).toBeUndefined();
  });
});
