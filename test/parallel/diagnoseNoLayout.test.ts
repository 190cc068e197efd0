import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { diagnoseNoLayout } from "../../src/parallel/diagnoseNoLayout.js";
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
});
