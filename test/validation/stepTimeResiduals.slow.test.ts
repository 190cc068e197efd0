import { describe, expect, it } from "vitest";
import { CORPUS } from "../../src/validation/corpus.js";
import { measuredStepSeconds } from "../../src/validation/measuredStepSeconds.js";
import { outOfSampleResiduals } from "../../src/validation/modelError.js";
import { bestMeasuredMfu } from "../../src/validation/bestMeasuredMfu.js";
import { bestMeasuredMfuOn, STEP_TIME_RESIDUALS } from "../../src/validation/stepTimeError.js";
import { validateCorpus } from "../../src/validation/validateCorpus.js";

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

  it("store the corpus's best measured MFU per accelerator (else: npm run residuals)", () => {
    for (const a of new Set(CORPUS.map((c) => c.accelerator))) {
      const best = bestMeasuredMfu(CORPUS, a);
      if (best === undefined) expect(bestMeasuredMfuOn(a)).toBeUndefined();
      else {
        expect(bestMeasuredMfuOn(a)!.case).toBe(best.case);
        expect(bestMeasuredMfuOn(a)!.mfu).toBeCloseTo(best.mfu, 5);
      }
    }
  });
});
