import { rngFor, uniform01 } from "../fit/random.js";
import { quantile } from "../fit/summary.js";
import { type ErrorSample, sampleStepTimeFactor } from "../validation/modelError.js";
import type { IntervalSources } from "./forecastTypes.js";

/**
 * Salt of the model-error streams: the law's bootstrap uses `rngFor(seed, k)` for resample k, so the
 * model's draws use another seed and stay independent of the resample they are paired with.
 */
const MODEL_ERROR_STREAMS = 0x6d6f6465;

/** Model-error draws used for the "model alone" interval: stratified, so its quantiles are the sample's. */
const STRATIFIED = 1000;

/** The 2.5% and 97.5% quantiles of finite-or-infinite draws (NaN dropped), or null with fewer than two. */
export function range95(draws: readonly number[]): [number, number] | null {
  const kept = draws.filter((d) => !Number.isNaN(d)).sort((a, b) => a - b);
  return kept.length < 2 ? null : [quantile(kept, 0.025), quantile(kept, 0.975)];
}

/**
 * Step-time multipliers drawn from the model's error sample (issue 12 item 5): for draw k, the type-7
 * quantile of the out-of-sample log ratios ln(measured/predicted) at a uniform u_k, exponentiated
 * (`sampleStepTimeFactor`). With `paired`, u_k is seeded per draw (stream k of `seed` salted, so not the law's resample k's stream), independent of
 * the law's draw k: the two errors come from different data (the runs the law was fitted to, the
 * corpus the step-time model was judged on). Without, u_k = (k + ½)/count (stratified).
 */
export function stepTimeFactors(sample: ErrorSample, count: number, seed: number, paired: boolean): number[] {
  return Array.from({ length: count }, (_, k) =>
    sampleStepTimeFactor(
      sample,
      paired ? uniform01(rngFor(seed ^ MODEL_ERROR_STREAMS, k)) : (k + 0.5) / count,
    ),
  );
}

/** Multipliers on a point value: the law's, the model's, and both together. */
export interface CombinedDraws {
  /** Per-draw multiplier to apply to the outputs the error applies to (undefined: no interval). */
  combined: number[] | undefined;
  /**
   * The model-error multiplier of each combined draw (paired with the law's draws, or the stratified
   * ones without law draws); empty without a model error.
   */
  factors: number[];
  sources: IntervalSources;
}

/**
 * Combine the law's per-draw cost multipliers (N_k·D_k / N·D; empty when the law has no draws) with
 * the step-time model's error: draw k's time is the point time × law_k × model_k. Independent sources
 * multiply, so in log space their variances add: with log-normal errors of standard deviations σ_L and
 * σ_M the combined 95% interval is exp(±1.96·√(σ_L² + σ_M²)) (the test checks this). Without law
 * draws the model alone gives the interval; without a model error, the law alone. Under a money or
 * time budget the error applies to the data instead: a step f times slower buys 1/f the data, so the
 * model's multipliers are inverted (`appliesTo` "data and loss").
 */
export function combineDraws(
  lawRatios: readonly number[],
  sample: (ErrorSample & { label?: string }) | undefined,
  seed: number,
  appliesTo: IntervalSources["appliesTo"],
): CombinedDraws {
  const useModel = sample !== undefined && sample.n > 0;
  const power = appliesTo === "data and loss" ? -1 : 1;
  const draw = (count: number, paired: boolean) =>
    useModel ? stepTimeFactors(sample, count, seed, paired).map((f) => f ** power) : [];
  const model = draw(STRATIFIED, false);
  let combined: number[] | undefined;
  let factors: number[] = [];
  if (lawRatios.length >= 2 && useModel) {
    factors = draw(lawRatios.length, true);
    combined = lawRatios.map((r, k) => r * factors[k]!);
  } else if (lawRatios.length >= 2) combined = [...lawRatios];
  else if (useModel) combined = factors = model;
  return {
    combined,
    factors,
    sources: {
      appliesTo,
      law: lawRatios.length >= 2 ? range95(lawRatios) : null,
      model: useModel ? range95(model) : null,
      combined: combined ? range95(combined) : null,
      modelError: useModel
        ? {
            label: sample.label ?? "the step-time model's out-of-sample error",
            cases: sample.n,
            sdLog: sample.sd,
          }
        : null,
    },
  };
}
