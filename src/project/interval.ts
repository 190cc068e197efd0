import { quantile } from "../fit/summary.js";

/** A projected quantity with its 95% bootstrap interval (null when the law carries no draws). */
export interface Interval {
  value: number;
  ci95: [number, number] | null;
}

/**
 * Point value plus the 2.5% and 97.5% percentiles of its bootstrap draws. Draws may be +Infinity (a
 * target that a draw cannot reach at any size); the upper bound is then Infinity, written as null in JSON.
 */
export function intervalOf(value: number, draws: number[] | undefined): Interval {
  const kept = (draws ?? []).filter((d) => !Number.isNaN(d));
  if (kept.length < 2) return { value, ci95: null };
  kept.sort((a, b) => a - b);
  return { value, ci95: [quantile(kept, 0.025), quantile(kept, 0.975)] };
}
