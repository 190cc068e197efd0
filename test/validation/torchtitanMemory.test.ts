import { describe, expect, it } from "vitest";
import { CORPUS } from "../../src/validation/corpus.js";
import { caseEvaluator, caseLayout } from "../../src/validation/predictCase.js";

const GiB = 1024 ** 3;

// TorchTitan's benchmark tables (benchmarks/llama3_h100_202412_torchtitan.md) give each run's peak
// memory in GiB beside its throughput, quoted in the corpus. The 1D-FSDP rows run per-op selective
// checkpointing ("every other mm"), the policy the memory model keeps as the block input, the attention
// kernel's output and half the matmul outputs. The model's device memory (the runtime reserve included)
// must be within 10% of each. Not asserted: the 2D row (70B, TP 8, full AC: the model says 59.9 GiB
// against 71.9) and the PP rows (405B: 44.6/51.6 against 82.5/72.7; FSDP under pipelining keeps
// parameters unsharded between micro-batches, which the model does not).
const MEASURED_GIB: Record<string, number> = {
  "torchtitan2024-llama3-8b-h100-8-fsdp": 82.4,
  "torchtitan2024-llama3-8b-h100-8-fsdp-torch-compile": 77.0,
  "torchtitan2024-llama3-8b-h100-8-fsdp-torch-compile-float8": 76.8,
  "torchtitan2024-llama3-8b-h100-128-fsdp": 67.0,
};

describe("device memory against TorchTitan's measured peak (per-op selective checkpointing)", () => {
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
