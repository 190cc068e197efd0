import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { lawFromPreset } from "../../src/laws/law.js";
import { lawPreset } from "../../src/laws/presets/index.js";
import { forecastCache } from "../../src/plan/forecastCache.js";
import { forecastCore } from "../../src/plan/forecastCore.js";
import { combineDraws } from "../../src/plan/forecastUncertainty.js";
import { forecastTables } from "../../src/report/forecastTables.js";
import { errorSampleFor, modelErrorDistribution } from "../../src/validation/modelError.js";
import { STEP_TIME_RESIDUALS, stepTimeError } from "../../src/validation/stepTimeError.js";
import { mfuAboveBestWarning } from "../../src/validation/bestMfu.js";
import { bestMeasuredMfuOn } from "../../src/validation/measuredLimitsTable.js";

/** Standard normal quantile by Newton's method on Φ (erf by Abramowitz & Stegun 7.1.26, |ε| < 1.5e-7). */
function normalQuantile(p: number): number {
  const erf = (x: number) => {
    const t = 1 / (1 + 0.3275911 * Math.abs(x));
    const y =
      1 -
      ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
        t *
        Math.exp(-x * x);
    return x >= 0 ? y : -y;
  };
  let x = 0;
  for (let i = 0; i < 50; i++)
    x -= (0.5 * (1 + erf(x / Math.SQRT2)) - p) / (Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI));
  return x;
}

/** A synthetic corpus whose error is known: n residuals at the normal's quantiles, sd `sd`. */
const syntheticResiduals = (n: number, sd: number, acc: string) =>
  Array.from({ length: n }, (_, i) => ({ accelerator: acc, logRatio: sd * normalQuantile((i + 0.5) / n) }));

describe("forecast intervals carry the step-time model's own error (issue 12 item 5)", () => {
  it("a synthetic corpus with log error sd 0.1: a preset law's days interval is exp(±1.96 × 0.1)", () => {
    const me = errorSampleFor(modelErrorDistribution(syntheticResiduals(400, 0.1, "h100-sxm")), "h100-sxm");
    const input = {
      law: lawFromPreset(lawPreset("chinchilla-epoch")),
      target: 2.1,
      accelerator: accelerator("h100-sxm"),
      devices: 256,
      cache: forecastCache(),
    };
    // the preset has no bootstrap draws: without the model's error there is no interval
    expect(forecastCore(input).train.days.ci95).toBeNull();
    const f = forecastCore({ ...input, modelError: me });
    const [lo, hi] = f.train.days.ci95!;
    // exp(−0.196) = 0.822, exp(0.196) = 1.217 (the sample's own type-7 quantiles, within 1%)
    expect(lo / f.train.days.value / Math.exp(-1.96 * 0.1)).toBeCloseTo(1, 2);
    expect(hi / f.train.days.value / Math.exp(1.96 * 0.1)).toBeCloseTo(1, 2);
    expect(f.cost.dollars!.ci95![1] / f.cost.dollars!.value).toBeCloseTo(hi / f.train.days.value, 10);
    expect(f.intervals.law).toBeNull();
    expect(f.intervals.model![1]).toBeCloseTo(f.intervals.combined![1], 10);
    // the report says where each interval comes from: the law, the performance model, both
    const sources = forecastTables(f).find((t) => /intervals come from/.test(t.title))!;
    expect(sources.rows.map((r) => r[0])).toEqual(["the law alone", "the step-time model alone", "both"]);
    expect(sources.rows[0]![1]).toBe("-");
    expect(sources.rows[1]![2]).toMatch(/400 cases, sd of ln\(measured\/predicted\) 0\.1/);
  });

  it("independent sources add in log variance: law sd 0.2 and model sd 0.1 give exp(±1.96·√0.05)", () => {
    const n = 2000;
    // the law's cost ratios at the normal's quantiles, in a scrambled order (draw k is resample k)
    const law = syntheticResiduals(n, 0.2, "-").map((r) => Math.exp(r.logRatio));
    const scrambled = law.map((_, k) => law[(k * 7919) % n]!);
    const me = errorSampleFor(modelErrorDistribution(syntheticResiduals(400, 0.1, "x")), "x");
    const u = combineDraws(scrambled, me, 1, "time and cost");
    const z = 1.96;
    expect(Math.log(u.sources.law![1]) / (z * 0.2)).toBeCloseTo(1, 1);
    expect(Math.log(u.sources.model![1]) / (z * 0.1)).toBeCloseTo(1, 1);
    // √(0.2² + 0.1²) = 0.2236: the combined half-width, within Monte Carlo error (~3% at 2000 draws)
    expect(Math.abs(Math.log(u.sources.combined![1]) / (z * Math.sqrt(0.05)) - 1)).toBeLessThan(0.05);
    expect(Math.abs(Math.log(u.sources.combined![0]) / (-z * Math.sqrt(0.05)) - 1)).toBeLessThan(0.05);
    // under a money or time budget the error falls on the data: a step f times slower buys 1/f the data
    const onData = combineDraws([], me, 1, "data and loss");
    expect(onData.sources.model![1]).toBeCloseTo(1 / u.sources.model![0], 5);
  });

  it("per accelerator where the corpus has at least 8 cases, pooled otherwise, and labelled so", () => {
    const count = (a: string) => STEP_TIME_RESIDUALS.filter((r) => r.accelerator === a).length;
    expect(count("a100-80gb")).toBeGreaterThanOrEqual(8);
    expect(stepTimeError("a100-80gb").n).toBe(count("a100-80gb"));
    expect(stepTimeError("a100-80gb").label).toMatch(/on a100-80gb/);
    expect(count("v100-32gb")).toBeLessThan(8);
    expect(stepTimeError("v100-32gb").n).toBe(STEP_TIME_RESIDUALS.length);
    expect(stepTimeError("v100-32gb").label).toMatch(/every accelerator/);
  });

  it("an export variant without cases of its own takes the cases of the compute it shares", () => {
    const count = (a: string) => STEP_TIME_RESIDUALS.filter((r) => r.accelerator === a).length;
    expect(count("h800")).toBe(0);
    const h800 = stepTimeError(accelerator("h800"));
    expect(h800.n).toBe(count("h100-sxm"));
    expect(h800.label).toBe("out-of-sample corpus cases on h100-sxm (h800's compute)");
    // the best MFU a prediction is warned against is the H100's, said to be measured there
    const best = bestMeasuredMfuOn(accelerator("h800"), "bf16")!;
    expect(best).toEqual({ ...bestMeasuredMfuOn("h100-sxm", "bf16")!, on: "h100-sxm" });
    expect(mfuAboveBestWarning(best.mfu + 0.01, "h800", best)).toMatch(
      /beats the best measured on h100-sxm \(h800's compute\) in the validation corpus/,
    );
    // a name alone has no variant: nothing measured on an H800 itself
    expect(bestMeasuredMfuOn("h800", "bf16")).toBeUndefined();
  });
});
