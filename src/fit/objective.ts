/**
 * Robust fitting objectives: a weighted sum of a loss ρ of per-row residuals, with its analytic gradient.
 * Source: Hoffmann et al. 2022 App. D.2 and Besiroglu et al. 2024 (REFERENCE (e)).
 */

import type { FitProblem, ObjectiveFunction, ObjectiveOptions } from "./types.js";

/**
 * Huber loss: ½r² if |r| ≤ δ, else δ(|r| − δ/2) (Huber 1964; REFERENCE (e)). Quadratic near zero and
 * linear in the tails, so outliers pull on the fit with bounded force. Units: those of r squared.
 *
 * @param r - residual
 * @param delta - threshold δ > 0 (Hoffmann and Epoch use 1e-3 on log residuals)
 */
export function huber(r: number, delta: number): number {
  const a = Math.abs(r);
  return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}

/**
 * Derivative of {@link huber} with respect to r: r if |r| ≤ δ, else δ·sign(r).
 *
 * @param r - residual
 * @param delta - threshold δ > 0
 */
export function huberDerivative(r: number, delta: number): number {
  if (r > delta) return delta;
  if (r < -delta) return -delta;
  return r;
}

/**
 * Builds the objective Σ_i w_i·ρ(r_i) and its gradient for L-BFGS.
 *
 * - ρ is {@link huber} with δ = `huberDelta` (default loss, δ default 1e-3) or ½r² (`"squared"`).
 * - r_i = log ŷ_i − log y_i (`residual: "log"`, default) or ŷ_i − y_i (`"linear"`, with
 *   ∂r/∂θ = ŷ·∂log ŷ/∂θ by the chain rule).
 * - A **sum**, not a mean: Besiroglu et al. 2024 found that Hoffmann's mean made L-BFGS stop early.
 * - Rows with weight 0 are skipped (the fast path for bootstrap resamples). `problem.weights` is read at
 *   each call, so a caller may overwrite its entries between minimisations (as the bootstrap does).
 *
 * @param problem - model, observed log y and optional row weights (all 1 when omitted)
 * @param options - loss, Huber δ, residual scale; see {@link ObjectiveOptions}
 * @returns f(θ), writing ∇f(θ) into its second argument
 */
export function makeObjective(problem: FitProblem, options: ObjectiveOptions = {}): ObjectiveFunction {
  const { loss = "huber", huberDelta = 1e-3, residual = "log" } = options;
  const { model, logY } = problem;
  const rows = model.rows;
  const p = model.size;
  if (logY.length !== rows) {
    throw new Error(`fit: logY has ${logY.length} entries, expected model.rows = ${rows}`);
  }
  if (problem.weights !== undefined && problem.weights.length !== rows) {
    throw new Error(`fit: weights has ${problem.weights.length} entries, expected model.rows = ${rows}`);
  }
  if (loss === "huber" && !(huberDelta > 0)) {
    throw new Error(`fit: huberDelta is ${huberDelta}, expected a number > 0`);
  }
  const isHuber = loss === "huber";
  const isLinear = residual === "linear";
  const y = isLinear ? logY.map(Math.exp) : logY;
  if (model.logPredictAll)
    return fusedObjective(problem, model.logPredictAll.bind(model), y, isHuber, isLinear, huberDelta);
  const rowGrad = new Float64Array(p);

  return (theta: Float64Array, grad: Float64Array): number => {
    const w = problem.weights;
    grad.fill(0);
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const wi = w === undefined ? 1 : w[i]!;
      if (wi === 0) continue;
      const lp = model.logPredict(theta, i, rowGrad);
      let r: number;
      let scale = 1;
      if (isLinear) {
        const yHat = Math.exp(lp);
        r = yHat - y[i]!;
        scale = yHat;
      } else {
        r = lp - y[i]!;
      }
      let rho: number;
      let dRho: number;
      if (isHuber) {
        const a = Math.abs(r);
        if (a <= huberDelta) {
          rho = 0.5 * r * r;
          dRho = r;
        } else {
          rho = huberDelta * (a - 0.5 * huberDelta);
          dRho = r > 0 ? huberDelta : -huberDelta;
        }
      } else {
        rho = 0.5 * r * r;
        dRho = r;
      }
      total += wi * rho;
      const c = wi * dRho * scale;
      for (let j = 0; j < p; j++) grad[j]! += c * rowGrad[j]!;
    }
    return total;
  };
}

/**
 * The objective over a model's fused {@link LogModel.logPredictAll}: one pass fills log ŷ and the
 * Jacobian columns, one pass turns residuals into ρ and ρ′, then one dot product per parameter. The
 * buffers are allocated once here, so an evaluation allocates nothing. Same sum, term for term, as the
 * per-row path (rows with weight 0 contribute nothing; their predictions are computed and ignored).
 */
function fusedObjective(
  problem: FitProblem,
  predictAll: NonNullable<FitProblem["model"]["logPredictAll"]>,
  y: Float64Array,
  isHuber: boolean,
  isLinear: boolean,
  huberDelta: number,
): ObjectiveFunction {
  const rows = problem.model.rows;
  const p = problem.model.size;
  const lp = new Float64Array(rows);
  const jac = new Float64Array(rows * p);
  const c = new Float64Array(rows);
  return (theta: Float64Array, grad: Float64Array): number => {
    const w = problem.weights;
    predictAll(theta, lp, jac);
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const wi = w === undefined ? 1 : w[i]!;
      let r: number;
      let scale = 1;
      if (isLinear) {
        const yHat = Math.exp(lp[i]!);
        r = yHat - y[i]!;
        scale = yHat;
      } else r = lp[i]! - y[i]!;
      let rho: number;
      let dRho: number;
      if (isHuber && (r > huberDelta || r < -huberDelta)) {
        rho = huberDelta * ((r > 0 ? r : -r) - 0.5 * huberDelta);
        dRho = r > 0 ? huberDelta : -huberDelta;
      } else {
        rho = 0.5 * r * r;
        dRho = r;
      }
      if (wi === 0) {
        c[i] = 0;
        continue;
      }
      total += wi * rho;
      c[i] = wi * dRho * scale;
    }
    for (let j = 0; j < p; j++) {
      const off = j * rows;
      let s = 0;
      for (let i = 0; i < rows; i++) s += c[i]! * jac[off + i]!;
      grad[j] = s;
    }
    return total;
  };
}
