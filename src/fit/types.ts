/**
 * Contracts of the fitting machinery. `fit/` knows nothing about deep learning: a model is any function
 * whose logarithm is differentiable in an unconstrained parameter vector θ (positive parameters are
 * carried as their logarithms, so θ is free). Scaling-law families in `laws/` implement `LogModel`.
 */

/** A model evaluated on a fixed table of rows, predicting log y for each row. */
export interface LogModel {
  /** Number of free parameters (length of θ). */
  readonly size: number;
  /** Number of rows the model is evaluated on. */
  readonly rows: number;
  /**
   * log ŷ for row `i` at parameters θ. When `grad` is given, writes ∂ log ŷ / ∂θ into it
   * (length `size`) and must overwrite every entry.
   */
  logPredict(theta: Float64Array, i: number, grad: Float64Array | null): number;
  /**
   * Optional fused evaluation over every row, the fast path of `makeObjective`: writes log ŷ_i into
   * `logPred[i]` and, when `jacobian` is given, ∂ log ŷ_i / ∂θ_j into `jacobian[j·rows + i]` (one column
   * per parameter). Must agree with `logPredict` row by row. One tight loop over typed arrays instead of a
   * call per row: no allocation and no per-row dispatch.
   */
  logPredictAll?(theta: Float64Array, logPred: Float64Array, jacobian: Float64Array | null): void;
  /**
   * Optional: the same model on a subset of its rows (`rows`: indices into this model's rows). The
   * bootstrap evaluates only the rows a resample drew (about 63% of them, 1 − 1/e).
   */
  subset?(rows: Int32Array): LogModel;
}

/** How residuals are measured and penalised. */
export interface ObjectiveOptions {
  /** `"huber"` (Hoffmann et al. 2022 App. D.2; Besiroglu et al. 2024) or `"squared"` (least squares). */
  loss?: "huber" | "squared";
  /** Huber threshold δ on the residual; default 1e-3 as Hoffmann and Epoch use. */
  huberDelta?: number;
  /** Residual r = log ŷ − log y (`"log"`, default) or r = ŷ − y (`"linear"`). */
  residual?: "log" | "linear";
}

/** A fitting problem: a model, observed y (as log y), and optional non-negative row weights. */
export interface FitProblem {
  model: LogModel;
  /** log of the observed values, one per row. */
  logY: Float64Array;
  /** Row weights (bootstrap resample counts); all 1 when omitted. */
  weights?: Float64Array;
}

/** Why a minimisation stopped. Only `"converged"` means the result may be reported as a fit. */
export type MinimizeStatus = "converged" | "max-iterations" | "line-search-failed" | "non-finite";

/** Result of one local minimisation. */
export interface MinimizeResult {
  x: Float64Array;
  fx: number;
  /** Infinity norm of the gradient at x. */
  gradNorm: number;
  iterations: number;
  evaluations: number;
  status: MinimizeStatus;
}

/** f(x), writing ∇f(x) into `grad`. */
export type ObjectiveFunction = (x: Float64Array, grad: Float64Array) => number;
