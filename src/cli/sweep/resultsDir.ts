import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { fillTemplate } from "../../sweep/commandTemplate.js";
import { parseJsonDocument } from "../../ingest/parseJsonDocument.js";
import { parseSweepFile, type SweepFile, type SweepPoint } from "../../sweep/sweepFile.js";
import { InputError } from "../../units/InputError.js";
import { pointScript } from "./pointScript.js";

/**
 * The results folder of a sweep, shared by every executor:
 *   DIR/sweep.json                  the sweep file (so `collect DIR` needs nothing else)
 *   DIR/.scalecast/point.sh         runs one point by index, idempotently (see {@link pointScript})
 *   DIR/.scalecast/ids.txt          point id per index, one a line (Slurm array and Indexed Job indices)
 *   DIR/runs/ID/command.sh          the point's command, filled from the template
 *   DIR/runs/ID/out/                the command's output folder ({out}): metrics.jsonl, events, ...
 *   DIR/runs/ID/attempt-N.log       stdout and stderr of attempt N
 *   DIR/runs/ID/result.json         written (atomically) when an attempt exits 0: the point is finished
 *   DIR/runs/ID/failed-N.json       written when attempt N exits non-zero
 *   DIR/runs/ID/lock/owner          "pid host" of the attempt in progress
 */
export interface ResultsDir {
  dir: string;
  sweep: SweepFile;
}

/** State of one point on disk. */
export type PointState =
  | { state: "done"; result: { seconds?: number; attempt?: number; host?: string } }
  | { state: "running"; pid: number; host: string; local: boolean; alive: boolean }
  | { state: "failed"; attempts: number; exitCode: number | null }
  | { state: "pending"; attempts: number };

export const runDir = (dir: string, id: string) => join(dir, "runs", id);

/**
 * Create (or reopen) a results folder for `sweep`: the sweep file, the point script, the id list and
 * each point's command. Reopening with the same sweep, or with one that extends it (more points, the old
 * ones unchanged), keeps every finished point; any other sweep is refused. Commands are rewritten only for
 * points not yet finished.
 */
export function prepareResults(dirArg: string, sweep: SweepFile, command: string, cwd: string): ResultsDir {
  const dir = resolve(dirArg);
  mkdirSync(join(dir, ".scalecast"), { recursive: true });
  const sweepPath = join(dir, "sweep.json");
  const text = `${JSON.stringify(sweep, null, 2)}\n`;
  if (existsSync(sweepPath)) {
    // the same sweep, or one that extends it: every point of the old file is in the new one with the
    // same parameters (its results stay valid; new points are added)
    const old = parseSweepFile(
      parseJsonDocument(readFileSync(sweepPath, "utf8"), sweepPath, "a sweep file (JSON)", sweepPath),
      sweepPath,
    );
    const key = (p: SweepPoint) => JSON.stringify({ ...p, index: 0 });
    const now = new Set(sweep.points.map(key));
    const kept = old.points.every((p) => now.has(key(p)));
    if (!kept || old.kind !== sweep.kind || old.metric !== sweep.metric || old.target !== sweep.target)
      throw new InputError(
        "--results",
        dir,
        "an empty folder, or one holding this sweep or a sweep it extends (its sweep.json lists other points); use a new folder",
      );
    if (old.points.length !== sweep.points.length || JSON.stringify(old) !== JSON.stringify(sweep))
      writeFileSync(sweepPath, text);
  } else writeFileSync(sweepPath, text);
  writeFileSync(join(dir, ".scalecast", "point.sh"), pointScript(dir), { mode: 0o755 });
  writeFileSync(join(dir, ".scalecast", "ids.txt"), `${sweep.points.map((p) => p.id).join("\n")}\n`);
  for (const p of sweep.points) {
    const rd = runDir(dir, p.id);
    if (existsSync(join(rd, "result.json"))) continue;
    mkdirSync(rd, { recursive: true });
    const filled = fillTemplate(command, p, join(rd, "out"), sweep.target);
    writeFileSync(join(rd, "command.sh"), `cd ${shq(cwd)} || exit 97\n${filled}\n`);
  }
  return { dir, sweep };
}

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Attempts made so far (attempt logs present). */
export function attemptsOf(dir: string, id: string): number {
  const rd = runDir(dir, id);
  if (!existsSync(rd)) return 0;
  return readdirSync(rd).filter((f) => /^attempt-\d+\.log$/.test(f)).length;
}

/** What the folder says about a point. `maxAttempts`: after that many failures the point counts as failed. */
export function pointState(dir: string, p: SweepPoint, maxAttempts: number): PointState {
  const rd = runDir(dir, p.id);
  const resultPath = join(rd, "result.json");
  if (existsSync(resultPath)) {
    try {
      return { state: "done", result: JSON.parse(readFileSync(resultPath, "utf8")) };
    } catch {
      return { state: "done", result: {} };
    }
  }
  const owner = join(rd, "lock", "owner");
  if (existsSync(join(rd, "lock"))) {
    let pid = 0;
    let host = "";
    try {
      [pid, host] = readFileSync(owner, "utf8")
        .trim()
        .split(/\s+/)
        .map((s, i) => (i === 0 ? Number(s) : s)) as [number, string];
    } catch {
      // the lock was just taken and its owner not yet written: running
    }
    const local = host === "" || host === hostname();
    return { state: "running", pid, host, local, alive: local ? pid === 0 || pidAlive(pid) : true };
  }
  const attempts = attemptsOf(dir, p.id);
  if (attempts >= maxAttempts) {
    const last = join(rd, `failed-${attempts}.json`);
    let exitCode: number | null = null;
    try {
      exitCode = (JSON.parse(readFileSync(last, "utf8")) as { exitCode?: number }).exitCode ?? null;
    } catch {
      // an attempt that died before writing its failure record (killed): exit code unknown
    }
    return { state: "failed", attempts, exitCode };
  }
  return { state: "pending", attempts };
}

/** Remove a lock whose owner is gone (a killed attempt on this host), so the point can run again. */
export function clearStaleLock(dir: string, id: string): void {
  rmSync(join(runDir(dir, id), "lock"), { recursive: true, force: true });
}

/** The last `lines` lines of a point's latest attempt log. */
export function logTail(dir: string, id: string, lines = 15): string {
  const n = attemptsOf(dir, id);
  if (n === 0) return "";
  try {
    const text = readFileSync(join(runDir(dir, id), `attempt-${n}.log`), "utf8");
    return text.trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** Write JSON atomically (write a temporary file, then rename). */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileSync(`${path}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
