import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { FRAMEWORK_PROFILES } from "../../src/parallel/frameworkProfiles.js";
import { searchLayouts } from "../../src/parallel/searchLayouts.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { systemFor } from "../../src/parallel/systemFor.js";
import { CORPUS } from "../../src/validation/corpus.js";
import { measuredStepSeconds } from "../../src/validation/measuredStepSeconds.js";
import { caseEvaluator, caseLayout } from "../../src/validation/predictCase.js";
import { modelPreset } from "../../src/workload/presets/index.js";
import { type Case, deltaPct, printCases } from "./report.js";

describe("Narayanan et al. 2021 Table 1 with the recorded profiles (never fitted on it)", () => {
  it("TFLOP/s per GPU, 10 rows: mean |delta| within the regression bound", () => {
    const rows = CORPUS.filter((c) => c.source.id === "narayanan2021");
    expect(rows.length).toBe(10);
    const cases: Case[] = rows.map((c) => {
      const { layout } = caseLayout(c, FRAMEWORK_PROFILES);
      const r = caseEvaluator(c, layout!, FRAMEWORK_PROFILES)();
      if (!r.feasible) throw new Error(`${c.name}: ${r.message}`);
      // the source's metric scales as 1/step time: TFLOP/s × measured / predicted seconds
      return { name: c.name, actual: (c.value * measuredStepSeconds(c)) / r.step.seconds, expected: c.value };
    });
    printCases(
      `Narayanan et al. 2021 Table 1, TFLOP/s per A100 (recorded Megatron profile, kernel efficiency ${FRAMEWORK_PROFILES.megatron.kernelEfficiency})`,
      cases,
    );
    const abs = cases.map((c) => Math.abs(deltaPct(c.actual, c.expected)));
    const mean = abs.reduce((s, v) => s + v, 0) / abs.length;
    // issue 12's target: mean |delta| ≤ 6% without fitting on Table 1 (the calibration subset holds none
    // of its rows; the fitted Megatron kernel efficiency comes from Korthikanti et al. 2022 and others)
    expect(mean).toBeLessThanOrEqual(6);
    expect(Math.max(...abs)).toBeLessThan(15);
  });
});

describe("the 530B GPT on 5,120 A100 80 GB: a credible winner (issue 12 item 6)", () => {
  it("its traffic fits in its step on the links it uses, and it keeps the memory reserve", () => {
    const acc = accelerator("a100-80gb");
    // Megatron-Core, as the issue ran it (the A100 default, Megatron-LM 2021, keeps pp dividing the 105
    // layers: with 5,120 devices that leaves pp ∈ {1, 5}, and neither fits)
    const found = searchLayouts({
      system: systemFor(acc, { framework: "megatron-core" }),
      profile: stepProfile({
        family: "decoder",
        layers: 105,
        hidden: 20480,
        heads: 128,
        vocab: 51200,
        seq: 2048,
      }),
      accelerator: acc,
      precision: "bf16",
      space: { devices: 5120, globalBatch: 2560 },
      evaluate: {},
      objective: { objective: "throughput" },
      top: 3,
    });
    const best = found.top[0]!;
    expect(best.links.interNode.fits && best.links.intraNode.fits).toBe(true);
    expect(best.links.interNode.busySeconds).toBeLessThanOrEqual(best.step.seconds);
    // the reserve is real: 1 GiB + 0.6 GiB per communicator + 5% of 80 GB, and it all fits
    expect(best.memory.reserve).toBeGreaterThan(1024 ** 3 + 0.05 * 80e9);
    expect(best.memory.perDeviceBytes).toBeLessThanOrEqual(acc.memoryBytes);
    // and the MFU stays below the best measured on A100 at scale in the corpus (56.3%)
    expect(best.mfu).toBeLessThan(0.563);
  });
});

describe("the default plan on A100 stays in the range measured on A100 (issue 12 item 7)", () => {
  it("GPT-3 175B on 1,024 A100 80 GB, global batch 1,536: MFU within Korthikanti et al. 2022 Table 5", () => {
    const acc = accelerator("a100-80gb");
    const found = searchLayouts({
      profile: stepProfile(modelPreset("gpt3-175b").spec, { precision: "bf16" }),
      accelerator: acc,
      precision: "bf16",
      space: { devices: 1024, globalBatch: 1536 },
      evaluate: {},
      objective: { objective: "throughput" },
      top: 1,
    });
    // Megatron-LM with selective recompute on A100: 41.5% (22B) … 56.3% (1T) MFU; 175B: 51.4%
    expect(found.top[0]!.mfu).toBeGreaterThan(0.415);
    expect(found.top[0]!.mfu).toBeLessThanOrEqual(0.563);
  });
});

describe("TorchTitan eager against torch.compile (Llama 3 8B, 8 H100, FSDP, selective recompute)", () => {
  it("predicts compile's speedup from the eager composites' traffic: 1.157x measured", () => {
    // torchtitan benchmarks/llama3_h100_202412_torchtitan.md (corpus torchtitan2024): 5,762 TPS/GPU eager
    // against 6,667 with torch.compile, both × 8 GPUs = 46,096 and 53,336 tokens/s. Before eager RMSNorm
    // and rotary were timed as their fp32 composites (eagerKernels.ts) the model gave 1.026x.
    const tps = (name: string) => {
      const c = CORPUS.find((x) => x.name === name)!;
      const { layout } = caseLayout(c, FRAMEWORK_PROFILES);
      const r = caseEvaluator(c, layout!, FRAMEWORK_PROFILES)();
      if (!r.feasible) throw new Error(`${name}: ${r.message}`);
      return r.tokensPerSecond;
    };
    const eager = tps("torchtitan2024-llama3-8b-h100-8-fsdp");
    const compiled = tps("torchtitan2024-llama3-8b-h100-8-fsdp-torch-compile");
    const measured = 53336 / 46096;
    expect(Math.abs(compiled / eager / measured - 1)).toBeLessThan(0.08);
  });
});

describe("a run whose published degrees the memory model cannot fit (caseLayout)", () => {
  it("keeps the stack's defaults under the most frugal recompute instead of a searched micro-batch", () => {
    // gpt-oss-120b on 64 B200 (Megatron-Bridge): dp 64, ep 8, mb 4 published, recompute not; with fp32
    // main gradients and an fp32 loss (the recipe reduces in bf16 and fuses the loss; the profile's
    // defaults here make the case over-full) the memory model puts it over 180 GB under every recompute.
    // Searching would have invented gradient accumulation.
    const run = CORPUS.find((x) => x.name === "megatron-bridge2025-gpt-oss-120b-b200-64-bf16")!;
    const c = { ...run, stack: undefined };
    expect(caseLayout(run, FRAMEWORK_PROFILES).source).toBe("defaults");
    const { layout, source } = caseLayout(c, FRAMEWORK_PROFILES);
    expect(source).toBe("defaults-over-memory");
    expect(layout).toMatchObject({ dp: 64, tp: 1, pp: 1, ep: 8, mb: 4, vp: 1, recompute: "full" });
  });
});
