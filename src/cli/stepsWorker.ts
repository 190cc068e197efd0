import { parentPort } from "node:worker_threads";
import { stepsBootstrapChunk } from "../batch/stepsCore.js";
import type { StepsTask } from "../batch/fitSteps.js";

// The steps-fit worker: runs one chunk of an S(B) fit's bootstrap resamples (src/batch/stepsCore.ts).
parentPort?.on("message", (task: StepsTask) => {
  try {
    parentPort!.postMessage({ ok: true, value: stepsBootstrapChunk(task.job, task.from, task.count) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
