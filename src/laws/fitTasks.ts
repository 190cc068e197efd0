import { bootstrapChunk } from "../fit/bootstrap.js";
import { type LbfgsOptions, minimizeLbfgs } from "../fit/lbfgs.js";
import { makeObjective } from "../fit/objective.js";
import type { StartOutcome } from "../fit/startRule.js";
import type { ObjectiveOptions } from "../fit/types.js";
import { bindLaw } from "./bindLaw.js";
import { FAMILIES, type FamilyName } from "./families.js";
import { prepareLawData } from "./lawData.js";

/**
 * The pure pieces of a fit, as plain data so that a worker thread (Node) or a web worker can run them:
 * a slice of starting points, or a chunk of bootstrap resamples. A fit is written once, as a plan that
 * yields batches of these tasks (see {@link FitPlan}); a driver runs each batch here ({@link runFitPlan})
 * or on worker threads (the CLI's adapter), and the plan itself reduces the results, so every driver
 * gives the same fit.
 */

/** A column of a job: plain numbers, or a typed array (passed without a copy in this thread). */
export type JobColumn = number[] | Float64Array;

/** A slice of a multi-start fit. */
export interface StartsJob {
  family: FamilyName;
  inputs: JobColumn[];
  y: JobColumn;
  starts: number[][];
  objective: ObjectiveOptions;
  /** L-BFGS settings of the point fit; default SciPy L-BFGS-B's. */
  lbfgs?: LbfgsOptions;
}

/** Where each start of a slice ended, in the slice's order (the plan applies the stopping rule). */
export interface StartsResult {
  outcomes: StartOutcome[];
}

/** Everything needed to run bootstrap resamples of a fit. */
export interface BootstrapJob {
  family: FamilyName;
  inputs: JobColumn[];
  y: JobColumn;
  /** The full-data optimum every resample is refitted from. */
  theta0: number[];
  seed: number;
  objective: ObjectiveOptions;
  /** Inverse-Hessian approximation at `theta0` that preconditions every refit (n×n row-major). */
  inverseHessian?: number[];
}

/** One bootstrap refit. */
export interface LawBootstrapDraw {
  index: number;
  theta: number[];
  status: string;
}

/** One task of a fit: a slice of starts, or bootstrap resamples [from, from + count). */
export type FitTask =
  { kind: "starts"; job: StartsJob } | { kind: "bootstrap"; job: BootstrapJob; from: number; count: number };

/** What a task gives back: a {@link StartsResult} for starts, the draws for bootstrap resamples. */
export type FitTaskResult = StartsResult | LawBootstrapDraw[];

/**
 * A fit written as a generator: it yields batches of independent tasks, receives their results in the
 * same order, and returns its value. Drivers differ only in where the tasks run.
 */
export type FitPlan<T> = Generator<FitTask[], T, FitTaskResult[]>;

const typed = (c: JobColumn) => (c instanceof Float64Array ? c : Float64Array.from(c));

function problemOf(job: { family: FamilyName; inputs: JobColumn[]; y: JobColumn }) {
  const family = FAMILIES[job.family];
  const data = prepareLawData(family, { inputs: job.inputs.map(typed), y: typed(job.y) });
  return { model: bindLaw(family, data.logInputs), logY: data.logY };
}

/** Run one slice of starting points (pure): L-BFGS from each, in order. */
export function runStartsJob(job: StartsJob): StartsResult {
  const f = makeObjective(problemOf(job), job.objective);
  const size = FAMILIES[job.family].paramNames.length;
  return {
    outcomes: job.starts.map((s, i) => {
      if (s.length !== size) throw new Error(`fit: start ${i} has ${s.length} parameters, expected ${size}`);
      const r = minimizeLbfgs(f, Float64Array.from(s), job.lbfgs);
      return { x: Array.from(r.x), fx: r.fx, status: r.status };
    }),
  };
}

/** Run bootstrap resamples [from, from + count) of a job (pure; resample k depends on (seed, k) only). */
export function runBootstrapChunk(job: BootstrapJob, from: number, count: number): LawBootstrapDraw[] {
  return bootstrapChunk({
    problem: problemOf(job),
    theta0: Float64Array.from(job.theta0),
    seed: job.seed,
    from,
    count,
    objective: job.objective,
    ...(job.inverseHessian ? { inverseHessian: Float64Array.from(job.inverseHessian) } : {}),
  }).map((d) => ({ index: d.index, theta: Array.from(d.theta), status: d.status }));
}

/** Run one task in this thread (also the body of the CLI's fit worker). */
export function runFitTask(task: FitTask): FitTaskResult {
  return task.kind === "starts" ? runStartsJob(task.job) : runBootstrapChunk(task.job, task.from, task.count);
}

/** Resamples of a batch of tasks (what a progress bar counts). */
export function bootstrapCount(tasks: readonly FitTask[]): number {
  return tasks.reduce((s, t) => s + (t.kind === "bootstrap" ? t.count : 0), 0);
}

/**
 * Drive a plan in this thread: run each batch's tasks in order, calling `onProgress(done, total)` after
 * each bootstrap chunk with the batch's resamples done and in all.
 */
export function runFitPlan<T>(plan: FitPlan<T>, onProgress?: (done: number, total: number) => void): T {
  let step = plan.next();
  while (!step.done) {
    const tasks = step.value;
    const total = bootstrapCount(tasks);
    let done = 0;
    const results = tasks.map((t) => {
      const r = runFitTask(t);
      if (t.kind === "bootstrap") {
        done += t.count;
        onProgress?.(done, total);
      }
      return r;
    });
    step = plan.next(results);
  }
  return step.value;
}
