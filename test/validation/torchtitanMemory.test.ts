import { describe, expect, it } from "vitest";
import { CORPUS } from "../../src/validation/corpus.js";
import { caseEvaluator, caseLayout } from "../../src/validation/predictCase.js";

const GiB = 1024 ** 3;

// TorchTitan's benchmark tables (benchmarks/llama3_h100_202412_torchtitan.md) give each run's peak
// memory in GiB beside its throughput, quoted in the corpus. The 1D-FSDP rows run per-op selective
// checkpointing ("every other mm"), the policy the memory model keeps as the block input, the attention
// kernel's output and half the matmul outputs. The model's device memory (the runtime reserve included)
// must be within 10% of each. The pipelined rows (405B, TP 8 × PP 8, full AC) hold each stage's
// parameters gathered and its gradients unsharded in fp32 across micro-batches (FSDP2 under
// torch.distributed.pipelining, framework.ts `shardedStateUnderPipeline`): 80.2-80.8 GiB against
// 75.3-84.9 (44.6-45.2 before that was modelled). Not asserted: the 2D row (70B, TP 8, full AC: the
// model says 59.9 GiB against 71.9) and the interleaved 1F1B row (87.2 against 72.7: measured lower
// than 1F1B's 82.5 with the same parameters per rank, which this model cannot explain).
const MEASURED_GIB: Record<string, number> = {
  "torchtitan2024-llama3-8b-h100-8-fsdp": 82.4,
  "torchtitan2024-llama3-8b-h100-8-fsdp-torch-compile": 77.0,
  "torchtitan2024-llama3-8b-h100-8-fsdp-torch-compile-float8": 76.8,
  "torchtitan2024-llama3-8b-h100-128-fsdp": 67.0,
  "torchtitan2024-llama3-405b-h100-512-1f1b": 82.5,
  "torchtitan2024-llama3-405b-h100-512-4d-cp1-s32768": 75.3,
  "torchtitan2024-llama3-405b-h100-512-4d-cp2-s65536": 75.9,
  "torchtitan2024-llama3-405b-h100-512-4d-cp4-s131072": 77.1,
  "torchtitan2024-llama3-405b-h100-512-4d-cp8-s262144": 84.9,
};

describe("device memory against TorchTitan's measured peak", () => {
  for (const [name, gib] of Object.entries(MEASURED_GIB))
    it(`${name}: ${gib} GiB`, () => {
      const c = CORPUS.find((x) => x.name === name)!;
      expect(c.quote).toContain(`| ${gib.toFixed(1)} |`);
      const { layout, source } = caseLayout(c);
      expect(source).toBe("defaults"); // the published layout fits as it ran
      const r = caseEvaluator(c, layout!)();
      if (!r.feasible) throw new Error("a published layout is always timed");
      const predicted = r.memory.perDeviceBytes / GiB;
      expect(Math.abs(predicted / gib - 1)).toBeLessThan(0.1);
    });
});
