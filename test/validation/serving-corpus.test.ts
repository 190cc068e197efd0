import { describe, expect, it } from "vitest";
import { predictServingCase, type ServingPrediction } from "../../src/plan/inferenceCase.js";
import { SERVING_CALIBRATION } from "../../src/plan/servingCalibration.js";
import { SERVING_CORPUS } from "../../src/validation/serving.js";

const calibration = new Set<string>(SERVING_CALIBRATION.calibrationCases);
let memo: ServingPrediction[] | undefined;
/** Every case predicted once (in the first test that asks, so that its time counts as test time). */
const predictAll = () => (memo ??= SERVING_CORPUS.map((c) => predictServingCase(c, SERVING_CALIBRATION)));
const stats = (ps: ServingPrediction[]) => {
  const abs = ps.map((p) => Math.abs(p.deltaPct!));
  return {
    n: abs.length,
    mean: abs.reduce((s, v) => s + v, 0) / Math.max(1, abs.length),
    max: Math.max(0, ...abs),
  };
};
const fp4OrMoe = (p: ServingPrediction) => /qwen3|fp4/.test(p.name);

describe("serving model against the serving corpus (issue 15)", () => {
  it("prints predicted, measured and delta % per case, in and out of sample, and meets its tolerances", () => {
    const predictions = predictAll();
    const predicted = predictions.filter((p) => p.predicted !== null);
    const row = (p: ServingPrediction) =>
      `  ${p.name.padEnd(56)} ${p.accelerator.padEnd(9)} ${String(p.measured).padStart(9)} ${p.predicted === null ? "-".padStart(9) : p.predicted.toPrecision(5).padStart(9)} ${p.deltaPct === null ? `  not predicted: ${p.skipped}` : `${p.deltaPct >= 0 ? "+" : ""}${p.deltaPct.toFixed(1)}%`.padStart(8)}${calibration.has(p.name) ? "  (calibration)" : ""}`;
    const inSample = stats(predicted.filter((p) => calibration.has(p.name)));
    const out = predicted.filter((p) => !calibration.has(p.name));
    const outDense = stats(out.filter((p) => !fp4OrMoe(p)));
    const outAll = stats(out);
    const byAcc = [...new Set(out.map((p) => p.accelerator))].map(
      (a) => `${a} ${stats(out.filter((p) => p.accelerator === a)).mean.toFixed(1)}%`,
    );
    console.log(
      [
        `\nserving corpus: output tokens/s, predicted against measured (constants: ${SERVING_CALIBRATION.bandwidthFraction} of bandwidth, ${1e3 * SERVING_CALIBRATION.stepOverheadSeconds} ms per pass)`,
        `  ${"case".padEnd(56)} ${"device".padEnd(9)} ${"measured".padStart(9)} ${"predicted".padStart(9)} ${"delta".padStart(8)}`,
        ...predictions.map(row),
        `  in sample (${inSample.n}): mean |delta| ${inSample.mean.toFixed(1)}%, max ${inSample.max.toFixed(1)}%`,
        `  out of sample, dense fp8 (${outDense.n}): mean ${outDense.mean.toFixed(1)}%, max ${outDense.max.toFixed(1)}%`,
        `  out of sample, all (${outAll.n}, with MoE and fp4): mean ${outAll.mean.toFixed(1)}%, max ${outAll.max.toFixed(1)}%`,
        `  out of sample by accelerator (mean |delta|): ${byAcc.join(", ")}`,
      ].join("\n"),
    );
    expect(inSample.n).toBe(4);
    expect(inSample.mean).toBeLessThan(7);
    // dense FP8 models on H100 and H200 the calibration never saw: 70B, 405B, H200
    expect(outDense.n).toBeGreaterThanOrEqual(6);
    expect(outDense.mean).toBeLessThan(10);
    expect(outDense.max).toBeLessThan(25);
    // MoE (expert parallel, attention data parallel) and Blackwell fp4 (its GEMM efficiency) are not
    // calibrated: printed above for the record, not claimed
  });

  it("says why each case it does not predict is left out", () => {
    const predictions = predictAll();
    const predicted = predictions.filter((p) => p.predicted !== null);
    const skipped = predictions.filter((p) => p.predicted === null);
    for (const p of skipped) expect(p.skipped, p.name).toMatch(/unpublished|not modelled/);
    expect(predicted.length).toBeGreaterThanOrEqual(14);
  });
});
