import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../units/InputError.js";
import { clearStaleLock, pointState, type ResultsDir, writeJsonAtomic } from "./resultsDir.js";
import { arraySpec, type SlurmResources, slurmJobName, slurmScript } from "./slurmScript.js";

/** Options of {@link runSlurm}. */
export interface SlurmOptions extends SlurmResources {
  /** At most this many array tasks at once (`%K`); 0 for no limit. */
  concurrency?: number;
  /** Resubmissions of failed points; default 1. */
  retries?: number;
  /** Seconds between squeue polls; default 10. */
  pollSeconds?: number;
  onProgress?: (done: number, total: number, failed: number, queued: number) => void;
  signal?: AbortSignal;
}

/** What the Slurm run did. */
export interface SlurmSummary {
  jobs: string[];
  submitted: number;
  done: number;
  failed: number;
  total: number;
  /** States from sacct, or why they are not available. */
  accounting: string;
}

interface JobRecord {
  id: string;
  array: string;
  submitted: string;
}

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err
        ? typeof (err as { code?: unknown }).code === "number"
          ? (err as { code: number }).code
          : 127
        : 0;
      resolve({ code, stdout, stderr: stderr || (err && !stdout ? String(err.message) : "") });
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Array tasks of this folder's jobs still in the queue (pending or running), from `squeue`. */
async function queued(name: string): Promise<{ job: string; state: string }[]> {
  const r = await run("squeue", ["-h", "-r", "-n", name, "-o", "%A_%a %T"]);
  if (r.code !== 0) throw new Error(`squeue failed (exit ${r.code}): ${r.stderr.trim()}`);
  return r.stdout
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => {
      const [job, state] = l.trim().split(/\s+/);
      return { job: job!, state: state ?? "" };
    });
}

/**
 * Run the sweep as Slurm job arrays: submit one array of every unfinished point (`sbatch --array=...%K`,
 * job name unique to the results folder), poll `squeue` until none of its tasks is queued, then resubmit
 * the points that failed (up to `retries` times each) and repeat. Restarting after the runner was killed
 * finds its jobs by name and waits for them before submitting anything, so no point runs twice; the point
 * script skips points that finished. `sacct` states are reported where accounting is enabled.
 */
export async function runSlurm(rd: ResultsDir, o: SlurmOptions = {}): Promise<SlurmSummary> {
  const { concurrency = 0, retries = 1, pollSeconds = 10, onProgress, signal } = o;
  const { dir, sweep } = rd;
  const maxAttempts = 1 + retries;
  const name = slurmJobName(dir);
  const statePath = join(dir, ".scalecast", "slurm-jobs.json");
  const jobs: JobRecord[] = existsSync(statePath)
    ? (JSON.parse(readFileSync(statePath, "utf8")) as { jobs: JobRecord[] }).jobs
    : [];
  const scriptPath = join(dir, ".scalecast", "slurm.sh");
  writeFileSync(scriptPath, slurmScript(dir, o));
  const total = sweep.points.length;
  let submitted = 0;
  const count = () => {
    let done = 0;
    let failed = 0;
    for (const p of sweep.points) {
      const s = pointState(dir, p, maxAttempts).state;
      if (s === "done") done++;
      else if (s === "failed") failed++;
    }
    return { done, failed };
  };
  for (;;) {
    if (signal?.aborted) break;
    const q = await queued(name);
    const { done, failed } = count();
    onProgress?.(done, total, failed, q.length);
    if (q.length > 0) {
      await sleep(pollSeconds * 1000);
      continue;
    }
    // nothing of ours is queued: any lock left behind belongs to a task that is gone
    const todo = sweep.points.filter((p) => {
      const s = pointState(dir, p, maxAttempts);
      if (s.state === "running") {
        if (s.local && s.alive && s.pid !== 0) return false; // an attempt started outside Slurm on this host
        clearStaleLock(dir, p.id);
        return pointState(dir, p, maxAttempts).state === "pending";
      }
      return s.state === "pending";
    });
    if (todo.length === 0) break;
    const array = arraySpec(
      todo.map((p) => p.index),
      concurrency,
    );
    const r = await run("sbatch", ["--parsable", `--array=${array}`, scriptPath]);
    if (r.code !== 0)
      throw new InputError(
        "--executor slurm",
        `sbatch exit ${r.code}`,
        `a working Slurm (sbatch said: ${r.stderr.trim() || r.stdout.trim()})`,
      );
    const id = r.stdout.trim().split(";")[0]!;
    jobs.push({ id, array, submitted: new Date().toISOString() });
    writeJsonAtomic(statePath, { name, jobs });
    submitted += todo.length;
    await sleep(Math.min(1000, pollSeconds * 1000));
  }
  let accounting = "no jobs submitted";
  if (jobs.length > 0) {
    const a = await run("sacct", [
      "-n",
      "-P",
      "-X",
      "-j",
      jobs.map((j) => j.id).join(","),
      "--format=JobID,State,ExitCode",
    ]);
    if (a.code === 0 && a.stdout.trim()) {
      const states = new Map<string, number>();
      for (const line of a.stdout.trim().split("\n")) {
        const st = line.split("|")[1] ?? "?";
        states.set(st, (states.get(st) ?? 0) + 1);
      }
      accounting = `sacct: ${[...states].map(([k, v]) => `${v} ${k}`).join(", ")}`;
    } else
      accounting = `sacct unavailable (${(a.stderr || "no records").trim().split("\n")[0]}): states from the points' result files`;
  }
  const { done, failed } = count();
  return { jobs: jobs.map((j) => j.id), submitted, done, failed, total, accounting };
}
