import {
  jobSystem,
  jobTuples,
  mergeChunks,
  type SearchChunkResult,
  type SearchJob,
  searchChunk,
} from "../parallel/searchLayouts.js";
import { bindSystem } from "../parallel/systemFor.js";
import type { Io } from "./io.js";
import type { PlanTask } from "./planWorker.js";
import { progressBar } from "./progress.js";
import { WorkerPool } from "./workerPool.js";

/** Outer triples below which worker threads cost more to start than they save. */
const WORTH_THREADS = 16;

/**
 * The layout search on worker threads (the Node adapter at the edge; the search itself is the pure
 * `searchChunk` over ranges of outer tuples), with a progress bar on a terminal; small searches stay on
 * this thread. Merging chunk results in order gives the same answer as one thread.
 */
export async function runSearch(io: Io, job: SearchJob, workers: number): Promise<SearchChunkResult> {
  const total = jobTuples(job).length;
  const bar = progressBar(io, "searching layouts");
  if (workers <= 0 || total < WORTH_THREADS) {
    const chunks: SearchChunkResult[] = [];
    const step = Math.max(1, Math.ceil(total / 50));
    // one binding for every chunk: its memoised GEMM and collective times serve them all
    const sys = bindSystem(jobSystem(job), job.precision);
    for (let from = 0; from < total; from += step) {
      chunks.push(searchChunk(job, from, Math.min(total, from + step), sys));
      bar.update(Math.min(total, from + step), total);
    }
    bar.done();
    return mergeChunks(job, chunks);
  }
  const pool = new WorkerPool<PlanTask, SearchChunkResult>(
    new URL("./planWorker.js", import.meta.url),
    workers,
  );
  try {
    const step = Math.max(1, Math.ceil(total / (workers * 8)));
    let done = 0;
    const parts: Promise<SearchChunkResult>[] = [];
    for (let from = 0; from < total; from += step) {
      const to = Math.min(total, from + step);
      parts.push(
        pool.run({ job, from, to }).then((r) => {
          done += to - from;
          bar.update(done, total);
          return r;
        }),
      );
    }
    const results = await Promise.all(parts);
    bar.done();
    return mergeChunks(job, results);
  } finally {
    await pool.close();
  }
}
