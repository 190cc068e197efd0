import { describe, expect, it } from "vitest";
import { CORPUS } from "../../src/validation/corpus.js";
import { predictWholeRun, validateWholeRuns, WHOLE_RUNS } from "../../src/validation/wholeRun.js";
import { printCases } from "./report.js";

// Whole runs (src/validation/runs/wholeRuns.json, each cited there): the device-hours sources report for a
// run, every hour the devices were held, against `plan --search --tokens` (the step-time model, the layout
// search and the goodput model together). Nothing is fitted on them.
describe("Whole runs: published device-hours against plan with goodput, out of sample", () => {
  const { runs, summary } = validateWholeRuns(WHOLE_RUNS, CORPUS);
  printCases(
    "Whole runs: device-hours, plan --search --tokens with goodput vs published",
    runs.map((r) => ({
      name: r.name,
      actual: r.predictedDeviceHours,
      expected: r.measuredDeviceHours,
      tolerancePct: 15,
    })),
  );

  it("Llama 2 7B, 13B and 70B (Touvron et al. 2023 Table 2), BLOOM 176B and GPT-NeoX-20B each within 15%", () => {
    expect(runs.map((r) => r.name).sort()).toEqual([
      "bloom2022-176b",
      "gpt-neox2022-20b",
      "llama2-2023-13b",
      "llama2-2023-70b",
      "llama2-2023-7b",
    ]);
    for (const r of runs) expect(Math.abs(r.deltaPct), r.name).toBeLessThan(15);
  });

  it("the mean |delta| within 8%, and every run loses something to failures and checkpoints", () => {
    expect(summary.meanAbsPct).toBeLessThan(8);
    for (const r of runs) {
      expect(r.goodput, r.name).toBeLessThan(1);
      expect(r.goodput, r.name).toBeGreaterThan(0.95);
    }
  });

  it("a run that borrows a corpus case's step must be that case's run: another device count is refused", () => {
    const bloom = WHOLE_RUNS.find((r) => r.name === "bloom2022-176b")!;
    expect(() => predictWholeRun({ ...bloom, devices: 768 }, CORPUS)).toThrow(
      "whole run bloom2022-176b devices: got 768, expected 384, as its step's case bloom2022-176b-384",
    );
  });
});
