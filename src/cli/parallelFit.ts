import { availableParallelism } from "node:os";
import {
  bootstrapCount,
  type FitPlan,
  type FitTask,
  type FitTaskResult,
  runFitPlan,
} from "../laws/fitTasks.js";
import { WorkerPool } from "./workerPool.js";

/** Work (L-BFGS row evaluations, roughly) below which threads cost more to start than they save. */
const WORTH_THREADS = 2e5;

/** Threads to use for a fit: `requested` when given, else all cores (at most 8) when the work is large. */
export function workersFor(starts: number, resamples: number, rows: number, requested?: number): number {
  if (requested !== undefined) return requested;
  return (starts + resamples) * rows >= WORTH_THREADS ? Math.min(availableParallelism(), 8) : 0;
}

/** Start slices per worker: enough that a slow slice does not leave the other threads idle. */
export const SLICES_PER_WORKER = 4;

/**
 * Drive a fit plan (src/laws/fitTasks.ts) on worker threads: the Node adapter at the edge. Each batch's
 * tasks run on the pool and come back in order; the plan itself reduces them (best start, draws), so
 * the result equals {@link runFitPlan}'s in this thread. With no workers the plan runs here.
 */
export async function runFitPlanOnWorkers<T>(
  plan: FitPlan<T>,
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<T> {
  if (workers <= 0) return runFitPlan(plan, onProgress);
  const pool = new WorkerPool<FitTask, FitTaskResult>(new URL("./fitWorker.js", import.meta.url), workers);
  try {
    let step = plan.next();
    while (!step.done) {
      const tasks = step.value;
      const total = bootstrapCount(tasks);
      let done = 0;
      const results = await Promise.all(
        tasks.map((t) =>
          pool.run(t).then((r) => {
            if (t.kind === "bootstrap") {
              done += t.count;
              onProgress?.(done, total);
            }
            return r;
          }),
        ),
      );
      step = plan.next(results);
    }
    return step.value;
  } finally {
    await pool.close();
  }
}
