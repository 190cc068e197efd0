/**
 * Second derivatives of an objective from its analytic gradient, and a positive definite inverse of them.
 * Used to precondition bootstrap refits (L-BFGS with H₀ = the modified ∇²f⁻¹ at the full-data optimum) and
 * to polish a multi-start optimum by Newton steps (polishNewton in polish.ts). Hand-written: dense algebra on at
 * most a handful of parameters does not need a linear-algebra library.
 */

import type { ObjectiveFunction } from "./types.js";

/**
 * ∇²f(x) by central differences of the analytic gradient (Nocedal & Wright 2006, §8.1, eq. 8.7):
 * column k = (∇f(x + h_k e_k) − ∇f(x − h_k e_k)) / (2h_k), h_k = `step`·max(1, |x_k|), then symmetrised
 * (H + Hᵀ)/2. Costs 2n gradient evaluations. A step larger than the rounding-optimal ε^(1/3) smooths
 * over kinks of ∇f (a Huber loss has them where a residual crosses ±δ): the result is the curvature of f
 * over that scale, which is what a preconditioner needs.
 *
 * @param f - objective writing its gradient
 * @param x - point
 * @param step - relative difference step; default 1e-4
 * @returns n×n row-major
 */
export function hessianByDifferences(f: ObjectiveFunction, x: Float64Array, step = 1e-4): Float64Array {
  const n = x.length;
  const h = new Float64Array(n * n);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  const xt = Float64Array.from(x);
  for (let k = 0; k < n; k++) {
    const hk = step * Math.max(1, Math.abs(x[k]!));
    xt[k] = x[k]! + hk;
    f(xt, up);
    xt[k] = x[k]! - hk;
    f(xt, down);
    xt[k] = x[k]!;
    for (let j = 0; j < n; j++) h[j * n + k] = (up[j]! - down[j]!) / (2 * hk);
  }
  for (let j = 0; j < n; j++)
    for (let k = j + 1; k < n; k++) {
      const v = 0.5 * (h[j * n + k]! + h[k * n + j]!);
      h[j * n + k] = v;
      h[k * n + j] = v;
    }
  return h;
}

/**
 * Eigenvalues and eigenvectors of a symmetric n×n matrix (row-major) by the cyclic Jacobi method (Golub &
 * Van Loan 2013, §8.5.3): rotations zero the off-diagonal until its squared norm is below 1e-30 of the
 * matrix's (at most 100 sweeps). `vectors[i·n + k]` is component i of eigenvector k.
 */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (const x of m) total += x * x;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += m[i * n + j]! ** 2;
    if (!(off > 1e-30 * total)) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (apq === 0) continue;
        // the rotation that zeroes m[p][q] (G&VL Algorithm 8.5.1, the smaller root t)
        const tau = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const kp = m[k * n + p]!;
          const kq = m[k * n + q]!;
          m[k * n + p] = c * kp - s * kq;
          m[k * n + q] = s * kp + c * kq;
        }
        for (let k = 0; k < n; k++) {
          const pk = m[p * n + k]!;
          const qk = m[q * n + k]!;
          m[p * n + k] = c * pk - s * qk;
          m[q * n + k] = s * pk + c * qk;
        }
        for (let k = 0; k < n; k++) {
          const kp = v[k * n + p]!;
          const kq = v[k * n + q]!;
          v[k * n + p] = c * kp - s * kq;
          v[k * n + q] = s * kp + c * kq;
        }
      }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i * n + i]!;
  return { values, vectors: v };
}

/**
 * The inverse of a symmetric matrix after the eigenvalue modification of Nocedal & Wright 2006, §3.4
 * (eq. 3.41 ff.): each eigenvalue λ is replaced by max(|λ|, floor·max|λ|), so the result is positive
 * definite even where the Hessian is indefinite or singular (Chinchilla's ridge along (log A, α) and
 * (log B, β) has two eigenvalues near 0). Null when the matrix has a non-finite entry or is all zero.
 *
 * @param a - symmetric n×n, row-major
 * @param floor - smallest eigenvalue kept, relative to the largest; default 1e-6
 */
export function modifiedInverse(a: Float64Array, n: number, floor = 1e-6): Float64Array | null {
  for (const x of a) if (!Number.isFinite(x)) return null;
  const { values, vectors } = symmetricEigen(a, n);
  let big = 0;
  for (const l of values) big = Math.max(big, Math.abs(l));
  if (!(big > 0)) return null;
  const inv = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const w = 1 / Math.max(Math.abs(values[k]!), floor * big);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) inv[i * n + j]! += vectors[i * n + k]! * w * vectors[j * n + k]!;
  }
  return inv;
}
