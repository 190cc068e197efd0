/**
 * The whole batch-size analysis of a sweep: steps to result per batch size (Shallue et al. 2018), the fit
 * of S(B) and E(B) (McCandlish et al. 2018), Shallue's three regimes, the critical batch and a recommended
 * batch with its optimizer and learning-rate rule (REFERENCE (b), (c), (g)).
 */

import { checkStepsTable, type CheckStepsOptions, requireReached } from "./checkSteps.js";
import {
  type FitStepsOptions,
  fitStepsPlan,
  runStepsPlan,
  type StepsFit,
  type StepsPlan,
} from "./fitSteps.js";
import {
  type OptimizerFamily,
  type OptimizerRecommendation,
  recommendOptimizer,
} from "./recommendOptimizer.js";
import { type BatchRegimes, classifyRegimes, type RegimeCriteria } from "./regimes.js";
import {
  computeStepsToResult,
  type Measurement,
  type StepsToResult,
  type Unreached,
} from "./stepsToResult.js";

/** A sweep (curves of a metric against step, many trials per batch) or steps to result already measured. */
export type BatchInput =
  | { kind: "sweep"; measurements: Iterable<Measurement>; target: number; maximize?: boolean }
  | { kind: "steps"; rows: readonly StepsToResult[] };

/** Options of {@link analyzeBatchSweep}. */
export interface BatchAnalysisOptions extends FitStepsOptions, RegimeCriteria, CheckStepsOptions {
  /** Optimizer family in use, for the recommendation; default "momentum". */
  optimizer?: OptimizerFamily;
  /** Learning rate tuned at `baseBatch`. */
  baseLr?: number;
  baseBatch?: number;
  /** Samples per epoch, for warmup iterations. */
  datasetSize?: number;
}

/** The recommended batch, why, and the optimizer and learning-rate rule for it. */
export interface BatchRecommendation {
  /** B_crit rounded to an integer; the largest (or smallest) batch tried when B_noise lies outside them. */
  batch: number;
  reason: string;
  optimizer: OptimizerRecommendation;
}

/** A complete analysis (keys as in the CLI's JSON). */
export interface BatchAnalysis extends Omit<BatchRegimes, "regimes"> {
  status: "converged";
  stepsToResult: StepsToResult[];
  unreached: Unreached[];
  fit: StepsFit;
  regimes: BatchRegimes["regimes"];
  recommendation: BatchRecommendation;
  warnings: string[];
}

/** The steps to result were found but the fit did not converge: no fitted numbers are reported. */
export interface FailedBatchAnalysis {
  status: "not-converged";
  stepsToResult: StepsToResult[];
  unreached: Unreached[];
  reason: string;
}

const short = (x: number) => Number(x.toPrecision(3));

/**
 * Runs the analysis. Bad input (one batch size, a target never reached, steps that grow with the batch)
 * throws an InputError from {@link requireReached} or {@link checkStepsTable} saying what is missing.
 */
export function analyzeBatchSweep(
  input: BatchInput,
  options: BatchAnalysisOptions = {},
): BatchAnalysis | FailedBatchAnalysis {
  return runStepsPlan(analyzeBatchSweepPlan(input, options));
}

/** {@link analyzeBatchSweep} as a plan: its bootstrap chunks are tasks a driver may put on threads. */
export function* analyzeBatchSweepPlan(
  input: BatchInput,
  options: BatchAnalysisOptions = {},
): StepsPlan<BatchAnalysis | FailedBatchAnalysis> {
  let rows: StepsToResult[];
  let unreached: Unreached[] = [];
  const warnings: string[] = [];
  if (input.kind === "sweep") {
    const table = computeStepsToResult(input.measurements, {
      target: input.target,
      maximize: input.maximize ?? false,
    });
    rows = requireReached(table, input.target, input.maximize ?? false);
    unreached = table.unreached;
    for (const u of unreached)
      warnings.push(
        `batch ${u.batch} never reached the target (best ${short(u.best)}): left out of the fit, as Shallue et al. do`,
      );
  } else rows = [...input.rows];
  const table = checkStepsTable(rows, options);
  const fit = yield* fitStepsPlan(
    table.map((r) => r.batch),
    table.map((r) => r.steps),
    options,
  );
  if (fit.status !== "converged")
    return { status: "not-converged", stepsToResult: table, unreached, reason: fit.reason };
  const regimes = classifyRegimes(fit, table, options);
  const [bMin, bMax] = fit.batchRange;
  let batch: number;
  let reason: string;
  if (fit.bNoise.position === "above") {
    batch = bMax;
    reason = `perfect scaling through the largest batch tried (${bMax}); B_noise > ${short(fit.bNoise.ci95?.[0] ?? bMax)}, so larger batches probably still scale: try them`;
  } else if (fit.bNoise.position === "below") {
    batch = bMin;
    reason = `steps to result barely fall with batch size over the batches tried (B_noise < ${short(fit.bNoise.ci95?.[1] ?? bMin)}): the smallest batch tried needs the least compute`;
  } else {
    batch = Math.max(1, Math.round(fit.bNoise.value));
    reason = `the critical batch B_crit = B_noise ≈ ${short(fit.bNoise.value)}: 2·S_min steps for 2·E_min samples (McCandlish et al. 2018 eq. 2.11)`;
  }
  const optimizer = recommendOptimizer({
    batch,
    ...(options.optimizer ? { optimizer: options.optimizer } : {}),
    ...(options.baseLr !== undefined ? { baseLr: options.baseLr } : {}),
    ...(options.baseBatch !== undefined ? { baseBatch: options.baseBatch } : {}),
    ...(options.datasetSize !== undefined ? { datasetSize: options.datasetSize } : {}),
  });
  return {
    status: "converged",
    stepsToResult: table,
    unreached,
    fit,
    ...regimes,
    recommendation: { batch, reason, optimizer },
    warnings: [...warnings, ...fit.warnings],
  };
}
