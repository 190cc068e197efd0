import { existsSync, readdirSync, readFileSync } from "node:fs";
import { parseJsonDocument } from "../../ingest/parseJsonDocument.js";
import { join } from "node:path";
import { readEventFile } from "../../ingest/tensorboard/readEventFile.js";
import type { PointOutcome } from "../../sweep/collectRuns.js";
import { type MetricRow, parseMetricLog, scalarsToRows } from "../../sweep/metricLog.js";
import { parseSweepFile, type SweepFile } from "../../sweep/sweepFile.js";
import { InputError } from "../../units/InputError.js";
import { attemptsOf, logTail, pointState, runDir } from "./resultsDir.js";

/** Which logs `collect` reads: metric logs (JSONL/CSV/TSV), TensorBoard event files, or logs first. */
export type LogSource = "auto" | "logs" | "tensorboard";

/** A results folder read back: the sweep, each point's outcome, and every rejected line or record. */
export interface ReadResults {
  sweep: SweepFile;
  outcomes: Map<string, PointOutcome>;
  rejected: { id: string; where: string; reason: string }[];
}

function filesIn(dir: string, depth = 1): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isFile()) out.push(p);
    else if (e.isDirectory() && depth > 0) out.push(...filesIn(p, depth - 1));
  }
  return out.sort();
}

/** Metric rows of one finished point from the files under its out/ folder. */
export function readPointLogs(
  outDir: string,
  source: LogSource,
): { rows: MetricRow[]; rejected: { where: string; reason: string }[] } {
  const files = filesIn(outDir);
  const logs = files.filter((f) => /\.(jsonl|csv|tsv)$/i.test(f));
  const events = files.filter((f) => /(^|\/)events\.out\.tfevents\./.test(f));
  const rows: MetricRow[] = [];
  const rejected: { where: string; reason: string }[] = [];
  const useLogs = source === "logs" || (source === "auto" && logs.length > 0);
  if (useLogs)
    for (const f of logs) {
      const fmt = /\.jsonl$/i.test(f) ? "jsonl" : /\.tsv$/i.test(f) ? "tsv" : "csv";
      const r = parseMetricLog(readFileSync(f, "utf8"), fmt, f);
      rows.push(...r.rows);
      rejected.push(...r.rejected);
    }
  else
    for (const f of events) {
      const r = readEventFile(new Uint8Array(readFileSync(f)), f);
      rows.push(...scalarsToRows(r.scalars));
      rejected.push(...r.rejected.map((x) => ({ where: f, reason: x.reason })));
    }
  return { rows, rejected };
}

/** Read a results folder written by `sweep run` (or by the user's own tooling after `--executor print`). */
export function readResults(dirArg: string, source: LogSource = "auto", maxAttempts = 2): ReadResults {
  const sweepPath = join(dirArg, "sweep.json");
  if (!existsSync(sweepPath))
    throw new InputError("DIR", dirArg, "a results folder of scalecast sweep run (with sweep.json)");
  const sweep = parseSweepFile(
    parseJsonDocument(readFileSync(sweepPath, "utf8"), sweepPath, "a sweep file (JSON)", sweepPath),
    sweepPath,
  );
  const outcomes = new Map<string, PointOutcome>();
  const rejected: ReadResults["rejected"] = [];
  for (const p of sweep.points) {
    const s = pointState(dirArg, p, maxAttempts);
    if (s.state === "done") {
      const r = readPointLogs(join(runDir(dirArg, p.id), "out"), source);
      rejected.push(...r.rejected.map((x) => ({ id: p.id, ...x })));
      outcomes.set(p.id, {
        status: "done",
        rows: r.rows,
        attempts: attemptsOf(dirArg, p.id),
        ...(typeof s.result.seconds === "number" ? { seconds: s.result.seconds } : {}),
      });
    } else if (s.state === "failed")
      outcomes.set(p.id, {
        status: "failed",
        attempts: s.attempts,
        exitCode: s.exitCode,
        logTail: logTail(dirArg, p.id),
      });
    else outcomes.set(p.id, { status: s.state === "running" ? "running" : "pending" });
  }
  return { sweep, outcomes, rejected };
}
