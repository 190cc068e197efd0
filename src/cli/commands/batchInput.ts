import type { BatchInput } from "../../batch/analyzeBatchSweep.js";
import type { GradientNormSample } from "../../batch/gradientNoiseScale.js";
import type { Measurement } from "../../batch/stepsToResult.js";
import type { RowReport } from "../../ingest/RunTable.js";
import { readTable } from "../../ingest/readTable.js";
import { InputError } from "../../units/InputError.js";
import type { Io } from "../io.js";
import { numberOption } from "../options.js";
import { selectRuns } from "../../ingest/selectRuns.js";
import { readFileText } from "../readRuns.js";

/** Parsed options, as the readers use them. */
type Args = Record<string, unknown>;

/** Kept data rows (1-based), in order: every row not in the report's rejected list. */
function keptRows(report: RowReport): number[] {
  const rejected = new Set(report.rejected.map((r) => r.row));
  const out: number[] = [];
  for (let row = 1; row <= report.read; row++) if (!rejected.has(row)) out.push(row);
  return out;
}

/** A sweep (batch, step, metric[, trial]) or a reduced table (batch, steps), with its row report. */
export function readBatchInput(
  io: Io,
  path: string,
  args: Args,
): { input: BatchInput; report: RowReport; columns: Record<string, string> } {
  const table = readTable(readFileText(io, path), { fileName: path });
  const c = (k: string, d: string) => (typeof args[k] === "string" ? args[k] : d);
  const batchCol = c("batch", "batch");
  const stepCol = c("step", "step");
  const stepsCol = c("steps", "steps");
  const metricCol = c("metric", "metric");
  const reduced = table.columns.includes(stepsCol) && !table.columns.includes(stepCol);
  if (reduced) {
    const spec = { batch: batchCol, steps: stepsCol };
    const run = selectRuns(table, path, spec, { positive: ["batch", "steps"] });
    const rows = Array.from(run.columns.batch!, (b, i) => ({ batch: b, steps: run.columns.steps![i]! }));
    return { input: { kind: "steps", rows }, report: run.report, columns: spec };
  }
  const target = numberOption(args.target as string | undefined, "--target", "a metric value");
  if (target === undefined)
    throw new InputError(
      "--target",
      undefined,
      `the target metric for a sweep (columns ${batchCol}, ${stepCol}, ${metricCol}); or a table with columns ${batchCol}, ${stepsCol}`,
    );
  const spec = { batch: batchCol, step: stepCol, metric: metricCol };
  const run = selectRuns(table, path, spec, { positive: ["batch"] });
  const trialCol = c("trial", "trial");
  const hasTrial = table.columns.includes(trialCol);
  if (typeof args.trial === "string" && !hasTrial)
    throw new InputError("--trial", args.trial, `one of the columns ${table.columns.join(", ")}`);
  const rows = keptRows(run.report);
  const measurements: Measurement[] = Array.from(run.columns.batch!, (b, i) => {
    const m: Measurement = { batch: b, step: run.columns.step![i]!, metric: run.columns.metric![i]! };
    const cell = hasTrial ? table.rows[rows[i]! - 1]![trialCol] : null;
    if (cell !== null && cell !== undefined) m.trial = cell;
    return m;
  });
  return {
    input: { kind: "sweep", measurements, target, maximize: Boolean(args.maximize) },
    report: run.report,
    columns: hasTrial ? { ...spec, trial: trialCol } : spec,
  };
}

/** A gradient-norm log for the two-batch noise-scale estimator. */
export function readGns(io: Io, path: string, args: Args): GradientNormSample[] {
  const table = readTable(readFileText(io, path), { fileName: path });
  const bSmall = numberOption(args["b-small"] as string | undefined, "--b-small", "a positive batch size");
  const bBig = numberOption(args["b-big"] as string | undefined, "--b-big", "a positive batch size");
  const spec: Record<string, string> = { gSmallSq: "g_small_sq", gBigSq: "g_big_sq" };
  if (bSmall === undefined) spec.bSmall = "b_small";
  if (bBig === undefined) spec.bBig = "b_big";
  if (table.columns.includes("step")) spec.step = "step";
  const run = selectRuns(table, path, spec, { positive: [] });
  const col = run.columns;
  return Array.from(col.gSmallSq!, (g, i) => ({
    bSmall: bSmall ?? col.bSmall![i]!,
    bBig: bBig ?? col.bBig![i]!,
    gSmallSq: g,
    gBigSq: col.gBigSq![i]!,
    ...(col.step ? { step: col.step[i]! } : {}),
  }));
}
