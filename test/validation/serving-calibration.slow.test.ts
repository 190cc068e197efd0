import { describe, expect, it } from "vitest";
import { SERVING_CALIBRATION } from "../../src/plan/servingCalibration.js";
import { fitServingCalibration } from "../../src/plan/servingFit.js";
import { SERVING_CORPUS } from "../../src/validation/serving.js";

describe("serving calibration", () => {
  it("the stored constants are the fit on the named calibration subset", () => {
    const names = new Set<string>(SERVING_CALIBRATION.calibrationCases);
    const cases = SERVING_CORPUS.filter((c) => names.has(c.name));
    expect(cases).toHaveLength(names.size);
    const fit = fitServingCalibration(cases);
    console.log(`\nserving fit on ${fit.cases.length} cases: ${JSON.stringify(fit)}`);
    expect(fit.bandwidthFraction).toBe(SERVING_CALIBRATION.bandwidthFraction);
    expect(fit.stepOverheadSeconds).toBe(SERVING_CALIBRATION.stepOverheadSeconds);
    expect(fit.rmsLogError).toBeCloseTo(SERVING_CALIBRATION.rmsLogError, 3);
  });
});
