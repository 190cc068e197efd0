import { logSumExp2 } from "./logSumExp.js";
import type { LawFamily, LawParams } from "./types.js";

const w = new Float64Array(2);

/** Exponents tried as starting points; negative for learning curves, positive for model-size laws. */
const BETA_STARTS = [-1, -0.5, -0.3, -0.2, -0.1, -0.05, -0.02, 0.3, 0.6, 0.9];
/** Starting irreducible error as a fraction of the smallest observed y. */
const FLOOR_FRACTIONS = [1e-3, 0.3, 0.6, 0.9];

function mean(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Intercept a = mean(log(y − γ) − β·log m) that puts the curve through the data's centre. */
function interceptFor(beta: number, floor: number, u: Float64Array, logY: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++)
    s += Math.log(Math.max(Math.exp(logY[i]!) - floor, 1e-300)) - beta * u[i]!;
  return s / u.length;
}

/** A learning curve falls with data: β < 0 (HAD19 §3: β_g between −0.07 and −0.35). */
export function fallsWithData(p: LawParams): string | null {
  return p.beta! < 0 ? null : "a learning curve that falls with data (beta < 0)";
}

/**
 * Power law with irreducible error, ε(m) = α·m^β + γ (HAD19 eq. 1; the γ term from Hestness et al.
 * 2017). Fitted as log ε = LSE(log α + β·log m, log γ), so α, γ > 0 and β is free.
 */
export const powerLaw: LawFamily = {
  name: "power",
  kind: "curve",
  auto: true,
  formula: "eps(m) = alpha * m^beta + gamma",
  source: "Hestness et al. 2017 (irreducible error); Hestness, Ardalani & Diamos, PPoPP 2019, eq. 1",
  inputs: ["x"],
  paramNames: ["alpha", "beta", "gamma"],
  toInternal: (p: LawParams) => Float64Array.of(Math.log(p.alpha!), p.beta!, Math.log(p.gamma!)),
  toPublic: (t) => ({ alpha: Math.exp(t[0]!), beta: t[1]!, gamma: Math.exp(t[2]!) }),
  logPredict(t, u, _v, grad) {
    const y = logSumExp2(t[0]! + t[1]! * u, t[2]!, w);
    if (grad) {
      grad[0] = w[0]!;
      grad[1] = w[0]! * u;
      grad[2] = w[1]!;
    }
    return y;
  },
  *starts(logInputs, logY) {
    const u = logInputs[0]!;
    let minY = Number.POSITIVE_INFINITY;
    for (const ly of logY) minY = Math.min(minY, Math.exp(ly));
    for (const beta of BETA_STARTS) {
      for (const f of FLOOR_FRACTIONS) {
        const floor = f * minY;
        yield Float64Array.of(interceptFor(beta, floor, u, logY), beta, Math.log(floor));
      }
    }
  },
  floor: (p) => p.gamma ?? 0,
  // m* = ((ε* − γ)/α)^(1/β) (HAD19 §3, projection to a target, with Hestness 2017's γ)
  invert(p, target) {
    const above = target - p.gamma!;
    return above > 0 ? (above / p.alpha!) ** (1 / p.beta!) : Number.POSITIVE_INFINITY;
  },
  check: fallsWithData,
};

/**
 * Power law without a floor, y(m) = α·m^β: HAD19 eq. 1 (ε ≈ α·m^βg) and eq. 2, the model-size law
 * p(m) ≈ σ·m^βp, and Kaplan et al. 2020 eq. 1.1–1.2 (L = (N_c/N)^αN is α = N_c^αN, β = −αN).
 */
export const powerLawNoFloor: LawFamily = {
  name: "power-no-floor",
  kind: "curve",
  auto: true,
  formula: "y(m) = alpha * m^beta",
  source: "Hestness, Ardalani & Diamos, PPoPP 2019, eq. 1 and eq. 2",
  inputs: ["x"],
  paramNames: ["alpha", "beta"],
  toInternal: (p) => Float64Array.of(Math.log(p.alpha!), p.beta!),
  toPublic: (t) => ({ alpha: Math.exp(t[0]!), beta: t[1]! }),
  logPredict(t, u, _v, grad) {
    if (grad) {
      grad[0] = 1;
      grad[1] = u;
    }
    return t[0]! + t[1]! * u;
  },
  *starts(logInputs, logY) {
    const u = logInputs[0]!;
    const meanU = mean(u);
    for (const beta of BETA_STARTS) yield Float64Array.of(mean(logY) - beta * meanU, beta);
  },
  floor: () => 0,
  // m* = (ε* / α)^(1/β) (HAD19 Table 1)
  invert: (p, target) => (target / p.alpha!) ** (1 / p.beta!),
  check: fallsWithData,
};
