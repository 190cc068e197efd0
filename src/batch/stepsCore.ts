/**
 * The least-squares core of the S(B) fit (src/batch/fitSteps.ts) and its residual-bootstrap refits, as
 * pure functions over plain data so that a worker thread can run a chunk of resamples.
 */

import { uniformInt } from "pure-rand/distribution/uniformInt";
import { minimizeLbfgs } from "../fit/lbfgs.js";
import { makeObjective } from "../fit/objective.js";
import { rngFor } from "../fit/random.js";
import { bestOutcome, hitCount, type StartOutcome } from "../fit/startRule.js";
import { profileSse, softplus, stepsLogModel } from "./stepsModel.js";

/** A fitted S(B): θ₀ = log S_min, θ₁ = log B_noise (±Infinity at a boundary), log E_min and the SSE. */
export interface Core {
  theta0: number;
  theta1: number;
  logEMin: number;
  sse: number;
}

/** The point fit's multi-start: starts run, converged, and how many reached the best (startRule.ts). */
export interface StepsStarts {
  tried: number;
  converged: number;
  hits: number;
}

const BOUNDARY_RATIO = Math.log(1e6);

/** Grid starts evenly spaced in θ₁ = log B_noise over [log B_min − 3, log B_max + 3] (θ₀ profiled). */
export const DEFAULT_STEPS_STARTS = 9;

function rangeOf(logB: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const u of logB) {
    lo = Math.min(lo, u);
    hi = Math.max(hi, u);
  }
  return [lo, hi];
}

/**
 * Which wins: a boundary (B_noise → ∞, perfect scaling; B_noise → 0, steps independent of batch) or the
 * interior optimum x with SSE `sse`. A boundary wins when it fits at least as well (to rounding) or the
 * optimiser ran off towards it.
 */
function decide(
  logB: Float64Array,
  logS: Float64Array,
  x: Float64Array,
  sse: number,
  ok: boolean,
): Core | null {
  const [lo, hi] = rangeOf(logB);
  const plus = profileSse(Infinity, logB, logS);
  const minus = profileSse(-Infinity, logB, logS);
  const atPlus: Core = { theta0: -Infinity, theta1: Infinity, logEMin: plus.logEMin, sse: plus.sse };
  const atMinus: Core = { theta0: minus.theta0, theta1: -Infinity, logEMin: -Infinity, sse: minus.sse };
  const tol = sse * (1 + 1e-9) + 1e-14;
  if (plus.sse <= tol || minus.sse <= tol) return plus.sse <= minus.sse ? atPlus : atMinus;
  if (x[1]! > hi + BOUNDARY_RATIO) return atPlus;
  if (x[1]! < lo - BOUNDARY_RATIO) return atMinus;
  if (!ok) return null;
  return { theta0: x[0]!, theta1: x[1]!, logEMin: x[0]! + x[1]!, sse };
}

/**
 * Best fit over a grid of `starts` θ₁ values (θ₀ at its profile optimum), least squares on log S, with the
 * boundaries checked; null when no start converged and no boundary fits.
 */
export function fitCore(
  logB: Float64Array,
  logS: Float64Array,
  starts = DEFAULT_STEPS_STARTS,
): { core: Core | null; starts: StepsStarts } {
  const [lo, hi] = rangeOf(logB);
  const f = makeObjective({ model: stepsLogModel(logB), logY: logS }, { loss: "squared" });
  const outcomes: StartOutcome[] = [];
  for (let k = 0; k < starts; k++) {
    const t1 = starts === 1 ? 0.5 * (lo + hi) : lo - 3 + ((hi - lo + 6) * k) / (starts - 1);
    const r = minimizeLbfgs(f, Float64Array.of(profileSse(t1, logB, logS).theta0, t1));
    outcomes.push({ x: Array.from(r.x), fx: r.fx, status: r.status });
  }
  const best = bestOutcome(outcomes);
  let any = outcomes[0]!;
  for (const o of outcomes) if (o.fx < any.fx) any = o;
  const pick = best ?? any;
  return {
    core: decide(logB, logS, Float64Array.from(pick.x), 2 * pick.fx, best !== null),
    starts: {
      tried: outcomes.length,
      converged: outcomes.filter((o) => o.status === "converged").length,
      hits: best ? hitCount(outcomes, best, logB.length) : 0,
    },
  };
}

/**
 * Refit one resample from the full-data optimum `from` (one L-BFGS start, as the law bootstrap refits
 * from its optimum; Efron & Tibshirani 1993 §6), the boundaries checked as in {@link fitCore}. A full-data
 * optimum at a boundary (θ₁ = ±∞) is no place to start L-BFGS: then the grid of {@link fitCore} is run.
 */
export function refitCore(logB: Float64Array, logS: Float64Array, from: Core, starts: number): Core | null {
  if (!Number.isFinite(from.theta1)) return fitCore(logB, logS, starts).core;
  const f = makeObjective({ model: stepsLogModel(logB), logY: logS }, { loss: "squared" });
  const r = minimizeLbfgs(f, Float64Array.of(from.theta0, from.theta1));
  return decide(logB, logS, r.x, 2 * r.fx, r.status === "converged");
}

/** log Ŝ at log B for a fitted core (the boundary forms at θ₁ = ±∞). */
export function predictLog(c: Core, u: number): number {
  if (c.theta1 === Infinity) return c.logEMin - u;
  if (c.theta1 === -Infinity) return c.theta0;
  return c.theta0 + softplus(c.theta1 - u);
}

/** Everything a chunk of residual-bootstrap resamples needs, as plain data. */
export interface StepsBootstrapJob {
  logB: number[];
  /** log Ŝ_i of the full-data fit. */
  fitted: number[];
  /** The centred, leverage-inflated residuals r̃ (Davison & Hinkley 1997, Algorithm 6.1). */
  centred: number[];
  core: Core;
  seed: number;
  /** `"optimum"`: refit from the full-data optimum; `"grid"`: rerun the grid of `starts` every time. */
  refit: "optimum" | "grid";
  starts: number;
}

/**
 * Resamples [from, from + count): log S*_i = log Ŝ_i − r̃_j, j drawn uniformly with rngFor(seed, k), and
 * the refit of each (null where it did not converge). Resample k depends only on (seed, k).
 */
export function stepsBootstrapChunk(job: StepsBootstrapJob, from: number, count: number): (Core | null)[] {
  const logB = Float64Array.from(job.logB);
  const n = logB.length;
  const logStar = new Float64Array(n);
  const out: (Core | null)[] = [];
  for (let k = from; k < from + count; k++) {
    const rng = rngFor(job.seed, k);
    for (let i = 0; i < n; i++) logStar[i] = job.fitted[i]! - job.centred[uniformInt(rng, 0, n - 1)]!;
    out.push(
      job.refit === "grid"
        ? fitCore(logB, logStar, job.starts).core
        : refitCore(logB, logStar, job.core, job.starts),
    );
  }
  return out;
}
