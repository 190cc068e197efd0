/**
 * The best model per data size of a learning-curve sweep (HAD19 §3: "at each training-set size we
 * search for the best-fit model"). Errors are averaged over seeds; among the widths tried, the best is
 * the smallest whose error lies within one standard error of the lowest (the one-standard-error rule,
 * Breiman et al. 1984 §3.4.3; Hastie, Tibshirani & Friedman 2009 §7.10), so that widths whose errors
 * differ only by the test set's sampling noise do not decide the model-size curve by chance. The standard
 * error is the seeds' (sd/√n) with 2 or more seeds, else the binomial √(ε(1−ε)/n_test) of a test error
 * measured on n_test samples, else 0 (plain minimum).
 */

import type { RunRow } from "./collectRuns.js";

/** The chosen model at one data size. */
export interface BestAtSize {
  data: number;
  width: number;
  /** Parameters of the chosen width when the runs logged `params`, else null. */
  params: number | null;
  /** Its error (mean over seeds). */
  error: number;
  /** Lowest error at this size (any width) and its standard error. */
  minError: number;
  se: number;
  /** Widths tried at this size, ascending, with their mean errors. */
  tried: { width: number; error: number; seeds: number }[];
  /** False when the chosen width is the smallest or the largest tried: the best may lie outside. */
  bracketed: boolean;
  /** How `se` was found. */
  seSource: "seeds" | "binomial" | "none";
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Best width per data size under the one-standard-error rule.
 *
 * @param rows - runs with `data`, `width` and the metric (finite values only)
 * @param metric - error column, default "test_error"
 */
export function bestPerSize(rows: readonly RunRow[], metric = "test_error"): BestAtSize[] {
  const bySize = new Map<number, Map<number, RunRow[]>>();
  for (const r of rows) {
    const v = r[metric];
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    const m = bySize.get(r.data) ?? new Map<number, RunRow[]>();
    bySize.set(r.data, m);
    const list = m.get(r.width) ?? [];
    list.push(r);
    m.set(r.width, list);
  }
  const out: BestAtSize[] = [];
  for (const data of [...bySize.keys()].sort((a, b) => a - b)) {
    const widths = bySize.get(data)!;
    const tried = [...widths.entries()]
      .map(([width, rs]) => ({
        width,
        error: mean(rs.map((r) => r[metric] as number)),
        seeds: rs.length,
        rs,
      }))
      .sort((a, b) => a.width - b.width);
    const lowest = tried.reduce((b, t) => (t.error < b.error ? t : b));
    let se = 0;
    let seSource: BestAtSize["seSource"] = "none";
    if (lowest.seeds >= 2) {
      const m = lowest.error;
      const sd = Math.sqrt(
        lowest.rs.reduce((s, r) => s + ((r[metric] as number) - m) ** 2, 0) / (lowest.seeds - 1),
      );
      se = sd / Math.sqrt(lowest.seeds);
      seSource = "seeds";
    } else {
      const n = lowest.rs[0]!.test_samples;
      if (typeof n === "number" && n > 0) {
        se = Math.sqrt((lowest.error * (1 - lowest.error)) / n);
        seSource = "binomial";
      }
    }
    const chosen = tried.find((t) => t.error <= lowest.error + se)!;
    const p = chosen.rs[0]!.params;
    out.push({
      data,
      width: chosen.width,
      params: typeof p === "number" ? p : null,
      error: chosen.error,
      minError: lowest.error,
      se,
      tried: tried.map(({ width, error, seeds }) => ({ width, error, seeds })),
      bracketed: chosen !== tried[0] && chosen !== tried[tried.length - 1],
      seSource,
    });
  }
  return out;
}
