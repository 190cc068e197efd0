/**
 * Fit of S(B) = S_min(1 + B_noise/B) and E(B) = E_min(1 + B/B_noise) to steps to result (McCandlish et al.
 * 2018 eq. 2.11; Kaplan et al. 2020 eq. 5.4–5.5; REFERENCE (c), (d)), with a seeded residual bootstrap for
 * 95% intervals and profile-likelihood bounds when B_noise lies outside the batch sizes tried.
 *
 * Least squares on log S (multiplicative noise). Fitting E(B) on log E gives the same residuals
 * (log E_i − log Ê_i = log S_i − log Ŝ_i), so one fit serves both and E_min = S_min·B_noise.
 */

import { quantile } from "../fit/summary.js";
import { InputError } from "../units/InputError.js";
import { profileBound } from "./profileBounds.js";
import {
  type Core,
  DEFAULT_STEPS_STARTS,
  fitCore,
  predictLog,
  type StepsBootstrapJob,
  stepsBootstrapChunk,
  type StepsStarts,
} from "./stepsCore.js";

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
  /**
   * Multi-start of the fit: `"auto"` (default) the grid of 9 starts in θ₁ = log B_noise for the point fit,
   * and each bootstrap resample refitted from the full-data optimum (as the law bootstrap does); `"all"`
   * the grid for the point fit and again for every resample (the behaviour before, 9× the work); a number
   * N: a grid of N starts for the point fit, resamples from the optimum.
   */
  starts?: "auto" | "all" | number;
  /** Resamples per task (a progress step; the result does not depend on it); default 50. */
  chunk?: number;
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
  bootstrap: {
    resamples: number;
    used: number;
    seed: number;
    method: "residual";
    /** Each resample refitted from the full-data optimum, or by the whole grid again (`starts: "all"`). */
    refit: "optimum" | "grid";
  } | null;
  /** The point fit's starts: tried, converged, and how many reached the optimum. */
  starts: StepsStarts;
  warnings: string[];
}

/** A fit whose optimiser never converged: no numbers are reported as if it had. */
export interface FailedStepsFit {
  status: "not-converged";
  reason: string;
}

function percentile95(values: number[]): [number, number] {
  const s = [...values].sort((a, b) => a - b);
  return [quantile(s, 0.025), quantile(s, 0.975)];
}

/** A chunk of steps-fit bootstrap resamples, run by {@link stepsBootstrapChunk} (in a worker or here). */
export interface StepsTask {
  kind: "steps-bootstrap";
  job: StepsBootstrapJob;
  from: number;
  count: number;
}

/** A fit written as a generator of task batches (as src/laws/fitTasks.ts's FitPlan), for S(B) fits. */
export type StepsPlan<T> = Generator<StepsTask[], T, (Core | null)[][]>;

/** Run a {@link StepsPlan} in this thread, calling `onProgress(done, total)` after each chunk. */
export function runStepsPlan<T>(plan: StepsPlan<T>, onProgress?: (done: number, total: number) => void): T {
  let step = plan.next();
  while (!step.done) {
    const tasks = step.value;
    const total = tasks.reduce((s, t) => s + t.count, 0);
    let done = 0;
    const results = tasks.map((t) => {
      const r = stepsBootstrapChunk(t.job, t.from, t.count);
      done += t.count;
      onProgress?.(done, total);
      return r;
    });
    step = plan.next(results);
  }
  return step.value;
}

/**
 * Fits S(B) = S_min(1 + B_noise/B) by multi-start L-BFGS (θ = log S_min, log B_noise; least squares on
 * log S), checking the two boundaries B_noise → ∞ (perfect scaling, S = E_min/B) and B_noise → 0 (steps
 * independent of batch). Intervals:
 * - a residual bootstrap (Davison & Hinkley 1997 §6.2.3, Algorithm 6.1): log S* = log Ŝ + r̃_j, with r̃ the
 *   centred residuals inflated by √(n/(n − 2)) (average leverage p/n), each refitted from the full-data
 *   optimum (`starts`); 95% percentile intervals;
 * - when B̂_noise falls outside the batches tried, its interval is one-sided: {@link profileBound} with
 *   σ = max(√(SSE/(n − 2)), noiseFloor), and the other end 0 or Infinity.
 * Runs in this thread; {@link fitStepsPlan} is the same fit as tasks a driver may put on threads.
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
  return runStepsPlan(fitStepsPlan(batch, steps, options));
}

/** {@link fitSteps} as a plan: one batch of bootstrap chunks between the point fit and the intervals. */
export function* fitStepsPlan(
  batch: ArrayLike<number>,
  steps: ArrayLike<number>,
  options: FitStepsOptions = {},
): StepsPlan<StepsFit | FailedStepsFit> {
  const { bootstrap = 1000, seed = 0, noiseFloor = 0.02, starts = "auto", chunk = 50 } = options;
  const n = batch.length;
  if (steps.length !== n)
    throw new InputError("steps", `${steps.length} values`, `${n} values, one per batch size`);
  if (n < 2)
    throw new InputError("batch", `${n} batch size(s)`, "steps to result at two or more batch sizes");
  if (typeof starts === "number" && !(Number.isInteger(starts) && starts >= 1))
    throw new InputError("starts", starts, "auto, all or an integer ≥ 1");
  const grid = typeof starts === "number" ? starts : DEFAULT_STEPS_STARTS;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => batch[a]! - batch[b]!);
  const logB = Float64Array.from(order, (i) => Math.log(batch[i]!));
  const logS = Float64Array.from(order, (i) => Math.log(steps[i]!));
  const point = fitCore(logB, logS, grid);
  const core = point.core;
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
  const refit = starts === "all" ? "grid" : "optimum";

  let draws: Core[] = [];
  if (n > 2 && bootstrap > 0) {
    const mean = residuals.reduce((s, r) => s + r, 0) / n;
    const scale = Math.sqrt(n / (n - 2));
    // r_i = log Ŝ − log S, so the resampled observation is log Ŝ − r̃_j
    const job: StepsBootstrapJob = {
      logB: Array.from(logB),
      fitted: Array.from(logB, (u) => predictLog(core, u)),
      centred: residuals.map((r) => (r - mean) * scale),
      core,
      seed,
      refit,
      starts: grid,
    };
    const tasks: StepsTask[] = [];
    for (let from = 0; from < bootstrap; from += chunk)
      tasks.push({ kind: "steps-bootstrap", job, from, count: Math.min(chunk, bootstrap - from) });
    draws = (yield tasks).flat().filter((c): c is Core => c !== null);
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
      n > 2 && bootstrap > 0
        ? { resamples: bootstrap, used: draws.length, seed, method: "residual", refit }
        : null,
    starts: point.starts,
    warnings,
  };
}
