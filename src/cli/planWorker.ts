import { parentPort } from "node:worker_threads";
import { type SearchJob, searchChunk } from "../parallel/searchLayouts.js";

/** A task for a plan worker: a range [from, to) of the search's outer (tp, cp, pp, dp) tuples. */
export interface PlanTask {
  job: SearchJob;
  from: number;
  to: number;
}

parentPort?.on("message", (task: PlanTask) => {
  try {
    parentPort!.postMessage({ ok: true, value: searchChunk(task.job, task.from, task.to) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
