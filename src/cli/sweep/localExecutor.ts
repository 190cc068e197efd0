import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import type { SweepPoint } from "../../sweep/sweepFile.js";
import { clearStaleLock, pointState, type ResultsDir } from "./resultsDir.js";

/** Options of {@link runLocal}. */
export interface LocalOptions {
  /** Points run at once; default 1. */
  concurrency?: number;
  /** Extra attempts for a failing point; default 1 (two attempts in all). */
  retries?: number;
  /** How often to look at points another runner is executing (seconds); default 0.5. */
  pollSeconds?: number;
  /** Called whenever a point finishes or fails; `done` counts finished points of the whole sweep. */
  onProgress?: (done: number, total: number, failed: number) => void;
  /** Aborting kills the running points (their process groups) and returns. */
  signal?: AbortSignal;
}

/** What a local run did. */
export interface LocalSummary {
  /** Points this runner started (attempts), and points it found finished already. */
  started: number;
  alreadyDone: number;
  /** Points adopted: found running under a previous runner, waited for. */
  adopted: number;
  done: number;
  failed: number;
  total: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Run every unfinished point on this machine, `concurrency` at a time, each through the point script
 * (so finished points are skipped and one attempt runs at a time per point). A point found running under a
 * runner that was killed (its attempt still alive) is waited for, not started again; a stale lock (its
 * attempt dead) is cleared and the point rerun. A failing point is retried up to `retries` times.
 */
export async function runLocal(rd: ResultsDir, o: LocalOptions = {}): Promise<LocalSummary> {
  const { concurrency = 1, retries = 1, pollSeconds = 0.5, onProgress, signal } = o;
  const maxAttempts = 1 + retries;
  const { dir, sweep } = rd;
  const total = sweep.points.length;
  const summary: LocalSummary = { started: 0, alreadyDone: 0, adopted: 0, done: 0, failed: 0, total };
  const queue: SweepPoint[] = [];
  const adopted: SweepPoint[] = [];
  for (const p of sweep.points) {
    const s = pointState(dir, p, maxAttempts);
    if (s.state === "done") summary.alreadyDone++;
    else if (s.state === "failed") summary.failed++;
    else if (s.state === "running" && s.alive) adopted.push(p);
    else {
      if (s.state === "running") clearStaleLock(dir, p.id);
      queue.push(p);
    }
  }
  summary.done = summary.alreadyDone;
  summary.adopted = adopted.length;
  onProgress?.(summary.done, total, summary.failed);
  const children = new Set<ChildProcess>();
  const kill = () => {
    for (const c of children)
      if (c.pid)
        try {
          process.kill(-c.pid, "SIGTERM");
        } catch {
          /* gone */
        }
  };
  signal?.addEventListener("abort", kill, { once: true });

  const settle = (p: SweepPoint): "done" | "failed" | "retry" => {
    const s = pointState(dir, p, maxAttempts);
    if (s.state === "done") return "done";
    if (s.state === "failed") return "failed";
    return "retry";
  };
  const record = (r: "done" | "failed") => {
    if (r === "done") summary.done++;
    else summary.failed++;
    onProgress?.(summary.done, total, summary.failed);
  };

  const runOne = (p: SweepPoint) =>
    new Promise<void>((resolveRun) => {
      const child = spawn("bash", [join(dir, ".scalecast", "point.sh"), String(p.index)], {
        detached: true,
        stdio: "ignore",
      });
      children.add(child);
      summary.started++;
      child.on("exit", () => {
        children.delete(child);
        resolveRun();
      });
      child.on("error", () => {
        children.delete(child);
        resolveRun();
      });
    });

  const worker = async () => {
    for (;;) {
      if (signal?.aborted) return;
      const p = queue.shift();
      if (!p) return;
      await runOne(p);
      if (signal?.aborted) return;
      const r = settle(p);
      if (r === "retry") queue.push(p);
      else record(r);
    }
  };
  const watcher = async () => {
    const waiting = new Set(adopted);
    while (waiting.size > 0 && !signal?.aborted) {
      await sleep(pollSeconds * 1000);
      for (const p of [...waiting]) {
        const s = pointState(dir, p, maxAttempts);
        if (s.state === "running" && s.alive) continue;
        waiting.delete(p);
        if (s.state === "done" || s.state === "failed") record(s.state);
        else {
          if (s.state === "running") clearStaleLock(dir, p.id);
          queue.push(p); // its attempt died without a result: run it here
        }
      }
    }
  };
  await Promise.all([watcher(), ...Array.from({ length: Math.max(1, concurrency) }, worker)]);
  // points pushed back by the watcher after the workers ended
  while (queue.length > 0 && !signal?.aborted)
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  signal?.removeEventListener("abort", kill);
  return summary;
}
