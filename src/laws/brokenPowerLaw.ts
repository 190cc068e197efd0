import { evaluateLaw } from "./evaluateLaw.js";
import { logSumExp2 } from "./logSumExp.js";
import { solveLog } from "./solveLog.js";
import type { LawFamily, LawParams } from "./types.js";

const w = new Float64Array(2);

/** log(1 + e^s) without overflow, and the logistic σ(s) = its derivative. */
const softplus = (s: number) => (s > 30 ? s : Math.log1p(Math.exp(s)));
const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));

/** Starting exponents and break sharpnesses; the break at the quartiles of the data's log x. */
const C0_STARTS = [0, 0.3];
const C1_STARTS = [0.1, 0.5, 2];
const F1_STARTS = [0.1, 1];
const BREAK_QUANTILES = [0.25, 0.5, 0.75];
/** Starting floor as a fraction of the smallest observed y. */
const FLOOR_FRACTIONS = [1e-3, 0.5, 0.9];

/** Data sizes searched by `invert`: 1e-12 to 1e60 (any count of samples, tokens or FLOP). */
const X_RANGE: readonly [number, number] = [1e-12, 1e60];

/**
 * Broken neural scaling law with one break (Caballero, Gupta, Rish & Krueger, ICLR 2023, eq. 1 with
 * n = 1): y(x) = a + b·x^(−c0)·(1 + (x/d1)^(1/f1))^(−c1·f1). A power law of exponent c0 below the break
 * at x ≈ d1 bends smoothly (sharpness f1; smaller is sharper) into one of exponent c0 + c1 above it,
 * towards the floor a. Fitted as log y = LSE(log a, log b − c0·log x − c1·f1·softplus((log x − log d1)/f1)),
 * so a, b, d1, f1 > 0 and c0, c1 are free.
 */
export const brokenPowerLaw: LawFamily = {
  name: "broken-power",
  kind: "curve",
  formula: "y(x) = a + b * x^-c0 * (1 + (x/d1)^(1/f1))^(-c1*f1)",
  source: "Caballero, Gupta, Rish & Krueger, ICLR 2023 (Broken Neural Scaling Laws), eq. 1 with one break",
  inputs: ["x"],
  paramNames: ["a", "b", "c0", "c1", "d1", "f1"],
  toInternal: (p) =>
    Float64Array.of(Math.log(p.a!), Math.log(p.b!), p.c0!, p.c1!, Math.log(p.d1!), Math.log(p.f1!)),
  toPublic: (t) => ({
    a: Math.exp(t[0]!),
    b: Math.exp(t[1]!),
    c0: t[2]!,
    c1: t[3]!,
    d1: Math.exp(t[4]!),
    f1: Math.exp(t[5]!),
  }),
  logPredict(t, u, _v, grad) {
    const f1 = Math.exp(t[5]!);
    const s = (u - t[4]!) / f1;
    const sp = softplus(s);
    const term = t[1]! - t[2]! * u - t[3]! * f1 * sp;
    const y = logSumExp2(t[0]!, term, w);
    if (grad) {
      const sg = sigmoid(s);
      grad[0] = w[0]!;
      grad[1] = w[1]!;
      grad[2] = -w[1]! * u;
      grad[3] = -w[1]! * f1 * sp;
      grad[4] = w[1]! * t[3]! * sg; // ∂term/∂log d1 = c1·σ(s)
      grad[5] = -w[1]! * t[3]! * f1 * (sp - s * sg); // ∂term/∂log f1
    }
    return y;
  },
  *starts(logInputs, logY) {
    const u = logInputs[0]!;
    const sorted = Float64Array.from(u).sort();
    const at = (q: number) => sorted[Math.round(q * (sorted.length - 1))]!;
    let minY = Number.POSITIVE_INFINITY;
    let maxY = 0;
    for (const ly of logY) {
      minY = Math.min(minY, Math.exp(ly));
      maxY = Math.max(maxY, Math.exp(ly));
    }
    const midU = at(0.5);
    for (const fa of FLOOR_FRACTIONS)
      for (const c0 of C0_STARTS)
        for (const c1 of C1_STARTS)
          for (const q of BREAK_QUANTILES)
            for (const f1 of F1_STARTS) {
              const a = fa * minY;
              const logD1 = at(q);
              // put the curve through the geometric middle of the observed y at the middle x
              const above = Math.max(Math.sqrt(minY * maxY) - a, 1e-12 * maxY);
              const logB = Math.log(above) + c0 * midU + c1 * f1 * softplus((midU - logD1) / f1);
              yield Float64Array.of(Math.log(a), logB, c0, c1, logD1, Math.log(f1));
            }
  },
  floor: (p) => p.a ?? 0,
  invert(p, target) {
    if (!(target > p.a!)) return Number.POSITIVE_INFINITY;
    const x = solveLog((x) => evaluateLaw(brokenPowerLaw, p, x) - target, X_RANGE[0], X_RANGE[1]);
    if (x !== null) return x;
    // no crossing in range: reached everywhere (the curve starts below the target) or nowhere
    return evaluateLaw(brokenPowerLaw, p, X_RANGE[0]) <= target ? 0 : Number.POSITIVE_INFINITY;
  },
  check: (p: LawParams) =>
    p.c0! + p.c1! > 0 ? null : "a learning curve that falls with data past its break (c0 + c1 > 0)",
};
