import { availableParallelism } from "node:os";
import type { StepsPlan, StepsTask } from "../batch/fitSteps.js";
import { type Core, stepsBootstrapChunk } from "../batch/stepsCore.js";
import { WorkerPool } from "./workerPool.js";

/**
 * Drive an S(B) fit plan (src/batch/fitSteps.ts) on worker threads, as `runFitPlanOnWorkers` (parallelFit.ts)
 * drives a law fit: each batch of bootstrap chunks runs on the pool and comes back in order, and the plan
 * reduces them, so the result equals `runStepsPlan`'s (fitSteps.ts) in this thread. `workers`: a thread count
 * (0: this thread), or undefined to decide by {@link stepsWorkersFor} once the fit's rows are known.
 */
export async function runStepsPlanOnWorkers<T>(
  plan: StepsPlan<T>,
  workers?: number,
  onProgress?: (done: number, total: number) => void,
): Promise<T> {
  let pool: WorkerPool<StepsTask, (Core | null)[]> | undefined;
  try {
    let step = plan.next();
    while (!step.done) {
      const tasks = step.value;
      const total = tasks.reduce((s, t) => s + t.count, 0);
      const threads = tasks.length ? stepsWorkersFor(total, tasks[0]!.job.logB.length, workers) : 0;
      if (threads > 0)
        pool ??= new WorkerPool<StepsTask, (Core | null)[]>(
          new URL("./stepsWorker.js", import.meta.url),
          threads,
        );
      let done = 0;
      const one = async (t: StepsTask) => {
        const r = pool ? await pool.run(t) : stepsBootstrapChunk(t.job, t.from, t.count);
        done += t.count;
        onProgress?.(done, total);
        return r;
      };
      step = plan.next(await Promise.all(tasks.map(one)));
    }
    return step.value;
  } finally {
    await pool?.close();
  }
}

/** Rows × resamples below which threads cost more to start than they save (~0.5 s of refits on one core). */
const WORTH_THREADS = 2e6;

/** Threads for an S(B) fit's bootstrap: `requested` when given, else all cores (at most 8) when it is large. */
export function stepsWorkersFor(resamples: number, rows: number, requested?: number): number {
  if (requested !== undefined) return requested;
  return resamples * rows >= WORTH_THREADS ? Math.min(availableParallelism(), 8) : 0;
}
