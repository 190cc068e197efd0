/**
 * Summaries of bootstrap draws: standard errors and percentile intervals (Efron & Tibshirani 1993, ch. 13),
 * as Epoch reports for Chinchilla (Besiroglu et al. 2024).
 */

import type { BootstrapDraw } from "./bootstrap.js";

/**
 * The p-quantile of ascending-sorted values by linear interpolation between order statistics: Hyndman &
 * Fan (1996) type 7, NumPy's default (`np.quantile(..., method="linear")`): h = (n − 1)p,
 * q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). NaN for an empty array. Infinite values (a bootstrap
 * draw that can never reach a target) stay in order: interpolating towards +∞ gives +∞ as NumPy does, and
 * where NumPy would subtract two infinities (giving NaN) the infinite order statistic is returned. The one
 * quantile of the project.
 *
 * @param sorted - values in ascending order (not checked)
 * @param p - probability in [0, 1]
 */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (!(p >= 0 && p <= 1)) throw new Error(`fit: quantile p is ${p}, expected a number in [0, 1]`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const f = h - lo;
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, n - 1)]!;
  if (f === 0 || a === b || a === Number.NEGATIVE_INFINITY) return a;
  if (b === Number.POSITIVE_INFINITY) return b;
  return a + f * (b - a);
}

/** Sample standard deviation (divisor n − 1, NumPy `ddof=1`); NaN when fewer than 2 values. */
export function standardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const e = values[i]! - mean;
    ss += e * e;
  }
  return Math.sqrt(ss / (n - 1));
}

/** Spread of a set of bootstrap draws of one quantity. */
export interface DrawSummary {
  /** Bootstrap standard error: sample standard deviation of the used draws. */
  se: number;
  /** 95% percentile interval: the 2.5% and 97.5% type-7 quantiles of the used draws. */
  ci95: [number, number];
  /** Number of draws used. */
  n: number;
  /** Number of draws left out (null: not converged; or non-finite). */
  dropped: number;
}

/**
 * Standard error and 95% percentile interval of draws of one quantity. Non-converged draws are passed as
 * null (or NaN) and are left out; `n` says how many were used.
 *
 * @param values - one value per bootstrap draw
 */
export function summarizeDraws(values: readonly (number | null)[]): DrawSummary {
  const used: number[] = [];
  for (const v of values) if (v !== null && Number.isFinite(v)) used.push(v);
  used.sort((a, b) => a - b);
  return {
    se: standardDeviation(used),
    ci95: [quantile(used, 0.025), quantile(used, 0.975)],
    n: used.length,
    dropped: values.length - used.length,
  };
}

/**
 * {@link summarizeDraws} for each parameter of a bootstrap, using only draws whose status is
 * `"converged"`. Parameters are in θ's parameterisation (e.g. log A); transform the draws first to
 * summarise a derived quantity.
 *
 * @param draws - bootstrap draws (any order)
 * @param size - number of parameters
 */
export function summarizeParameters(draws: readonly BootstrapDraw[], size: number): DrawSummary[] {
  const out: DrawSummary[] = [];
  for (let j = 0; j < size; j++) {
    out.push(summarizeDraws(draws.map((d) => (d.status === "converged" ? (d.theta[j] ?? null) : null))));
  }
  return out;
}
