/**
 * Steps to result: per batch size, how many training steps the best tuned trial needed to reach a target.
 * Source: Shallue et al. 2018 (JMLR 2019), "Measuring the effects of data parallelism on neural network
 * training", §3; reference code `google-research/batch_science/measurement_utils.py::compute_steps_to_result`
 * (REFERENCE (b)).
 */

import { InputError } from "../units/InputError.js";

/** One evaluation of one trial: the metric measured after `step` training steps at batch size `batch`. */
export interface Measurement {
  /** Batch size (samples, or tokens: the unit of the whole sweep) of the trial. */
  batch: number;
  /** Training steps taken when the metric was measured. */
  step: number;
  /** Value of the objective metric (e.g. validation error or cross-entropy). */
  metric: number;
  /** Trial identifier (a tuned run); only breaks ties between trials reaching the target at one step. */
  trial?: string | number;
}

/** Steps to result at one batch size. */
export interface StepsToResult {
  /** Batch size. */
  batch: number;
  /** Steps to result: the first evaluation step at which the metric beat the target. */
  steps: number;
  /** Trial that reached it (the smallest id among ties), when trials were named. */
  trial?: string | number;
  /** The metric at that evaluation. */
  metric?: number;
}

/** A batch size whose trials never beat the target. */
export interface Unreached {
  batch: number;
  /** Best metric any trial reached (lowest, or highest when maximising). */
  best: number;
  /** Number of measurements at this batch size. */
  measurements: number;
}

/** Options of {@link computeStepsToResult}. */
export interface StepsToResultOptions {
  /** Target value of the metric. */
  target: number;
  /** Maximise the metric (target met when strictly above); default false (met when strictly below). */
  maximize?: boolean;
}

/** Outcome of {@link computeStepsToResult}: reached batch sizes ascending, and those never reached. */
export interface StepsToResultTable {
  results: StepsToResult[];
  unreached: Unreached[];
}

function compareTrial(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/**
 * Steps to result exactly as Shallue et al.'s `compute_steps_to_result`: group measurements by batch size;
 * within a group sort by (step, trial id); keep the measurements whose metric is strictly below the target
 * (strictly above when `maximize`); return the first. That is the minimum over tuned trials of the first
 * evaluation step reaching the goal. A batch size with no such measurement is left out of `results`
 * (Shallue returns no row for it) and listed in `unreached` with its best metric.
 *
 * Computed in one pass, keeping per batch size only the earliest hit (by step, then trial id, then input
 * order, which is what a stable sort followed by "first" picks), the best metric and a count: memory is
 * proportional to the batch sizes, not the measurements, so a sweep of millions of evaluations can be
 * streamed through it.
 *
 * @throws InputError on a non-finite target, or a measurement with a non-positive batch, a negative or
 *   non-finite step, or a non-finite metric
 */
export function computeStepsToResult(
  measurements: Iterable<Measurement>,
  options: StepsToResultOptions,
): StepsToResultTable {
  const { target, maximize = false } = options;
  if (!Number.isFinite(target)) throw new InputError("target", target, "a finite metric value");
  const groups = new Map<number, { hit: Measurement | null; best: number; count: number }>();
  const beats = maximize ? (v: number) => v > target : (v: number) => v < target;
  let i = 0;
  for (const m of measurements) {
    i++;
    if (!(m.batch > 0) || !Number.isFinite(m.batch))
      throw new InputError(`measurement ${i} batch`, m.batch, "a positive batch size");
    if (!(m.step >= 0) || !Number.isFinite(m.step))
      throw new InputError(`measurement ${i} step`, m.step, "a step count ≥ 0");
    if (!Number.isFinite(m.metric))
      throw new InputError(`measurement ${i} metric`, m.metric, "a finite metric value");
    let g = groups.get(m.batch);
    if (!g) {
      g = { hit: null, best: maximize ? -Infinity : Infinity, count: 0 };
      groups.set(m.batch, g);
    }
    g.count++;
    g.best = maximize ? Math.max(g.best, m.metric) : Math.min(g.best, m.metric);
    if (
      beats(m.metric) &&
      (g.hit === null ||
        m.step < g.hit.step ||
        (m.step === g.hit.step && compareTrial(m.trial, g.hit.trial) < 0))
    )
      g.hit = { ...m };
  }
  const results: StepsToResult[] = [];
  const unreached: Unreached[] = [];
  for (const batch of [...groups.keys()].sort((a, b) => a - b)) {
    const { hit, best, count } = groups.get(batch)!;
    if (hit) {
      const row: StepsToResult = { batch, steps: hit.step, metric: hit.metric };
      if (hit.trial !== undefined) row.trial = hit.trial;
      results.push(row);
    } else unreached.push({ batch, best, measurements: count });
  }
  return { results, unreached };
}
