/**
 * Fit of S(B) = S_min(1 + B_noise/B) and E(B) = E_min(1 + B/B_noise) to steps to result (McCandlish et al.
 * 2018 eq. 2.11; Kaplan et al. 2020 eq. 5.4–5.5; REFERENCE (c), (d)), with a seeded residual bootstrap for
 * 95% intervals and profile-likelihood bounds when B_noise lies outside the batch sizes tried.
 *
 * Least squares on log S (multiplicative noise). Fitting E(B) on log E gives the same residuals
 * (log E_i − log Ê_i = log S_i − log Ŝ_i), so one fit serves both and E_min = S_min·B_noise.
 */

import { fitMultiStart } from "../fit/multiStart.js";
import { rngFor } from "../fit/random.js";
import { quantile } from "../fit/summary.js";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { InputError } from "../units/InputError.js";
import { profileBound } from "./profileBounds.js";
import { profileSse, softplus, stepsLogModel } from "./stepsModel.js";

/** A fitted quantity with its 95% interval (null when the data cannot give one). Infinity → JSON null. */
export interface BatchEstimate {
  value: number;
  ci95: [number, number] | null;
}

/** B_noise with where it lies relative to the batch sizes tried and how its interval was made. */
export interface NoiseScaleFit extends BatchEstimate {
  /** `"above"`: B_noise > the largest batch tried (only a lower bound is supported), and so on. */
  position: "within" | "above" | "below";
  /**
   * `"bootstrap-percentile"` (B_noise within the batches tried), `"profile-one-sided"` (outside them: the
   * finite end is a one-sided 95% profile bound, the other end 0 or Infinity), `"none"` (two batch sizes).
   */
  interval: "bootstrap-percentile" | "profile-one-sided" | "none";
}

/** Options of {@link fitSteps}. */
export interface FitStepsOptions {
  /** Bootstrap resamples; default 1000; 0 for none. */
  bootstrap?: number;
  /** Bootstrap seed; default 0. */
  seed?: number;
  /**
   * Smallest σ of log-steps errors assumed for profile bounds; default 0.02 (steps to result are known to
   * ~2% at best: evaluation intervals and trial-to-trial spread). Exact data (LAMB Table 1) would otherwise
   * give σ = 0 and bounds at infinity.
   */
  noiseFloor?: number;
}

/** A converged S(B) fit. Units: steps; B_noise and E_min in the unit of the batch column. */
export interface StepsFit {
  status: "converged";
  sMin: BatchEstimate;
  bNoise: NoiseScaleFit;
  eMin: BatchEstimate;
  /** Smallest and largest batch size fitted. */
  batchRange: [number, number];
  points: number;
  /** log Ŝ − log S per point, in batch order. */
  residuals: number[];
  rmseLog: number;
  /** σ used for profile bounds: max(√(SSE/(n − 2)), noiseFloor). */
  sigmaLog: number;
  bootstrap: { resamples: number; used: number; seed: number; method: "residual" } | null;
  warnings: string[];
}

/** A fit whose optimiser never converged: no numbers are reported as if it had. */
export interface FailedStepsFit {
  status: "not-converged";
  reason: string;
}

interface Core {
  theta0: number;
  theta1: number;
  logEMin: number;
  sse: number;
}

const BOUNDARY_RATIO = Math.log(1e6);

/** Best fit over a grid of starts; θ₁ = ±Infinity when a boundary fits at least as well. */
function fitCore(logB: Float64Array, logS: Float64Array): Core | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const u of logB) {
    lo = Math.min(lo, u);
    hi = Math.max(hi, u);
  }
  const starts: Float64Array[] = [];
  for (let k = 0; k <= 8; k++) {
    const t1 = lo - 3 + ((hi - lo + 6) * k) / 8;
    starts.push(Float64Array.of(profileSse(t1, logB, logS).theta0, t1));
  }
  const multi = fitMultiStart({ model: stepsLogModel(logB), logY: logS }, starts, {
    objective: { loss: "squared" },
  });
  const plus = profileSse(Infinity, logB, logS);
  const minus = profileSse(-Infinity, logB, logS);
  const x = (multi.best ?? multi.bestAny).x;
  const sse = 2 * (multi.best ?? multi.bestAny).fx;
  const atPlus: Core = { theta0: -Infinity, theta1: Infinity, logEMin: plus.logEMin, sse: plus.sse };
  const atMinus: Core = { theta0: minus.theta0, theta1: -Infinity, logEMin: -Infinity, sse: minus.sse };
  // a boundary wins when it fits at least as well (to rounding) or the optimiser ran off towards it
  const tol = sse * (1 + 1e-9) + 1e-14;
  if (plus.sse <= tol || minus.sse <= tol) return plus.sse <= minus.sse ? atPlus : atMinus;
  if (x[1]! > hi + BOUNDARY_RATIO) return atPlus;
  if (x[1]! < lo - BOUNDARY_RATIO) return atMinus;
  if (multi.best === null) return null;
  return { theta0: x[0]!, theta1: x[1]!, logEMin: x[0]! + x[1]!, sse };
}

function predictLog(c: Core, u: number): number {
  if (c.theta1 === Infinity) return c.logEMin - u;
  if (c.theta1 === -Infinity) return c.theta0;
  return c.theta0 + softplus(c.theta1 - u);
}

function percentile95(values: number[]): [number, number] {
  const s = [...values].sort((a, b) => a - b);
  return [quantile(s, 0.025), quantile(s, 0.975)];
}

/**
 * Fits S(B) = S_min(1 + B_noise/B) by multi-start L-BFGS (θ = log S_min, log B_noise; least squares on
 * log S), checking the two boundaries B_noise → ∞ (perfect scaling, S = E_min/B) and B_noise → 0 (steps
 * independent of batch). Intervals:
 * - a residual bootstrap (Davison & Hinkley 1997 §6.2.3, Algorithm 6.1): log S* = log Ŝ + r̃_j, with r̃ the
 *   centred residuals inflated by √(n/(n − 2)) (average leverage p/n), refitted; 95% percentile intervals;
 * - when B̂_noise falls outside the batches tried, its interval is one-sided: {@link profileBound} with
 *   σ = max(√(SSE/(n − 2)), noiseFloor), and the other end 0 or Infinity.
 *
 * @param batch - batch sizes (distinct, positive), any order
 * @param steps - steps to result, one per batch size
 * @throws InputError on fewer than two points or lengths that differ
 */
export function fitSteps(
  batch: ArrayLike<number>,
  steps: ArrayLike<number>,
  options: FitStepsOptions = {},
): StepsFit | FailedStepsFit {
  const { bootstrap = 1000, seed = 0, noiseFloor = 0.02 } = options;
  const n = batch.length;
  if (steps.length !== n)
    throw new InputError("steps", `${steps.length} values`, `${n} values, one per batch size`);
  if (n < 2)
    throw new InputError("batch", `${n} batch size(s)`, "steps to result at two or more batch sizes");
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => batch[a]! - batch[b]!);
  const logB = Float64Array.from(order, (i) => Math.log(batch[i]!));
  const logS = Float64Array.from(order, (i) => Math.log(steps[i]!));
  const core = fitCore(logB, logS);
  if (core === null)
    return { status: "not-converged", reason: "no starting point of the S(B) fit converged" };
  const warnings: string[] = [];
  const residuals = Array.from(logB, (u, i) => predictLog(core, u) - logS[i]!);
  const rmseLog = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / n);
  const sigmaLog = Math.max(n > 2 ? Math.sqrt(core.sse / (n - 2)) : 0, noiseFloor);
  const bMin = batch[order[0]!]!;
  const bMax = batch[order[n - 1]!]!;
  const bHat = Math.exp(core.theta1);
  const position = bHat > bMax ? "above" : bHat < bMin ? "below" : "within";

  let draws: Core[] = [];
  if (n > 2 && bootstrap > 0) {
    const mean = residuals.reduce((s, r) => s + r, 0) / n;
    const scale = Math.sqrt(n / (n - 2));
    // r_i = log Ŝ − log S, so the resampled observation is log Ŝ − r̃_j
    const centred = residuals.map((r) => (r - mean) * scale);
    const logStar = new Float64Array(n);
    for (let k = 0; k < bootstrap; k++) {
      const rng = rngFor(seed, k);
      for (let i = 0; i < n; i++)
        logStar[i] = predictLog(core, logB[i]!) - centred[uniformInt(rng, 0, n - 1)]!;
      const c = fitCore(logB, logStar);
      if (c) draws.push(c);
    }
    if (draws.length < bootstrap)
      warnings.push(`${bootstrap - draws.length} bootstrap refits did not converge`);
  } else if (n === 2) warnings.push("two batch sizes determine S_min and B_noise exactly: no intervals");
  if (draws.length < 2) draws = [];

  const sMinCi = draws.length ? percentile95(draws.map((d) => Math.exp(d.theta0))) : null;
  const eMinCi = draws.length ? percentile95(draws.map((d) => Math.exp(d.logEMin))) : null;
  let bCi: [number, number] | null = draws.length ? percentile95(draws.map((d) => Math.exp(d.theta1))) : null;
  let sCi = sMinCi;
  let interval: NoiseScaleFit["interval"] = draws.length ? "bootstrap-percentile" : "none";
  if (position !== "within") {
    const side = position === "above" ? "lower" : "upper";
    const bound = profileBound({
      logBatch: logB,
      logSteps: logS,
      theta1: core.theta1,
      sse: core.sse,
      sigma2: sigmaLog ** 2,
      side,
    });
    if (side === "lower") {
      bCi = [bound.bNoise, Infinity];
      sCi = [0, bound.bNoise === 0 ? Infinity : bound.sMin];
      warnings.push(
        `B_noise lies above the largest batch tried (${bMax}): the data bound it from below only, ` +
          `B_noise > ${Number(bound.bNoise.toPrecision(3))} (one-sided 95%, σ(log S) = ${Number(sigmaLog.toPrecision(2))})`,
      );
    } else {
      bCi = [0, bound.bNoise];
      sCi = [bound.sMin, sMinCi ? Math.max(sMinCi[1], Math.exp(core.theta0)) : Math.exp(core.theta0)];
      warnings.push(
        `B_noise lies below the smallest batch tried (${bMin}): the data bound it from above only, ` +
          `B_noise < ${Number(bound.bNoise.toPrecision(3))} (one-sided 95%)`,
      );
    }
    interval = "profile-one-sided";
  }
  return {
    status: "converged",
    sMin: { value: Math.exp(core.theta0), ci95: sCi },
    bNoise: { value: bHat, ci95: bCi, position, interval },
    eMin: { value: Math.exp(core.logEMin), ci95: eMinCi },
    batchRange: [bMin, bMax],
    points: n,
    residuals,
    rmseLog,
    sigmaLog,
    bootstrap:
      n > 2 && bootstrap > 0 ? { resamples: bootstrap, used: draws.length, seed, method: "residual" } : null,
    warnings,
  };
}
