import { describe, expect, it } from "vitest";
import { FRAMEWORK_PROFILES, TORCHTITAN_ASYNC_TP_HIDDEN } from "../../src/parallel/frameworkProfiles.js";
import { CORPUS } from "../../src/validation/corpus.js";
import { caseEvaluator, caseLayout } from "../../src/validation/predictCase.js";

// TorchTitan's async-TP ablation (benchmarks/asyncTP_llama3_h100_2025-06_torchtitan.md): 1.09-1.10x
// over vanilla TP on Llama 3.1 70B (FSDP 32 × TP 8, bf16, compile, full AC, local batch 16) and 8B
// (FSDP 8 × TP 8, per-op SAC, local batch 12). The corpus holds both vanilla runs; with async TP on,
// the hidden share TORCHTITAN_ASYNC_TP_HIDDEN must give back the published speedup.
describe("TorchTitan async TP hides the share of TP traffic its ablation measured", () => {
  for (const name of [
    "torchtitan2024-llama3-70b-h100-256-tp8-bf16",
    "torchtitan2024-llama3-8b-h100-64-tp8-bf16",
  ])
    it(name, () => {
      const c = CORPUS.find((x) => x.name === name)!;
      const { layout } = caseLayout(c);
      const vanilla = caseEvaluator(c, layout!)();
      const asyncCase = { ...c, stack: { ...c.stack, overlapTensorParallel: true } };
      const overlapped = caseEvaluator(asyncCase, layout!)();
      if (!vanilla.feasible || !overlapped.feasible) throw new Error("the published layout is timed");
      const speedup = vanilla.step.seconds / overlapped.step.seconds;
      expect(speedup).toBeGreaterThan(1.08);
      expect(speedup).toBeLessThan(1.11);
      expect(FRAMEWORK_PROFILES.torchtitan.tensorParallelHidden).toBe(TORCHTITAN_ASYNC_TP_HIDDEN);
    });
});
