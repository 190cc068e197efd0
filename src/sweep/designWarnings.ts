/**
 * Where a design cannot identify the law it is meant to measure, said before anything runs.
 */

import type { SweepPoint } from "./sweepFile.js";

const uniq = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);
const fmt = (x: number) => Number(x.toPrecision(3)).toString();

/** Options of {@link learningCurveWarnings}. */
export interface LearningCurveWarningOptions {
  /**
   * Data sizes below this are expected in the small-data region (error near best guess, HAD19 Fig. 6);
   * default 10 samples per class times `classes` [rule of thumb, U].
   */
  smallDataBelow?: number;
  /** Classes of the task (10 for MNIST); default 10. */
  classes?: number;
  /** Parameters of a model of width w, to compare the model range with the data range. */
  paramsOf?: (width: number) => number;
}

/**
 * Warnings for a learning-curve design:
 * - fewer than 4 data sizes past the small-data region: the power-law region's α, β and the floor γ
 *   (Hestness et al. 2017) leave no degree of freedom to judge the fit;
 * - those sizes spanning less than a decade: the exponent βg (in [−0.5, 0] per HAD19) moves the error by
 *   at most 10^0.5 over a decade, so a narrower range confounds it with the noise;
 * - fewer than 3 widths at a data size: a best width at the edge of the widths tried cannot be told
 *   from one beyond them;
 * - a model range narrower than HAD19's p(m) needs: with βp ≥ 0.5 (HAD19 eq. 2, Table 1) the best model
 *   grows at least as √(m_max/m_min) across the data sizes, so the parameters tried must span that.
 */
export function learningCurveWarnings(
  points: readonly SweepPoint[],
  o: LearningCurveWarningOptions = {},
): string[] {
  const { classes = 10 } = o;
  const small = o.smallDataBelow ?? 10 * classes;
  const out: string[] = [];
  const data = uniq(points.map((p) => p.data));
  const past = data.filter((m) => m >= small);
  if (past.length < 4)
    out.push(
      `only ${past.length} data size(s) at or above ${small} samples (≈10 per class, where the small-data region is expected to end): a power law with a floor has 3 parameters, so fit and check need 4 or more`,
    );
  if (past.length >= 2 && past[past.length - 1]! / past[0]! < 10)
    out.push(
      `the data sizes past the small-data region span ${fmt(past[past.length - 1]! / past[0]!)}x, less than a decade: the exponent will be poorly identified`,
    );
  for (const m of data) {
    const ws = uniq(points.filter((p) => p.data === m).map((p) => p.width));
    if (ws.length < 3)
      out.push(`data size ${m}: ${ws.length} width(s) tried; 3 or more are needed to bracket the best width`);
  }
  if (o.paramsOf && data.length >= 2) {
    const widths = uniq(points.map((p) => p.width));
    const modelRange = o.paramsOf(widths[widths.length - 1]!) / o.paramsOf(widths[0]!);
    const needed = Math.sqrt(data[data.length - 1]! / data[0]!);
    if (modelRange < needed)
      out.push(
        `the widths tried span ${fmt(modelRange)}x in parameters, less than the ${fmt(needed)}x the best model grows over the data sizes even at HAD19's smallest βp = 0.5: the best width will leave the range`,
      );
  }
  return out;
}

/**
 * Warnings for a batch design: fewer than 5 batch sizes; a range under 100x, which cannot show all three
 * of Shallue et al.'s regimes (with the default criteria of src/batch/regimes, perfect scaling ends at
 * 0.1·B_noise and maximal data parallelism begins at 10·B_noise); fewer than 3 learning rates at a batch,
 * which cannot show that the tuned rate lies inside the grid (Shallue et al. tune it per batch size).
 */
export function batchWarnings(points: readonly SweepPoint[], mainOptimizer: string): string[] {
  const out: string[] = [];
  const main = points.filter((p) => p.optimizer === mainOptimizer);
  const batches = uniq(main.map((p) => p.batch));
  if (batches.length < 5)
    out.push(
      `only ${batches.length} batch size(s): the fit S(B) = S_min(1 + B_noise/B) and its regimes need 5 or more`,
    );
  if (batches.length >= 2 && batches[batches.length - 1]! / batches[0]! < 100)
    out.push(
      `the batch sizes span ${fmt(batches[batches.length - 1]! / batches[0]!)}x, less than the 100x from 0.1·B_noise to 10·B_noise that shows all three regimes`,
    );
  for (const b of batches) {
    const lrs = uniq(main.filter((p) => p.batch === b).map((p) => p.lr));
    if (lrs.length < 3)
      out.push(
        `batch ${b}: ${lrs.length} learning rate(s); 3 or more show whether the best one lies inside the grid`,
      );
  }
  return out;
}
