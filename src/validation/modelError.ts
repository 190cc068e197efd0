import { quantile } from "../fit/summary.js";
import type { CaseResult } from "./validateCorpus.js";

/** One group's error of the step-time model, as sorted log ratios ln(measured / predicted step time). */
export interface ErrorSample {
  /** Cases the group holds. */
  n: number;
  /** Sorted ascending: the residuals themselves, so any quantile can be read back. */
  logRatios: number[];
  /** Mean and sample standard deviation of the log ratios. */
  mean: number;
  sd: number;
}

/** The step-time model's own error (issue 12 item 5): per accelerator where there are enough cases, pooled otherwise. */
export interface ModelErrorDistribution {
  pooled: ErrorSample;
  byAccelerator: Record<string, ErrorSample>;
  /** Fewest cases an accelerator needs for its own sample (else it uses the pooled one). */
  minCases: number;
}

/** A residual: the multiplier ln(measured/predicted) of one case's step time, and where it ran. */
export interface Residual {
  accelerator: string;
  logRatio: number;
}

const sample = (logRatios: readonly number[]): ErrorSample => {
  const sorted = [...logRatios].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { n, logRatios: sorted, mean, sd };
};

/**
 * The step-time multiplier a case's residual says the model missed: measured / predicted seconds per
 * step. For a rate metric the report's predicted value is the measured rate × measured/predicted step
 * time, so the multiplier is predicted/measured in that metric; for step seconds it is measured/predicted.
 */
export function stepTimeRatio(r: Pick<CaseResult, "metric" | "measured" | "predicted">): number {
  return r.metric === "step-seconds" ? r.measured / r.predicted : r.predicted / r.measured;
}

/**
 * The out-of-sample residuals of a validation report (cases the model could not time are left out and
 * counted by the report; cases it does not model, `notModelled`, are left out with their reason).
 */
export function outOfSampleResiduals(
  cases: readonly Pick<
    CaseResult,
    "inSample" | "predicted" | "measured" | "metric" | "accelerator" | "notModelled"
  >[],
): Residual[] {
  return cases
    .filter((c) => !c.inSample && !c.notModelled && Number.isFinite(c.predicted))
    .map((c) => ({ accelerator: c.accelerator, logRatio: Math.log(stepTimeRatio(c)) }));
}

/**
 * The model's error distribution from out-of-sample residuals (log ratios of measured to predicted step
 * time): the empirical distribution per accelerator with at least `minCases` residuals (default 8), and
 * the pooled one for every other accelerator. Empirical rather than fitted: the residuals are few and
 * need not be normal; `sampleStepTimeFactor` reads them back by type-7 quantiles.
 */
export function modelErrorDistribution(residuals: readonly Residual[], minCases = 8): ModelErrorDistribution {
  const by = new Map<string, number[]>();
  for (const r of residuals) {
    if (!Number.isFinite(r.logRatio)) continue;
    const list = by.get(r.accelerator) ?? [];
    list.push(r.logRatio);
    by.set(r.accelerator, list);
  }
  const byAccelerator: Record<string, ErrorSample> = {};
  for (const [acc, list] of by) if (list.length >= minCases) byAccelerator[acc] = sample(list);
  return {
    pooled: sample(residuals.map((r) => r.logRatio).filter(Number.isFinite)),
    byAccelerator,
    minCases,
  };
}

/** The error sample that applies to an accelerator: its own, or the pooled one. */
export function errorSampleFor(d: ModelErrorDistribution, accelerator: string): ErrorSample {
  return d.byAccelerator[accelerator] ?? d.pooled;
}

/**
 * A multiplier on predicted step time drawn from the error sample: exp of the type-7 quantile of the
 * log ratios at probability `u` ∈ [0, 1] (a forecast passes uniform draws, seeded, to sample the model's
 * error; u = 0.5 gives the median correction).
 */
export function sampleStepTimeFactor(s: ErrorSample, u: number): number {
  if (s.n === 0) return 1;
  return Math.exp(quantile(s.logRatios, Math.min(1, Math.max(0, u))));
}
