/**
 * Limited-memory BFGS, Nocedal & Wright, *Numerical Optimization* (2nd ed., 2006), Algorithm 7.4 (two-loop
 * recursion) and Algorithm 7.5 (L-BFGS), with the strong-Wolfe line search of N&W Algorithms 3.5/3.6.
 * Stopping rules and defaults follow SciPy's `minimize(method="L-BFGS-B")` without bounds, so that fits are
 * comparable with Epoch's replication of Chinchilla (Besiroglu et al. 2024).
 */

import { createLineSearchWorkspace, lineSearchStrongWolfe } from "./lineSearch.js";
import type { MinimizeResult, MinimizeStatus, ObjectiveFunction } from "./types.js";

/** Options of {@link minimizeLbfgs}. Defaults are SciPy 1.x L-BFGS-B defaults unless stated. */
export interface LbfgsOptions {
  /** Number of correction pairs kept (SciPy `maxcor`); default 10. */
  memory?: number;
  /** Stop when the infinity norm of the gradient is ≤ gtol (SciPy `gtol`, on the projected gradient); default 1e-5. */
  gtol?: number;
  /**
   * Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol (SciPy `ftol` = factr·eps with factr = 1e7);
   * default 2.220446049250313e-9.
   */
  ftol?: number;
  /** Most iterations (SciPy `maxiter`); default 15000. */
  maxIterations?: number;
  /** Most objective evaluations (SciPy `maxfun`); default 15000. */
  maxEvaluations?: number;
  /** Most evaluations per line search (SciPy `maxls`); default 20. */
  maxLineSearchEvaluations?: number;
  /** Sufficient-decrease constant of the Wolfe conditions; default 1e-4 (N&W §3.1). */
  c1?: number;
  /** Curvature constant of the Wolfe conditions; default 0.9 (N&W §3.1, quasi-Newton). */
  c2?: number;
  /**
   * A fixed initial inverse-Hessian approximation H₀ (n×n, row-major, symmetric positive definite) for the
   * two-loop recursion, in place of γI (N&W Alg. 7.4 allows any H₀; §7.2). With it the first step is the
   * quasi-Newton step −H₀∇f of length 1 in the step parameter, instead of a unit step along −∇f. The
   * bootstrap passes the inverse Hessian of the full-data fit, so a refit starts already preconditioned.
   * Default: none (γI, as SciPy).
   */
  inverseHessian?: Float64Array;
}

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) return false;
  return true;
}

function infNorm(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]!);
    if (a > m) m = a;
  }
  return m;
}

/**
 * Minimises a smooth function of unconstrained x with L-BFGS.
 *
 * Status: `"converged"` when ‖∇f‖∞ ≤ gtol or the relative reduction of f in one iteration is ≤ ftol (the two
 * SciPy convergence messages); `"max-iterations"` when the iteration or evaluation budget is spent;
 * `"line-search-failed"` when no acceptable step exists along the quasi-Newton direction nor, after the
 * memory is cleared, along steepest descent; `"non-finite"` when f or ∇f is NaN/±Inf at x0, or every trial
 * point of the failed searches was.
 *
 * Allocates its working arrays once per call; `x0` is not modified. The first step (and the first after a
 * memory reset) has length 1 in x, as SciPy's L-BFGS-B takes it (step 1/‖d‖₂).
 *
 * @param f - objective; returns f(x) and writes ∇f(x)
 * @param x0 - starting point
 * @param options - see {@link LbfgsOptions}
 */
export function minimizeLbfgs(
  f: ObjectiveFunction,
  x0: Float64Array,
  options: LbfgsOptions = {},
): MinimizeResult {
  const {
    memory = 10,
    gtol = 1e-5,
    ftol = 2.220446049250313e-9,
    maxIterations = 15000,
    maxEvaluations = 15000,
    maxLineSearchEvaluations = 20,
    c1 = 1e-4,
    c2 = 0.9,
    inverseHessian: h0,
  } = options;
  const n = x0.length;
  const m = Math.max(1, memory | 0);
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  const d = new Float64Array(n);
  const S = new Float64Array(m * n);
  const Y = new Float64Array(m * n);
  const rho = new Float64Array(m);
  const alphas = new Float64Array(m);
  if (h0 !== undefined && h0.length !== n * n)
    throw new Error(`fit: inverseHessian has ${h0.length} entries, expected ${n}×${n}`);
  const h0d = h0 ? new Float64Array(n) : null;
  const ws = createLineSearchWorkspace(n);
  const lsOptions = { c1, c2, maxEvaluations: maxLineSearchEvaluations };

  let fx = f(x, g);
  let evaluations = 1;
  let iterations = 0;
  const done = (status: MinimizeStatus): MinimizeResult => ({
    x,
    fx,
    gradNorm: infNorm(g),
    iterations,
    evaluations,
    status,
  });
  if (!Number.isFinite(fx) || !allFinite(g)) return done("non-finite");
  if (infNorm(g) <= gtol) return done("converged");

  let stored = 0; // correction pairs held
  let head = 0; // slot the next pair goes into
  let gamma = 1; // H0 = γI, γ = sᵀy / yᵀy of the newest pair (N&W eq. 7.20)
  let retried = false;

  for (;;) {
    if (iterations >= maxIterations || evaluations >= maxEvaluations) return done("max-iterations");

    // Two-loop recursion (N&W Alg. 7.4): d = −H∇f.
    for (let i = 0; i < n; i++) d[i] = g[i]!;
    for (let j = 0; j < stored; j++) {
      const k = (head - 1 - j + m) % m;
      const off = k * n;
      let dot = 0;
      for (let i = 0; i < n; i++) dot += S[off + i]! * d[i]!;
      const a = rho[k]! * dot;
      alphas[k] = a;
      for (let i = 0; i < n; i++) d[i]! -= a * Y[off + i]!;
    }
    if (h0 && h0d) {
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let k = 0; k < n; k++) v += h0[i * n + k]! * d[k]!;
        h0d[i] = v;
      }
      d.set(h0d);
    } else if (stored > 0) for (let i = 0; i < n; i++) d[i]! *= gamma;
    for (let j = stored - 1; j >= 0; j--) {
      const k = (head - 1 - j + m) % m;
      const off = k * n;
      let dot = 0;
      for (let i = 0; i < n; i++) dot += Y[off + i]! * d[i]!;
      const b = alphas[k]! - rho[k]! * dot;
      for (let i = 0; i < n; i++) d[i]! += b * S[off + i]!;
    }
    let dphi0 = 0;
    for (let i = 0; i < n; i++) {
      d[i] = -d[i]!;
      dphi0 += g[i]! * d[i]!;
    }
    if (!(dphi0 < 0) && h0 && stored > 0) {
      // H₀ with the stored pairs lost positive definiteness numerically: the H₀ step alone
      stored = 0;
      continue;
    }
    let steepest = false;
    if (!(dphi0 < 0)) {
      // Not a descent direction (lost positive definiteness numerically): restart from steepest descent.
      stored = 0;
      steepest = true;
      dphi0 = 0;
      for (let i = 0; i < n; i++) {
        d[i] = -g[i]!;
        dphi0 -= g[i]! * g[i]!;
      }
    }
    let alphaInit = 1;
    if (stored === 0 && (!h0 || steepest)) {
      let dn = 0;
      for (let i = 0; i < n; i++) dn += d[i]! * d[i]!;
      alphaInit = 1 / Math.sqrt(dn);
    }

    lsOptions.maxEvaluations = Math.max(1, Math.min(maxLineSearchEvaluations, maxEvaluations - evaluations));
    const ok = lineSearchStrongWolfe(f, x, fx, dphi0, d, alphaInit, ws, lsOptions);
    evaluations += ws.evaluations;
    if (!ok) {
      if (stored > 0 && !retried) {
        // N&W §7.2 / SciPy L-BFGS-B: drop the memory and try steepest descent once.
        stored = 0;
        retried = true;
        continue;
      }
      return done(ws.allNonFinite ? "non-finite" : "line-search-failed");
    }
    retried = false;

    // Store the correction pair s = x⁺ − x, y = g⁺ − g when the curvature condition sᵀy > 0 holds.
    const xt = ws.xTrial;
    const gt = ws.gTrial;
    const off = head * n;
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      const si = xt[i]! - x[i]!;
      const yi = gt[i]! - g[i]!;
      S[off + i] = si;
      Y[off + i] = yi;
      sy += si * yi;
      yy += yi * yi;
    }
    if (sy > 2.220446049250313e-16 * yy) {
      rho[head] = 1 / sy;
      gamma = sy / yy;
      head = (head + 1) % m;
      if (stored < m) stored++;
    }

    // Accept the step by swapping buffers (no copies).
    const fOld = fx;
    fx = ws.f;
    ws.xTrial = x;
    ws.gTrial = g;
    x = xt;
    g = gt;
    iterations++;

    if (infNorm(g) <= gtol) return done("converged");
    if (fOld - fx <= ftol * Math.max(Math.abs(fOld), Math.abs(fx), 1)) return done("converged");
  }
}
