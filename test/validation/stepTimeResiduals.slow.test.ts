import { describe, expect, it } from "vitest";
import { CORPUS } from "../../src/validation/corpus.js";
import { measuredStepSeconds } from "../../src/validation/measuredStepSeconds.js";
import { outOfSampleResiduals } from "../../src/validation/modelError.js";
import { bestMeasuredMfu } from "../../src/validation/bestMeasuredMfu.js";
import { bestMeasuredMfuOn, largestMeasuredOn } from "../../src/validation/measuredLimitsTable.js";
import { largestMeasured } from "../../src/validation/largestMeasured.js";
import { STEP_TIME_RESIDUALS } from "../../src/validation/stepTimeError.js";
import { validateCorpus } from "../../src/validation/validateCorpus.js";
import type { Precision } from "../../src/workload/precision.js";

describe("the stored step-time residuals the forecast's intervals use", () => {
  it("are the out-of-sample residuals validateCorpus gives today (else: npm run residuals)", () => {
    const report = validateCorpus(CORPUS, { measuredStepSeconds });
    const now = outOfSampleResiduals(report.cases);
    expect(STEP_TIME_RESIDUALS.length).toBe(now.length);
    now.forEach((r, i) => {
      expect(STEP_TIME_RESIDUALS[i]!.accelerator).toBe(r.accelerator);
      expect(STEP_TIME_RESIDUALS[i]!.logRatio).toBeCloseTo(r.logRatio, 5);
    });
  });

  it("store the corpus's best measured MFU per accelerator and precision (else: npm run residuals)", () => {
    for (const c of CORPUS) {
      const p = c.precision as Precision;
      const best = bestMeasuredMfu(CORPUS, c.accelerator, p)!;
      expect(bestMeasuredMfuOn(c.accelerator, p)!.case).toBe(best.case);
      expect(bestMeasuredMfuOn(c.accelerator, p)!.mfu).toBeCloseTo(best.mfu, 5);
    }
  });

  it("store the corpus's largest run per accelerator (else: npm run residuals)", () => {
    for (const a of new Set(CORPUS.map((c) => c.accelerator)))
      expect(largestMeasuredOn(a)).toEqual(largestMeasured(CORPUS, a) ?? null);
  });
});
