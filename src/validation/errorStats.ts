/** Count, mean and max of |delta| over a group of cases, percent (NaN deltas counted as failures). */
export interface ErrorStats {
  n: number;
  meanAbsPct: number;
  maxAbsPct: number;
  /** Cases with no prediction (no layout fits): they make the mean and max NaN. */
  failed?: number;
}

/**
 * Mean and max absolute error of a list of signed percent errors. A NaN (a case the model could not
 * time) is not dropped: it makes the mean and max NaN and is counted in `failed`, so a failure is never
 * hidden behind a good average. Empty lists give n = 0 and zeros.
 */
export function errorStats(deltasPct: readonly number[]): ErrorStats {
  const n = deltasPct.length;
  if (n === 0) return { n: 0, meanAbsPct: 0, maxAbsPct: 0 };
  const failed = deltasPct.filter((d) => !Number.isFinite(d)).length;
  const abs = deltasPct.map(Math.abs);
  const stats: ErrorStats = {
    n,
    meanAbsPct: abs.reduce((s, v) => s + v, 0) / n,
    maxAbsPct: abs.reduce((m, v) => (v > m || Number.isNaN(v) ? v : m), 0),
  };
  if (failed) stats.failed = failed;
  return stats;
}
