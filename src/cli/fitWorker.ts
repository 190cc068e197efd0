import { parentPort } from "node:worker_threads";
import { type FitTask, runFitTask } from "../laws/fitTasks.js";

// The fit worker: runs one task of a fit plan (a slice of starts or a chunk of bootstrap resamples).
parentPort?.on("message", (task: FitTask) => {
  try {
    parentPort!.postMessage({ ok: true, value: runFitTask(task) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
