import { logSumExp2 } from "./logSumExp.js";
import { fallsWithData } from "./powerLaw.js";
import type { LawFamily, LawParams, Region } from "./types.js";

const w = new Float64Array(2);
const v = new Float64Array(2);

/** Sharpness k of the smooth minimum between the plateau and the power law (dimensionless). */
export const THREE_REGION_SHARPNESS = 5;

const BETA_STARTS = [-0.8, -0.5, -0.3, -0.15, -0.07];
const FLOOR_FRACTIONS = [1e-3, 0.5, 0.9];
const PLATEAU_FACTORS = [1.02, 1.5];

/**
 * Three-region learning curve of HAD19 Fig. 6: a small-data region where error stays at its best-guess
 * plateau P, a power-law region α·m^β, and an irreducible-error region γ:
 *
 *   ε(m) = [P^−k + (α·m^β)^−k]^(−1/k) + γ,  k = {@link THREE_REGION_SHARPNESS}
 *
 * The smooth minimum (k fixed) is scalecast's choice, so that both region boundaries are estimated from the
 * data by a gradient method: the small-data boundary is where α·m^β = P, the irreducible boundary where
 * α·m^β = γ (the power-law term falls below the floor). HAD19 draws these boundaries by eye.
 */
export const threeRegion: LawFamily = {
  name: "three-region",
  kind: "curve",
  auto: true,
  formula: "eps(m) = softmin_k(plateau, alpha * m^beta) + gamma",
  source: "Hestness, Ardalani & Diamos, PPoPP 2019, Fig. 6 (three regions); eq. 1 (power-law region)",
  inputs: ["x"],
  paramNames: ["plateau", "alpha", "beta", "gamma"],
  toInternal: (p) => Float64Array.of(Math.log(p.plateau!), Math.log(p.alpha!), p.beta!, Math.log(p.gamma!)),
  toPublic: (t) => ({
    plateau: Math.exp(t[0]!),
    alpha: Math.exp(t[1]!),
    beta: t[2]!,
    gamma: Math.exp(t[3]!),
  }),
  logPredict(t, u, _v, grad) {
    const k = THREE_REGION_SHARPNESS;
    const power = t[1]! + t[2]! * u;
    // log of the smooth minimum: −(1/k)·LSE(−k·log P, −k·log(α m^β))
    const soft = -logSumExp2(-k * t[0]!, -k * power, v) / k;
    const y = logSumExp2(soft, t[3]!, w);
    if (grad) {
      grad[0] = w[0]! * v[0]!;
      grad[1] = w[0]! * v[1]!;
      grad[2] = w[0]! * v[1]! * u;
      grad[3] = w[1]!;
    }
    return y;
  },
  *starts(logInputs, logY) {
    const u = logInputs[0]!;
    let maxY = 0;
    let minY = Number.POSITIVE_INFINITY;
    let sumU = 0;
    for (let i = 0; i < u.length; i++) {
      const y = Math.exp(logY[i]!);
      maxY = Math.max(maxY, y);
      minY = Math.min(minY, y);
      sumU += u[i]!;
    }
    const midU = sumU / u.length;
    for (const pf of PLATEAU_FACTORS) {
      for (const beta of BETA_STARTS) {
        for (const f of FLOOR_FRACTIONS) {
          const floor = f * minY;
          // put the power law through the geometric middle of the observed range
          const midY = Math.sqrt(maxY * minY) - floor;
          const a = Math.log(Math.max(midY, 1e-12 * maxY)) - beta * midU;
          yield Float64Array.of(Math.log(pf * maxY), a, beta, Math.log(floor));
        }
      }
    }
  },
  floor: (p) => p.gamma ?? 0,
  // solve [P^−k + (α m^β)^−k]^(−1/k) = ε* − γ for m in closed form
  invert(p, target) {
    const k = THREE_REGION_SHARPNESS;
    const above = target - p.gamma!;
    if (!(above > 0)) return Number.POSITIVE_INFINITY;
    const rest = above ** -k - p.plateau! ** -k;
    if (rest <= 0) return 0; // the plateau itself is already at or below the target
    return (rest ** (-1 / k) / p.alpha!) ** (1 / p.beta!);
  },
  check: fallsWithData,
  derived(p) {
    const b = threeRegionBoundaries(asThreeRegion(p));
    return { smallDataBoundary: b.smallData, irreducibleBoundary: b.irreducible };
  },
  regions(p, xs) {
    const b = threeRegionBoundaries(asThreeRegion(p));
    return Array.from(xs, (x) => regionOf(x, b));
  },
};

function asThreeRegion(p: LawParams) {
  return p as { plateau: number; alpha: number; beta: number; gamma: number };
}

/** Region boundaries of a three-region fit, in units of x: where α·m^β equals the plateau and the floor. */
export function threeRegionBoundaries(p: { plateau: number; alpha: number; beta: number; gamma: number }): {
  smallData: number;
  irreducible: number;
} {
  return {
    smallData: (p.plateau / p.alpha) ** (1 / p.beta),
    irreducible: (p.gamma / p.alpha) ** (1 / p.beta),
  };
}

/** Classify x against the boundaries of {@link threeRegionBoundaries}. */
export function regionOf(x: number, b: { smallData: number; irreducible: number }): Region {
  if (x < b.smallData) return "small-data";
  if (x > b.irreducible) return "irreducible";
  return "power-law";
}
