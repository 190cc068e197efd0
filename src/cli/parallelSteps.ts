import { availableParallelism } from "node:os";
import { type StepsPlan, type StepsTask, runStepsPlan } from "../batch/fitSteps.js";
import type { Core } from "../batch/stepsCore.js";
import { WorkerPool } from "./workerPool.js";

/**
 * Drive an S(B) fit plan (src/batch/fitSteps.ts) on worker threads, as `runFitPlanOnWorkers` (parallelFit.ts)
 * drives a law fit: each batch of bootstrap chunks runs on the pool and comes back in order, and the plan reduces
 * them, so the result equals {@link runStepsPlan}'s in this thread. With no workers the plan runs here.
 */
export async function runStepsPlanOnWorkers<T>(
  plan: StepsPlan<T>,
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<T> {
  if (workers <= 0) return runStepsPlan(plan, onProgress);
  const pool = new WorkerPool<StepsTask, (Core | null)[]>(
    new URL("./stepsWorker.js", import.meta.url),
    workers,
  );
  try {
    let step = plan.next();
    while (!step.done) {
      const tasks = step.value;
      const total = tasks.reduce((s, t) => s + t.count, 0);
      let done = 0;
      const results = await Promise.all(
        tasks.map((t) =>
          pool.run(t).then((r) => {
            done += t.count;
            onProgress?.(done, total);
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

/** Rows × resamples below which threads cost more to start than they save (~0.5 s of refits on one core). */
const WORTH_THREADS = 2e6;

/** Threads for an S(B) fit's bootstrap: `requested` when given, else all cores (at most 8) when it is large. */
export function stepsWorkersFor(resamples: number, rows: number, requested?: number): number {
  if (requested !== undefined) return requested;
  return resamples * rows >= WORTH_THREADS ? Math.min(availableParallelism(), 8) : 0;
}
