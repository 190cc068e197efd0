import type { BatchInput } from "../../batch/analyzeBatchSweep.js";
import type { GradientNormSample } from "../../batch/gradientNoiseScale.js";
import type { Measurement } from "../../batch/stepsToResult.js";
import type { RowReport } from "../../ingest/RunTable.js";
import { selectRuns } from "../../ingest/selectRuns.js";
import { InputError } from "../../units/InputError.js";
import type { Io } from "../io.js";
import { countOption } from "../limits.js";
import { numberOption } from "../options.js";
import { readRunsTable } from "../readRuns.js";

/**
 * Refuse a batch size that is not a whole number (issue 16: a batch of 0.5 was fitted): a batch counts
 * samples (or tokens), so a fraction is a typo or a column in other units, named with its file row.
 */
function checkWholeBatches(values: Float64Array, rows: Uint32Array, path: string, column: string): void {
  const i = values.findIndex((b) => !Number.isInteger(b));
  if (i >= 0)
    throw new InputError(
      `${path} row ${rows[i]} ${column}`,
      values[i],
      "a whole number of samples (a batch size counts examples)",
    );
}

/** Parsed options, as the readers use them. */
type Args = Record<string, unknown>;

/**
 * A sweep (batch, step, metric[, trial]) or a reduced table (batch, steps), with its row report. The file
 * is streamed and kept as typed columns; a sweep's measurements are handed to the analysis one at a time.
 */
export async function readBatchInput(
  io: Io,
  path: string,
  args: Args,
): Promise<{ input: BatchInput; report: RowReport; columns: Record<string, string> }> {
  const c = (k: string, d: string) => (typeof args[k] === "string" ? args[k] : d);
  const batchCol = c("batch", "batch");
  const stepCol = c("step", "step");
  const stepsCol = c("steps", "steps");
  const metricCol = c("metric", "metric");
  const trialCol = c("trial", "trial");
  const target = numberOption(args.target as string | undefined, "--target", "a metric value");
  const table = await readRunsTable(io, path, {
    numbers: [batchCol, stepCol, stepsCol, metricCol],
    ids: [trialCol],
  });
  const reduced = table.columns.includes(stepsCol) && !table.columns.includes(stepCol);
  if (reduced) {
    const spec = { batch: batchCol, steps: stepsCol };
    const run = selectRuns(table, path, spec, { positive: ["batch", "steps"] });
    checkWholeBatches(run.columns.batch!, run.rows, path, batchCol);
    const rows = Array.from(run.columns.batch!, (b, i) => ({ batch: b, steps: run.columns.steps![i]! }));
    return { input: { kind: "steps", rows }, report: run.report, columns: spec };
  }
  if (target === undefined)
    throw new InputError(
      "--target",
      undefined,
      `the target metric for a sweep (columns ${batchCol}, ${stepCol}, ${metricCol}); or a table with columns ${batchCol}, ${stepsCol}`,
    );
  const spec = { batch: batchCol, step: stepCol, metric: metricCol };
  const run = selectRuns(table, path, spec, { positive: ["batch"] });
  checkWholeBatches(run.columns.batch!, run.rows, path, batchCol);
  const trial = table.data.get(trialCol);
  if (typeof args.trial === "string" && !trial)
    throw new InputError("--trial", args.trial, `one of the columns ${table.columns.join(", ")}`);
  const { batch, step, metric } = run.columns as Record<"batch" | "step" | "metric", Float64Array>;
  function* measurements(): Generator<Measurement> {
    for (let i = 0; i < run.length; i++) {
      const m: Measurement = { batch: batch[i]!, step: step[i]!, metric: metric[i]! };
      const cell = trial?.cellAt?.(run.rows[i]! - 1) ?? null;
      if (cell !== null) m.trial = cell;
      yield m;
    }
  }
  return {
    input: {
      kind: "sweep",
      measurements: { [Symbol.iterator]: measurements },
      target,
      maximize: Boolean(args.maximize),
    },
    report: run.report,
    columns: trial ? { ...spec, trial: trialCol } : spec,
  };
}

/** A gradient-norm log for the two-batch noise-scale estimator. */
export async function readGns(io: Io, path: string, args: Args): Promise<GradientNormSample[]> {
  const bSmall = countOption(args["b-small"] as string | undefined, "--b-small");
  const bBig = countOption(args["b-big"] as string | undefined, "--b-big");
  const table = await readRunsTable(io, path, {
    numbers: ["g_small_sq", "g_big_sq", "b_small", "b_big", "step"],
  });
  const spec: Record<string, string> = { gSmallSq: "g_small_sq", gBigSq: "g_big_sq" };
  if (bSmall === undefined) spec.bSmall = "b_small";
  if (bBig === undefined) spec.bBig = "b_big";
  if (table.columns.includes("step")) spec.step = "step";
  const run = selectRuns(table, path, spec, { positive: [] });
  const col = run.columns;
  if (col.bSmall) checkWholeBatches(col.bSmall, run.rows, path, "b_small");
  if (col.bBig) checkWholeBatches(col.bBig, run.rows, path, "b_big");
  return Array.from(col.gSmallSq!, (g, i) => ({
    bSmall: bSmall ?? col.bSmall![i]!,
    bBig: bBig ?? col.bBig![i]!,
    gSmallSq: g,
    gBigSq: col.gBigSq![i]!,
    ...(col.step ? { step: col.step[i]! } : {}),
  }));
}
