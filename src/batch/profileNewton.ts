/**
 * Newton's method on the profile least-squares objective of the S(B) fit (src/batch/stepsModel.ts), for
 * the many refits of a bootstrap: one θ₁ = log B_noise, θ₀ = log S_min profiled out in closed form.
 *
 * With a_i(θ₁) = log S_i − softplus(θ₁ − log B_i), θ₀ = ā and the profile SSE is F(θ₁) = Σ (a_i − ā)²
 * (Bates & Watts 1988, *Nonlinear Regression Analysis*, §3.5.1 on conditionally linear parameters).
 * With p_i = logistic(θ₁ − log B_i) = −da_i/dθ₁ and q_i = p_i(1 − p_i) = dp_i/dθ₁ (hand derivation; the
 * terms in dā/dθ₁ vanish because Σ (a_i − ā) = 0):
 *   F'(θ₁)  = −2 Σ (a_i − ā) p_i,
 *   F''(θ₁) = 2 Σ (p_i − p̄)² − 2 Σ (a_i − ā) q_i.
 * Each evaluation costs one exp and one log1p per row (softplus and logistic share e^−|z|), against about
 * fifteen to thirty evaluations of softplus and logistic apiece for an L-BFGS refit; from a nearby start
 * (the full-data optimum) Newton converges quadratically (Nocedal & Wright 2006, Theorem 3.5) in three to
 * five evaluations. Safeguards: where F'' ≤ 0 a step of fixed length 1 downhill; steps capped at 2 in
 * log B_noise; halving until F decreases (N&W Algorithm 3.1, backtracking).
 */

/** Result of {@link minimizeProfileSse}. */
export interface ProfileMinimum {
  theta0: number;
  theta1: number;
  sse: number;
  /** `"converged"`: the last step was below tolerance; otherwise the step budget ran out or F stalled. */
  status: "converged" | "max-iterations";
  /** Evaluations of F (each a pass over the rows). */
  evaluations: number;
}

/** Options of {@link minimizeProfileSse}. */
export interface ProfileNewtonOptions {
  /** Stop when a Newton step moves θ₁ by at most tol·(1 + |θ₁|); default 1e-10. */
  tol?: number;
  /** Most Newton steps; default 60. */
  maxSteps?: number;
  /** Scratch of at least 2·rows entries, reused across calls to avoid allocation. */
  scratch?: Float64Array;
}

const MAX_STEP = 2;
/** A step below which a rise of F is rounding, not curvature (√ε of double precision ≈ 1.5e-8). */
const ROUNDING_STEP = 1.5e-8;

/**
 * Minimise the profile SSE F(θ₁) of log S = θ₀ + softplus(θ₁ − log B) by safeguarded Newton steps from
 * `theta1`. Allocation-free when `scratch` is given.
 *
 * @param logB - natural logs of the batch sizes
 * @param logS - natural logs of the steps, one per batch size
 * @param theta1 - start, log B_noise (finite)
 */
export function minimizeProfileSse(
  logB: ArrayLike<number>,
  logS: ArrayLike<number>,
  theta1: number,
  options: ProfileNewtonOptions = {},
): ProfileMinimum {
  const { tol = 1e-10, maxSteps = 60 } = options;
  const n = logB.length;
  const work = options.scratch && options.scratch.length >= 2 * n ? options.scratch : new Float64Array(2 * n);
  let evaluations = 0;
  // one pass: a_i into work[i], p_i into work[n + i]; returns ā
  const fill = (t: number): number => {
    evaluations++;
    let sumA = 0;
    for (let i = 0; i < n; i++) {
      const z = t - logB[i]!;
      const e = Math.exp(-Math.abs(z));
      const a = logS[i]! - ((z > 0 ? z : 0) + Math.log1p(e));
      work[i] = a;
      work[n + i] = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      sumA += a;
    }
    return sumA / n;
  };
  const sseOf = (mean: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (work[i]! - mean) ** 2;
    return s;
  };
  let t = theta1;
  let mean = fill(t);
  let f = sseOf(mean);
  for (let step = 0; step < maxSteps; step++) {
    let sumP = 0;
    for (let i = 0; i < n; i++) sumP += work[n + i]!;
    const pBar = sumP / n;
    let g = 0;
    let h = 0;
    for (let i = 0; i < n; i++) {
      const r = work[i]! - mean;
      const p = work[n + i]!;
      g -= 2 * r * p;
      h += 2 * (p - pBar) ** 2 - 2 * r * p * (1 - p);
    }
    let d = h > 0 ? -g / h : -Math.sign(g);
    if (d === 0 || !Number.isFinite(d))
      return { theta0: mean, theta1: t, sse: f, status: "converged", evaluations };
    if (Math.abs(d) > MAX_STEP) d = Math.sign(d) * MAX_STEP;
    const small = Math.abs(d) <= tol * (1 + Math.abs(t));
    // backtrack until F does not increase (a step below tolerance is accepted as convergence)
    let accepted = false;
    for (let k = 0; k < 40; k++) {
      const tNew = t + d;
      const mNew = fill(tNew);
      const fNew = sseOf(mNew);
      if (fNew <= f) {
        t = tNew;
        mean = mNew;
        f = fNew;
        accepted = true;
        break;
      }
      // F did not decrease along a step this short: θ₁ is the minimiser to rounding (F is flat to ~1e-16
      // relative within ~1e-8 of it), so halving further would only spend passes over the rows
      if (small || Math.abs(d) <= ROUNDING_STEP * (1 + Math.abs(t))) break;
      d /= 2;
    }
    if (!accepted) mean = fill(t); // restore the arrays at t
    if (small || !accepted) return { theta0: mean, theta1: t, sse: f, status: "converged", evaluations };
  }
  return { theta0: mean, theta1: t, sse: f, status: "max-iterations", evaluations };
}
