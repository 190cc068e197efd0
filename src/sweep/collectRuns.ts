/**
 * Turn each point's outcome (its metric rows, or its failure) into the runs table that `fit` and
 * `batch` read: one row per finished point with its parameters and metrics, plus the points left out and
 * why. Pure: the CLI reads the results folder and hands the logs here.
 */

import type { GradientNormSample } from "../batch/gradientNoiseScale.js";
import type { MetricRow } from "./metricLog.js";
import type { SweepFile, SweepPoint } from "./sweepFile.js";

/** What the results folder says about one point. */
export type PointOutcome =
  | { status: "done"; rows: MetricRow[]; seconds?: number; attempts: number }
  | { status: "failed"; attempts: number; exitCode: number | null; logTail: string }
  | { status: "running" | "pending" };

/** One finished point: its parameters and metrics (snake_case columns, as the CLI prints them). */
export interface RunRow {
  id: string;
  data: number;
  width: number;
  batch: number;
  lr: number;
  seed: number;
  optimizer: string;
  /** Final value of each numeric metric logged (the row marked final, else the last row having it). */
  [metric: string]: number | string | null;
}

/** The runs table with what was left out. */
export interface CollectedRuns {
  rows: RunRow[];
  /** Points with no usable result yet (not run, still running, or finished without the metric). */
  missing: { id: string; reason: string }[];
  /** Points whose command failed on every attempt, with the tail of the last attempt's log. */
  failed: { id: string; attempts: number; exitCode: number | null; reason: string; logTail: string }[];
}

const SERIES_ONLY = new Set([
  "step",
  "samples",
  "epoch",
  "final",
  "b_small",
  "b_big",
  "g_small_sq",
  "g_big_sq",
]);

/** Last value of every metric: the `final` row wins, else the last row that has it. */
export function finalMetrics(rows: readonly MetricRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows)
    for (const [k, v] of Object.entries(r)) if (!SERIES_ONLY.has(k) && !r.final) out[k] = v;
  for (const r of rows)
    if (r.final) for (const [k, v] of Object.entries(r)) if (!SERIES_ONLY.has(k)) out[k] = v;
  const last = rows.reduce((m, r) => (r.step !== undefined && r.step > m ? r.step : m), -Infinity);
  if (Number.isFinite(last)) out.steps = last;
  return out;
}

/** The (step, value) series of one metric, sorted by step. */
export function seriesOf(rows: readonly MetricRow[], metric: string): { step: number; value: number }[] {
  return rows
    .filter((r) => r[metric] !== undefined && r.step !== undefined && !r.final)
    .map((r) => ({ step: r.step!, value: r[metric]! }))
    .sort((a, b) => a.step - b.step);
}

/**
 * Steps to result of one run (Shallue et al. 2018; `measurement_utils.compute_steps_to_result`): the
 * first evaluation step whose metric is strictly below the target, or null if none is.
 */
export function stepsToTarget(rows: readonly MetricRow[], metric: string, target: number): number | null {
  return seriesOf(rows, metric).find((s) => s.value < target)?.step ?? null;
}

/** The gradient-norm rows a run logged for the two-batch noise-scale estimator. */
export function gnsSamplesOf(rows: readonly MetricRow[]): GradientNormSample[] {
  return rows
    .filter(
      (r) =>
        r.b_small !== undefined &&
        r.b_big !== undefined &&
        r.g_small_sq !== undefined &&
        r.g_big_sq !== undefined,
    )
    .map((r) => ({
      step: r.step ?? 0,
      bSmall: r.b_small!,
      bBig: r.b_big!,
      gSmallSq: r.g_small_sq!,
      gBigSq: r.g_big_sq!,
    }))
    .sort((a, b) => (a.step ?? 0) - (b.step ?? 0));
}

function paramsOf(p: SweepPoint) {
  return {
    id: p.id,
    data: p.data,
    width: p.width,
    batch: p.batch,
    lr: p.lr,
    seed: p.seed,
    optimizer: p.optimizer,
  };
}

/**
 * The runs table of a sweep. A finished point needs its metric (the sweep's `metric`; for batch sweeps
 * the series must exist, and `steps_to_target` is null when it never beat the target).
 */
export function collectRuns(sweep: SweepFile, outcomes: ReadonlyMap<string, PointOutcome>): CollectedRuns {
  const rows: RunRow[] = [];
  const missing: CollectedRuns["missing"] = [];
  const failed: CollectedRuns["failed"] = [];
  for (const p of sweep.points) {
    const o: PointOutcome = outcomes.get(p.id) ?? { status: "pending" };
    if (o.status !== "done" && o.status !== "failed") {
      missing.push({ id: p.id, reason: o.status === "running" ? "still running" : "not run yet" });
      continue;
    }
    if (o.status === "failed") {
      failed.push({
        id: p.id,
        attempts: o.attempts,
        exitCode: o.exitCode,
        reason: `command failed on all ${o.attempts} attempt(s)${o.exitCode !== null ? ` (exit code ${o.exitCode})` : ""}`,
        logTail: o.logTail,
      });
      continue;
    }
    const fin = finalMetrics(o.rows);
    const hasMetric =
      sweep.kind === "batch" ? seriesOf(o.rows, sweep.metric).length > 0 : fin[sweep.metric] !== undefined;
    if (!hasMetric) {
      missing.push({
        id: p.id,
        reason: `finished, but its logs have no ${sweep.metric}${o.rows.length === 0 ? " (no metric log found)" : ""}`,
      });
      continue;
    }
    const row: RunRow = { ...paramsOf(p), ...fin };
    if (sweep.kind === "batch") row.steps_to_target = stepsToTarget(o.rows, sweep.metric, sweep.target!);
    if (o.seconds !== undefined) row.seconds = o.seconds;
    rows.push(row);
  }
  return { rows, missing, failed };
}
