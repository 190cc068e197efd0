import { logDiagnostics } from "../fit/diagnostics.js";
import type { LbfgsOptions } from "../fit/lbfgs.js";
import type { HitRule } from "../fit/startRule.js";
import { summarizeDraws } from "../fit/summary.js";
import type { ObjectiveOptions } from "../fit/types.js";
import { FAMILIES, type FamilyName } from "./families.js";
import {
  type BootstrapJob,
  type FitPlan,
  type FitTask,
  type LawBootstrapDraw,
  runFitPlan,
} from "./fitTasks.js";
import { type StartsReport, startsPlan } from "./fitStarts.js";
import { type LawData, prepareLawData } from "./lawData.js";
import type { LawFamily, LawParams, Region } from "./types.js";

/** A fitted value with its bootstrap standard error and 95% percentile interval (null without bootstrap). */
export interface Estimate {
  value: number;
  se: number | null;
  ci95: [number, number] | null;
}

/** Options of {@link fitLaw}. */
export interface FitLawOptions {
  /** Residual and loss; default Huber (δ = 1e-3) on log residuals, Hoffmann et al. 2022 App. D.2. */
  objective?: ObjectiveOptions;
  /** L-BFGS settings of the point fit (SciPy L-BFGS-B defaults). */
  lbfgs?: LbfgsOptions;
  /** Starting points in θ; default the family's grid (Epoch's 4,500-point grid for Chinchilla). */
  starts?: Iterable<Float64Array>;
  /**
   * How many of the starts to run: `"auto"` (default) in a seeded random order until the best objective
   * has been reached from K starts (the hit rule of src/fit/startRule.ts, K = `startRule.hits`, default 5),
   * `"all"` every start in grid order (Epoch's full grid), or a number N: the first N of the seeded order.
   * The seed is `seed`'s start-order stream. Whichever, the best start is polished by Newton steps, so a
   * rule-stopped fit reports the full grid's parameters (to about 1e-8 relative on Epoch's data).
   */
  startBudget?: "auto" | "all" | number;
  /** K and the hit tolerances of the `"auto"` rule; see {@link HitRule}. */
  startRule?: HitRule;
  /** Bootstrap resamples; default 1000, 0 for none. */
  bootstrap?: number;
  /** Seed of the bootstrap; default 0. */
  seed?: number;
  /** Called as bootstrap resamples finish (by {@link fitLaw}; drivers of {@link fitLawPlan} call their own). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Slices the starting points are cut into, each a task a driver may run on its own thread; default 1.
   * The result does not depend on it.
   */
  startSlices?: number;
}

/** Bootstrap resamples per task (a progress step; the result does not depend on it). */
const BOOTSTRAP_CHUNK = 50;

/**
 * Rows above which the starting points are tried on a systematic subsample of this many rows (every
 * (n/m)-th row) and only the best start is then refined on all the rows. Multi-start exists to find the
 * basin of the global optimum; with tens of thousands of rows a subsample of this size already fixes
 * it (the subsample's objective is a consistent estimate of the full one), while the final parameters,
 * residuals and diagnostics come from all the rows. This keeps a fit of millions of rows to seconds;
 * fits of up to this many rows, Epoch's Chinchilla data among them, are unchanged.
 */
export const START_SUBSAMPLE_ROWS = 20_000;

/** Every (n/m)-th row of the data (rows floor(k n / m), k = 0..m-1): a systematic sample. */
function systematicSample(inputs: readonly ArrayLike<number>[], y: ArrayLike<number>, m: number) {
  const n = y.length;
  const pick = (c: ArrayLike<number>) =>
    Float64Array.from({ length: m }, (_, k) => c[Math.floor((k * n) / m)]!);
  return { inputs: inputs.map(pick), y: pick(y) };
}

/** A converged fit of a law to data. */
export interface LawFit {
  status: "converged";
  family: FamilyName;
  params: Record<string, Estimate>;
  /** Derived quantities (three-region boundaries) with intervals. */
  derived: Record<string, Estimate>;
  theta: number[];
  objective: number;
  starts: StartsReport;
  diagnostics: {
    residuals: number[];
    rmseLog: number;
    r2Log: number;
    /** Smallest and largest value of each input. */
    range: Record<string, [number, number]>;
    /** Three-region fits: the region of each point. */
    regions?: Region[];
  };
  bootstrap: { resamples: number; used: number; seed: number; draws: LawParams[] } | null;
}

/** A fit whose optimiser never converged: no numbers are reported as if it had. */
export interface FailedFit {
  status: "not-converged";
  family: FamilyName;
  starts: StartsReport;
  reason: string;
}

function estimates(point: LawParams, draws: LawParams[] | null): Record<string, Estimate> {
  const out: Record<string, Estimate> = {};
  for (const [name, value] of Object.entries(point)) {
    if (!draws || draws.length < 2) {
      out[name] = { value, se: null, ci95: null };
      continue;
    }
    const s = summarizeDraws(draws.map((d) => d[name]!));
    out[name] = { value, se: s.se, ci95: s.ci95 };
  }
  return out;
}

/**
 * Fit a scaling-law family to runs: multi-start L-BFGS on Huber log residuals (Hoffmann et al. 2022
 * App. D.2; Besiroglu et al. 2024), keeping the best converged start, then a seeded bootstrap (rows
 * resampled with replacement, each refit from the full-data optimum) for standard errors and 95%
 * percentile intervals of every parameter. Runs in this thread; see {@link fitLawPlan} for the same fit
 * as tasks a driver may spread over threads.
 */
export function fitLaw(
  familyName: FamilyName,
  data: LawData,
  options: FitLawOptions = {},
): LawFit | FailedFit {
  return runFitPlan(fitLawPlan(familyName, data, options), options.onProgress);
}

/**
 * {@link fitLaw} as a plan: one batch of start slices, then (when the fit converged and `bootstrap` > 0)
 * one batch of bootstrap chunks. The best start is chosen by {@link mergeStarts}, so any driver gives the
 * same fit.
 */
export function* fitLawPlan(
  familyName: FamilyName,
  data: LawData,
  options: FitLawOptions = {},
): FitPlan<LawFit | FailedFit> {
  const { objective = {}, bootstrap = 1000, seed = 0 } = options;
  const family = FAMILIES[familyName];
  const prepared = prepareLawData(family, data);
  const inputs = [...data.inputs];
  const y = data.y;
  const rows = y.length;
  const sample = rows > START_SUBSAMPLE_ROWS ? systematicSample(inputs, y, START_SUBSAMPLE_ROWS) : null;
  const multi = yield* startsPlan(familyName, prepared, { inputs, y }, options, sample);
  if (multi.status === "not-converged") {
    const { bestAny } = multi;
    return {
      status: "not-converged",
      family: familyName,
      starts: multi.starts,
      reason: `none of ${multi.starts.tried} starting points converged (best attempt stopped with "${bestAny}")`,
    };
  }
  const theta = multi.theta;

  let draws: LawParams[] | null = null;
  if (bootstrap > 0) {
    const job: BootstrapJob = {
      family: familyName,
      inputs,
      y,
      theta0: Array.from(theta),
      seed,
      objective,
      ...(multi.inverseHessian ? { inverseHessian: Array.from(multi.inverseHessian) } : {}),
    };
    const chunks: FitTask[] = [];
    for (let from = 0; from < bootstrap; from += BOOTSTRAP_CHUNK)
      chunks.push({ kind: "bootstrap", job, from, count: Math.min(BOOTSTRAP_CHUNK, bootstrap - from) });
    draws = collectDraws(family, ((yield chunks) as LawBootstrapDraw[][]).flat());
  }
  return assembleFit(
    familyName,
    data,
    prepared.logInputs,
    prepared.logY,
    theta,
    multi.fx,
    multi.starts,
    draws,
    bootstrap,
    seed,
  );
}

/** Converged bootstrap draws as published parameters plus derived quantities. */
export function collectDraws(family: LawFamily, results: LawBootstrapDraw[]): LawParams[] {
  return results
    .filter((r) => r.status === "converged")
    .sort((a, b) => a.index - b.index)
    .map((r) => {
      const p = family.toPublic(r.theta);
      return { ...p, ...family.derived?.(p) };
    });
}

/** Put a converged point fit and its bootstrap draws together into a {@link LawFit}. */
export function assembleFit(
  familyName: FamilyName,
  data: LawData,
  logInputs: readonly Float64Array[],
  logY: Float64Array,
  theta: Float64Array,
  objectiveValue: number,
  starts: StartsReport,
  draws: LawParams[] | null,
  resamples: number,
  seed: number,
): LawFit {
  const family = FAMILIES[familyName];
  const point = family.toPublic(theta);
  const derivedPoint = family.derived?.(point) ?? {};
  const u = logInputs[0]!;
  const v = logInputs[1];
  const logPred = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) logPred[i] = family.logPredict(theta, u[i]!, v ? v[i]! : 0, null);
  const diag = logDiagnostics(logY, logPred);
  const range: Record<string, [number, number]> = {};
  family.inputs.forEach((role, j) => {
    // a loop, not Math.min(...col): spreading millions of rows overflows the call stack (issue 16 item 1)
    const col = data.inputs[j]!;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < col.length; i++) {
      const c = col[i]!;
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    }
    range[role] = [lo, hi];
  });
  const fit: LawFit = {
    status: "converged",
    family: familyName,
    params: estimates(point, draws),
    derived: estimates(derivedPoint, draws),
    theta: Array.from(theta),
    objective: objectiveValue,
    starts,
    diagnostics: { residuals: diag.residuals, rmseLog: diag.rmseLog, r2Log: diag.r2Log, range },
    bootstrap: draws ? { resamples, used: draws.length, seed, draws } : null,
  };
  if (family.regions) fit.diagnostics.regions = family.regions(point, data.inputs[0]!);
  return fit;
}
