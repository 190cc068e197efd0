import { evaluateLaw } from "./evaluateLaw.js";
import { logSumExp2 } from "./logSumExp.js";
import { invertSecond } from "./solveLog.js";
import type { LawFamily } from "./types.js";

const w = new Float64Array(2);

/**
 * Kaplan et al. 2020 eq. 1.5: L(N, D) = [(N_c/N)^(αN/αD) + D_c/D]^αD, with N non-embedding parameters.
 * Fitted as log L = αD·LSE((αN/αD)(log N_c − log N), log D_c − log D).
 */
export const kaplanND: LawFamily = {
  name: "kaplan-nd",
  kind: "nd",
  auto: true,
  formula: "L(N, D) = [(Nc/N)^(alphaN/alphaD) + Dc/D]^alphaD",
  source: "Kaplan et al. 2020, eq. 1.5 and Table 2",
  inputs: ["n", "d"],
  paramNames: ["Nc", "Dc", "alphaN", "alphaD"],
  toInternal: (p) => Float64Array.of(Math.log(p.Nc!), Math.log(p.Dc!), p.alphaN!, p.alphaD!),
  toPublic: (t) => ({ Nc: Math.exp(t[0]!), Dc: Math.exp(t[1]!), alphaN: t[2]!, alphaD: t[3]! }),
  logPredict(t, u, v, grad) {
    const ratio = t[2]! / t[3]!;
    const u1 = ratio * (t[0]! - u);
    const s = logSumExp2(u1, t[1]! - v, grad ? w : null);
    if (grad) {
      grad[0] = t[2]! * w[0]!;
      grad[1] = t[3]! * w[1]!;
      grad[2] = w[0]! * (t[0]! - u);
      grad[3] = s - w[0]! * u1;
    }
    return t[3]! * s;
  },
  *starts() {
    for (const n of [20, 25, 30, 35])
      for (const d of [20, 25, 30, 35])
        for (const aN of [0.05, 0.1, 0.3])
          for (const aD of [0.05, 0.1, 0.3]) yield Float64Array.of(n, d, aN, aD);
  },
  floor: () => 0,
  invert: (p, target, n) => invertSecond((a, b) => evaluateLaw(kaplanND, p, a, b), n!, target),
};

/**
 * Kaplan et al. 2020 eq. 1.6 / 5.6: L(N, S) = (N_c/N)^αN + (S_c/S)^αS, S = optimisation steps at the
 * critical batch (S_min). Fitted as log L = LSE(αN(log N_c − log N), αS(log S_c − log S)).
 */
export const kaplanNS: LawFamily = {
  name: "kaplan-ns",
  kind: "ns",
  auto: true,
  formula: "L(N, S) = (Nc/N)^alphaN + (Sc/S)^alphaS",
  source: "Kaplan et al. 2020, eq. 1.6 and Table 3",
  inputs: ["n", "s"],
  paramNames: ["Nc", "Sc", "alphaN", "alphaS"],
  toInternal: (p) => Float64Array.of(Math.log(p.Nc!), Math.log(p.Sc!), p.alphaN!, p.alphaS!),
  toPublic: (t) => ({ Nc: Math.exp(t[0]!), Sc: Math.exp(t[1]!), alphaN: t[2]!, alphaS: t[3]! }),
  logPredict(t, u, v, grad) {
    const y = logSumExp2(t[2]! * (t[0]! - u), t[3]! * (t[1]! - v), grad ? w : null);
    if (grad) {
      grad[0] = w[0]! * t[2]!;
      grad[1] = w[1]! * t[3]!;
      grad[2] = w[0]! * (t[0]! - u);
      grad[3] = w[1]! * (t[1]! - v);
    }
    return y;
  },
  *starts() {
    for (const n of [20, 25, 30, 35])
      for (const s of [3, 6, 9, 12])
        for (const aN of [0.05, 0.1, 0.3])
          for (const aS of [0.2, 0.5, 1]) yield Float64Array.of(n, s, aN, aS);
  },
  floor: () => 0,
  // S_min = S_c / (L* − (N_c/N)^αN)^(1/αS) (Kaplan et al. 2020 eq. 1.6)
  invert(p, target, n) {
    const rest = target - (p.Nc! / n!) ** p.alphaN!;
    return rest > 0 ? p.Sc! / rest ** (1 / p.alphaS!) : Number.POSITIVE_INFINITY;
  },
};
