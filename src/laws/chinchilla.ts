import { evaluateLaw } from "./evaluateLaw.js";
import { invertSecond } from "./solveLog.js";
import { type Allocation, FLOP_PER_PARAM_TOKEN, type LawFamily, type LawParams } from "./types.js";

/**
 * Hoffmann et al. 2022 closed form (App. D.2, eq. 4; Epoch's `compute_optimal_allocation`):
 * N_opt = G·(C/6)^a, D_opt = G⁻¹·(C/6)^b, a = β/(α+β), b = α/(α+β), G = (αA/(βB))^(1/(α+β)).
 */
export function chinchillaOptimal(p: LawParams, flops: number): Allocation {
  const { A, B, E, alpha, beta } = p as { A: number; B: number; E: number; alpha: number; beta: number };
  const a = beta / (alpha + beta);
  const b = alpha / (alpha + beta);
  const G = ((alpha * A) / (beta * B)) ** (1 / (alpha + beta));
  const c6 = flops / FLOP_PER_PARAM_TOKEN;
  const params = G * c6 ** a;
  const tokens = c6 ** b / G;
  return { params, tokens, flops, loss: E + A / params ** alpha + B / tokens ** beta };
}

/** Epoch's grid of starting points (Besiroglu et al. 2024 notebook, "Replicate exactly"; Hoffmann D.2). */
export const CHINCHILLA_GRID = {
  a: [0, 5, 10, 15, 20, 25],
  b: [0, 5, 10, 15, 20, 25],
  e: [-1, -0.5, 0, 0.5, 1],
  alpha: [0, 0.5, 1, 1.5, 2],
  beta: [0, 0.5, 1, 1.5, 2],
} as const;

/**
 * Chinchilla parametric loss L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, eq. 2 and App. D.2),
 * fitted as log L = LSE(a − α·log N, b − β·log D, e) with a, b, e = log A, log B, log E.
 * θ order follows Epoch's notebook: (a, b, e, α, β).
 */
export const chinchilla: LawFamily = {
  name: "chinchilla",
  kind: "nd",
  auto: true,
  formula: "L(N, D) = E + A / N^alpha + B / D^beta",
  source: "Hoffmann et al. 2022, eq. 2 and App. D.2; Besiroglu et al. 2024",
  inputs: ["n", "d"],
  paramNames: ["A", "B", "E", "alpha", "beta"],
  toInternal: (p) => Float64Array.of(Math.log(p.A!), Math.log(p.B!), Math.log(p.E!), p.alpha!, p.beta!),
  toPublic: (t) => ({
    A: Math.exp(t[0]!),
    B: Math.exp(t[1]!),
    E: Math.exp(t[2]!),
    alpha: t[3]!,
    beta: t[4]!,
  }),
  logPredict(t, u, v, grad) {
    // log-sum-exp of (a − α·log N, b − β·log D, e), inlined: this is the fit's inner loop. Shifting by e
    // saves one exp per row; the max shift is used only when a term could overflow.
    const x1 = t[0]! - t[3]! * u;
    const x2 = t[1]! - t[4]! * v;
    const x3 = t[2]!;
    const safe = x1 - x3 < 700 && x2 - x3 < 700;
    const m = safe ? x3 : Math.max(x1, x2, x3);
    const e1 = Math.exp(x1 - m);
    const e2 = Math.exp(x2 - m);
    const e3 = safe ? 1 : Math.exp(x3 - m);
    const s = e1 + e2 + e3;
    if (grad) {
      const w1 = e1 / s;
      const w2 = e2 / s;
      grad[0] = w1;
      grad[1] = w2;
      grad[2] = e3 / s;
      grad[3] = -w1 * u;
      grad[4] = -w2 * v;
    }
    return m + Math.log(s);
  },
  logPredictAll(t, u, v, out, jac) {
    // logPredict over whole columns, the same arithmetic row by row, without a call per row
    const a = t[0]!;
    const b = t[1]!;
    const x3 = t[2]!;
    const alpha = t[3]!;
    const beta = t[4]!;
    const rows = out.length;
    for (let i = 0; i < rows; i++) {
      const ui = u[i]!;
      const vi = v[i]!;
      const x1 = a - alpha * ui;
      const x2 = b - beta * vi;
      const safe = x1 - x3 < 700 && x2 - x3 < 700;
      const m = safe ? x3 : Math.max(x1, x2, x3);
      const e1 = Math.exp(x1 - m);
      const e2 = Math.exp(x2 - m);
      const e3 = safe ? 1 : Math.exp(x3 - m);
      const s = e1 + e2 + e3;
      out[i] = m + Math.log(s);
      if (jac) {
        const w1 = e1 / s;
        const w2 = e2 / s;
        jac[i] = w1;
        jac[rows + i] = w2;
        jac[2 * rows + i] = e3 / s;
        jac[3 * rows + i] = -w1 * ui;
        jac[4 * rows + i] = -w2 * vi;
      }
    }
  },
  *starts() {
    const g = CHINCHILLA_GRID;
    for (const alpha of g.alpha)
      for (const beta of g.beta)
        for (const e of g.e)
          for (const a of g.a) for (const b of g.b) yield Float64Array.of(a, b, e, alpha, beta);
  },
  floor: (p) => p.E ?? 0,
  invert: (p, target, n) => invertSecond((a, b) => evaluateLaw(chinchilla, p, a, b), n!, target),
  optimal: chinchillaOptimal,
};
