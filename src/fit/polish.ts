/**
 * Polish a local minimum by modified Newton steps, so that every start that reached the same basin reports
 * the same point. L-BFGS with SciPy's stopping rules ends anywhere along a flat ridge (on Epoch's Chinchilla
 * data, starts in the global basin end up to 1e-3 apart in θ); Newton steps on the difference Hessian
 * converge to the minimiser itself (to about 1e-8 relative from any of them), so a fit stopped after K
 * hits and the full grid's fit report the same parameters.
 */

import { hessianByDifferences, modifiedInverse } from "./hessian.js";
import type { ObjectiveFunction } from "./types.js";

/** Result of {@link polishNewton}: never worse than the start. */
export interface Polished {
  x: Float64Array;
  fx: number;
  /** Newton steps accepted. */
  steps: number;
}

/** Options of {@link polishNewton}. */
export interface PolishOptions {
  /** Relative difference step of the Hessian; default 1e-5. */
  step?: number;
  /** Most Newton steps; default 30. */
  maxSteps?: number;
  /**
   * Stop when the Newton decrement λ²/2 = −∇fᵀd/2 (the decrease a full step predicts; Nocedal & Wright
   * 2006 §3.5, Boyd & Vandenberghe 2004 §9.5.1) is at most this fraction of |f|; default 0 (off: stop only
   * when no halving decreases f). On millions of rows a sum's rounding is about 1e-13 of it, so the 30
   * halvings that would show no decrease cost 30 passes over every row for nothing.
   */
  minDecrease?: number;
}

/**
 * Modified Newton iteration (Nocedal & Wright 2006, Algorithm 3.2 with the eigenvalue modification of
 * §3.4): d = −H̃⁻¹∇f with H̃ the difference Hessian ({@link hessianByDifferences}) made positive definite
 * ({@link modifiedInverse}), then backtracking (halving, at most 30 times) until f decreases; stops when
 * no halving decreases f (the minimiser, to rounding) or after `maxSteps`. Only decreases of f are kept,
 * so the result is never worse than `x0`.
 */
export function polishNewton(f: ObjectiveFunction, x0: Float64Array, options: PolishOptions = {}): Polished {
  const { step = 1e-5, maxSteps = 30, minDecrease = 0 } = options;
  const n = x0.length;
  let x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let fx = f(x, g);
  const xt = new Float64Array(n);
  const gt = new Float64Array(n);
  const d = new Float64Array(n);
  let steps = 0;
  if (!Number.isFinite(fx)) return { x, fx, steps };
  for (; steps < maxSteps; steps++) {
    const hInv = modifiedInverse(hessianByDifferences(f, x, step), n, 1e-12);
    if (!hInv) break;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s -= hInv[i * n + k]! * g[k]!;
      d[i] = s;
    }
    if (minDecrease > 0) {
      let gd = 0;
      for (let i = 0; i < n; i++) gd += g[i]! * d[i]!;
      if (-gd / 2 <= minDecrease * Math.abs(fx)) break;
    }
    let t = 1;
    let moved = false;
    for (let k = 0; k < 30 && !moved; k++, t /= 2) {
      for (let i = 0; i < n; i++) xt[i] = x[i]! + t * d[i]!;
      const ft = f(xt, gt);
      if (ft < fx) {
        x = Float64Array.from(xt);
        fx = ft;
        g.set(gt);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return { x, fx, steps };
}
