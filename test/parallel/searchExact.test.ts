/**
 * The layout search's shortcuts change no number (issue 17): segment times cached across layouts, the
 * score computed without building the result, the frugal-layout pruning and the top-k insertion must
 * give exactly what the plain definition gives: evaluate every layout of the space on its own (a fresh
 * evaluator per layout, so no cache is shared), keep the feasible ones (skipping selective recompute
 * under flash attention, which the search documents as a tie), sort them stably by the objective and
 * take the first k. Exact equality (toEqual, toBe), not closeness.
 */
import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { layoutEvaluator, type TimedLayout } from "../../src/parallel/evaluateLayout.js";
import type { Layout } from "../../src/parallel/layout.js";
import { score } from "../../src/parallel/objective.js";
import {
  jobContext,
  jobSystem,
  jobTuples,
  type SearchJob,
  searchLayouts,
} from "../../src/parallel/searchLayouts.js";
import { innerLayouts } from "../../src/parallel/searchSpace.js";
import { stepProfile } from "../../src/parallel/stepProfile.js";
import { bindSystem, systemFor } from "../../src/parallel/systemFor.js";
import { modelPreset } from "../../src/workload/presets/index.js";
import type { Precision } from "../../src/workload/precision.js";

const job = (
  preset: string,
  acc: string,
  precision: Precision,
  space: SearchJob["space"],
  rest: Partial<SearchJob> = {},
): SearchJob => ({
  profile: stepProfile(modelPreset(preset).spec, { precision }),
  accelerator: accelerator(acc),
  precision,
  space,
  evaluate: {},
  objective: { objective: "throughput" },
  top: 8,
  ...rest,
});

const CASES: [string, SearchJob][] = [
  [
    "llama2-7b, 64 H100, bf16, throughput (cp in the space)",
    job("llama2-7b", "h100-sxm", "bf16", { devices: 64, globalBatch: 128, maxMicroBatch: 2 }),
  ],
  [
    "llama2-7b, 32 H100, fp8 on TorchTitan (per-op selective recompute), cost in dollars",
    job(
      "llama2-7b",
      "h100-sxm",
      "fp8",
      { devices: 32, globalBatch: 64, maxMicroBatch: 2 },
      {
        system: systemFor(accelerator("h100-sxm"), { framework: "torchtitan" }),
        objective: { objective: "cost", dollarsPerHour: 2.5 },
      },
    ),
  ],
  [
    "mixtral-8x7b, 16 H100, bf16, time with a deadline (ep and cp in the space)",
    job(
      "mixtral-8x7b",
      "h100-sxm",
      "bf16",
      { devices: 16, globalBatch: 32, maxMicroBatch: 1 },
      { objective: { objective: "time", units: 1e11, deadlineSeconds: 30 * 86400, dollarsPerHour: 3 } },
    ),
  ],
  [
    "gpt3-175b, up to 64 A100, memory-bound (pipelines and ZeRO needed), standard attention, cost",
    job(
      "gpt3-175b",
      "a100-80gb",
      "bf16",
      { maxDevices: 64, globalBatch: 32, maxMicroBatch: 1, fixed: { cp: 1 } },
      { evaluate: { attention: "standard" }, objective: { objective: "cost" } },
    ),
  ],
];

/** Every layout of a job's space, in the search's order. */
function spaceOf(j: SearchJob): Layout[] {
  const context = jobContext(j);
  return jobTuples(j).flatMap((t) => innerLayouts(context, j.space, t));
}

describe("the layout search is exact (issue 17)", () => {
  for (const [name, j] of CASES)
    it(name, () => {
      const sys = bindSystem(jobSystem(j), j.precision);
      const options = { ...j.evaluate, globalBatch: j.space.globalBatch };
      const flashTies =
        (j.evaluate.attention ?? "flash") === "flash" &&
        j.profile.heads !== undefined &&
        j.space.fixed?.recompute === undefined;
      const shared = layoutEvaluator(j.profile, sys, options);
      const feasible: { t: TimedLayout; s: number }[] = [];
      let rejectedMemory = 0;
      for (const l of spaceOf(j)) {
        const plain = layoutEvaluator(j.profile, sys, options)(l);
        const cached = shared(l);
        // the evaluator with its caches warm from the layouts before gives every number the plain one does
        expect(cached).toEqual(plain);
        if (!plain.feasible) {
          expect(!cached.feasible && cached.message).toBe(plain.message);
          if (plain.reason === "memory") rejectedMemory++;
          continue;
        }
        if (flashTies && l.recompute === "selective") continue;
        feasible.push({ t: plain, s: score(plain, j.objective) });
      }
      // a stable sort keeps the search's tie order (the first of equal scores stays first)
      const expected = feasible
        .sort((a, b) => a.s - b.s)
        .slice(0, j.top)
        .map((x) => x.t);
      const found = searchLayouts(j, sys);
      expect(expected.length).toBeGreaterThan(0);
      expect(found.top).toEqual(expected);
      expect(found.evaluated).toBe(feasible.length);
      if (name.includes("memory-bound")) expect(rejectedMemory).toBeGreaterThan(0);
    });
});
