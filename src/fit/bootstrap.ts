/**
 * Nonparametric bootstrap of a fit (Efron 1979), as Epoch does for Chinchilla (Besiroglu et al. 2024: 4000
 * resamples, refit each by L-BFGS): resample rows with replacement as integer weights and refit from the
 * full-data optimum. Pure and chunkable: resample k depends only on (seed, k), so splitting the resamples
 * over workers (an adapter at the edge) gives the same draws as one chunk.
 *
 * Two things keep a refit cheap at many rows: a model that can take a subset of its rows
 * (`LogModel.subset`) is refitted on the rows the resample drew (about 63% of them, 1 − 1/e; the same sum
 * as weights of 0 on the others), and `inverseHessian` preconditions L-BFGS with the full-data curvature
 * (on 10k Chinchilla-like rows, 9 objective evaluations a refit instead of 71, the refits agreeing to
 * 1e-5 in θ).
 */

import { type LbfgsOptions, minimizeLbfgs } from "./lbfgs.js";
import { makeObjective } from "./objective.js";
import { resampleCounts, rngFor } from "./random.js";
import type { FitProblem, MinimizeStatus, ObjectiveOptions } from "./types.js";

/** One bootstrap refit, as plain data (safe to post across a worker boundary). */
export interface BootstrapDraw {
  /** Resample index k. */
  index: number;
  /** Refitted parameters θ (same parameterisation as the model). */
  theta: number[];
  /** Objective value at `theta` on the resampled data. */
  fx: number;
  /** Why L-BFGS stopped; only `"converged"` draws belong in a summary. */
  status: MinimizeStatus;
}

/** Inputs of {@link bootstrapChunk}. */
export interface BootstrapChunkOptions {
  /** The full-data problem; its weights, if any, multiply the resample counts. */
  problem: FitProblem;
  /** Start of every refit: the full-data optimum. */
  theta0: Float64Array;
  /** Seed of the whole bootstrap. */
  seed: number;
  /** First resample index of the chunk. */
  from: number;
  /** Number of resamples in the chunk. */
  count: number;
  /** Objective settings; must match those of the full-data fit. */
  objective?: ObjectiveOptions;
  /**
   * L-BFGS settings. Default here: `{ ftol: 0 }` (stop on the gradient only, gtol 1e-5), unlike
   * {@link minimizeLbfgs}'s SciPy default. Refits start at the optimum, where the objective is small
   * (Chinchilla: Σ Huber ≈ 1e-3 < 1), so SciPy's relative-reduction test becomes an absolute 2.2e-9
   * decrease and stops after a step or two: on Epoch's Chinchilla data that shrank the bootstrap SEs 10–20×
   * (A: 5 vs 124.5 published), while gradient-only stopping reproduces Besiroglu et al.'s SEs
   * (119, 1310, 0.025, 0.015, 0.020 vs 124.5, 1293, 0.026, 0.015, 0.021; measured with 1000 resamples).
   * Values given here are merged over that default.
   */
  lbfgs?: LbfgsOptions;
  /**
   * Inverse-Hessian approximation at `theta0` (n×n row-major, positive definite) to start every refit's
   * L-BFGS from (see `LbfgsOptions.inverseHessian`); default none.
   */
  inverseHessian?: Float64Array;
  /** Called after each resample with (done in this chunk, count). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Refits resamples k ∈ [from, from + count): row counts from {@link resampleCounts} with
 * {@link rngFor}(seed, k), objective weights = base weight × count (rows drawn 0 times are skipped), and
 * L-BFGS from `theta0` (gradient-only stopping by default; see `lbfgs`). A draw whose status is not
 * `"converged"` is kept with its status so summaries can leave it out and say how many they used.
 *
 * @returns one draw per resample, in index order
 */
export function bootstrapChunk(options: BootstrapChunkOptions): BootstrapDraw[] {
  const { problem, theta0, seed, from, count, onProgress } = options;
  if (!Number.isInteger(from) || from < 0)
    throw new Error(`fit: bootstrap from is ${from}, expected an integer ≥ 0`);
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`fit: bootstrap count is ${count}, expected an integer ≥ 0`);
  }
  const rows = problem.model.rows;
  const base = problem.weights;
  const counts = new Float64Array(rows);
  const lbfgs: LbfgsOptions = {
    ftol: 0,
    ...(options.inverseHessian ? { inverseHessian: options.inverseHessian } : {}),
    ...options.lbfgs,
  };
  // without subsets: one objective over all rows, its weights overwritten per resample
  const whole: FitProblem = { model: problem.model, logY: problem.logY, weights: counts };
  const fWhole = problem.model.subset ? null : makeObjective(whole, options.objective);
  const draws: BootstrapDraw[] = [];
  for (let j = 0; j < count; j++) {
    const k = from + j;
    resampleCounts(rows, rngFor(seed, k), counts);
    if (base !== undefined) for (let i = 0; i < rows; i++) counts[i]! *= base[i]!;
    const f = fWhole ?? makeObjective(drawnRows(problem, counts), options.objective);
    const r = minimizeLbfgs(f, theta0, lbfgs);
    draws.push({ index: k, theta: Array.from(r.x), fx: r.fx, status: r.status });
    onProgress?.(j + 1, count);
  }
  return draws;
}

/** The problem on the rows with a positive weight, in row order (weights `counts`). */
function drawnRows(problem: FitProblem, counts: Float64Array): FitProblem {
  let kept = 0;
  for (const c of counts) if (c !== 0) kept++;
  const idx = new Int32Array(kept);
  const logY = new Float64Array(kept);
  const weights = new Float64Array(kept);
  for (let i = 0, m = 0; i < counts.length; i++)
    if (counts[i] !== 0) {
      idx[m] = i;
      logY[m] = problem.logY[i]!;
      weights[m++] = counts[i]!;
    }
  return { model: problem.model.subset!(idx), logY, weights };
}

/** Inputs of {@link bootstrap}: those of {@link bootstrapChunk} without the chunk bounds. */
export interface BootstrapOptions extends Omit<BootstrapChunkOptions, "from" | "count"> {
  /** Number of resamples; Epoch uses 4000. */
  resamples: number;
}

/** All resamples [0, resamples) in one chunk; see {@link bootstrapChunk}. */
export function bootstrap(options: BootstrapOptions): BootstrapDraw[] {
  const { resamples, ...rest } = options;
  return bootstrapChunk({ ...rest, from: 0, count: resamples });
}
