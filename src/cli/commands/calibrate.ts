import { defineCommand } from "citty";
import { readTable } from "../../ingest/readTable.js";
import { calibrateSystem, type MeasuredRun } from "../../parallel/calibrateSystem.js";
import { checkDivisibility, layoutEvaluator } from "../../parallel/evaluateLayout.js";
import {
  formatLayout,
  type Layout,
  layoutDevices,
  parseLayout,
  SINGLE_DEVICE_LAYOUT,
} from "../../parallel/layout.js";
import { stepProfile } from "../../parallel/stepProfile.js";
import { bindSystem } from "../../parallel/systemFor.js";
import type { System } from "../../parallel/systemSchema.js";
import { InputError } from "../../units/InputError.js";
import { PRECISIONS, type Precision } from "../../workload/precision.js";
import type { Io } from "../io.js";
import { loadModel } from "../loadModel.js";
import { systemArgs, systemFromArgs } from "../loadSystem.js";
import { enumOption } from "../options.js";
import { readFileText } from "../readRuns.js";
import { renderTable, sig } from "../table.js";

/** Layout fields a runs file may leave out, and the values taken. */
const DEFAULTS: Layout = SINGLE_DEVICE_LAYOUT;

/** Largest step time a row may state: a day (a training step longer than that is a typo). */
const MAX_STEP_SECONDS = 86_400;
/** Largest global batch a row may state, samples. */
const MAX_BATCH = 100_000_000;

/** One row of a runs file, kept or rejected with the reason. */
export interface RowVerdict {
  row: number;
  name: string;
  kept: boolean;
  reason?: string;
}

/**
 * Why a measured run is faster than its hardware could run it, or undefined: the step's hardware FLOP
 * (model FLOP plus recompute) over devices × dense peak is the shortest possible step (HFU = 1; PaLM,
 * Chowdhery et al. 2022, App. B defines MFU and HFU against that peak). A step time below it, or an
 * MFU whose implied HFU exceeds 1, is a typo (`1e-300`), and left in it drives the fitted ceiling to
 * the top of its range (issue 16 item 2).
 */
function fasterThanPeak(
  run: MeasuredRun,
  sys: ReturnType<typeof bindSystem>,
  attention: "flash" | "standard" | undefined,
): string | undefined {
  const t = layoutEvaluator(run.profile, sys, {
    globalBatch: run.globalBatch,
    ...(attention ? { attention } : {}),
    timeWhenOverMemory: true,
  })(run.layout);
  if (!t.feasible) return `layout ${formatLayout(run.layout)}: ${t.message}`;
  // hardware FLOP / (devices × peak): seconds the step takes at HFU 1 (t.hfu = that / t.step.seconds)
  const peakSeconds = t.hfu * t.step.seconds;
  if (run.stepSeconds !== undefined && run.stepSeconds < peakSeconds)
    return `step_seconds ${run.stepSeconds} is below ${sig(peakSeconds)} s, the step's hardware FLOP at dense peak (HFU ${sig(peakSeconds / run.stepSeconds)} > 1)`;
  if (run.mfu !== undefined && (run.mfu * t.hfu) / t.mfu > 1)
    return `mfu ${run.mfu} implies HFU ${sig((run.mfu * t.hfu) / t.mfu)} > 1 with this layout's recompute`;
  return undefined;
}

/**
 * Read and validate measured runs (columns model, layout, global_batch, one of step_seconds, mfu, hfu;
 * optional seq, devices, name): every row is kept or rejected with its reason (issue 16): a layout that
 * does not parse, does not multiply to the row's devices or does not divide the batch and model;
 * a non-finite, non-positive or absurd step time or batch; an MFU or HFU outside (0, 1]; a step
 * faster than the hardware's dense peak allows.
 */
function readMeasuredRuns(
  io: Io,
  path: string,
  precision: Precision,
  system: System,
): { runs: MeasuredRun[]; verdicts: RowVerdict[] } {
  const table = readTable(readFileText(io, path), { fileName: path });
  for (const c of ["model", "layout", "global_batch"])
    if (!table.columns.includes(c))
      throw new InputError(
        `${path}: column`,
        c,
        `columns model, layout, global_batch and one of step_seconds, mfu, hfu (has ${table.columns.join(", ")})`,
      );
  const sys = bindSystem(system, precision);
  const runs: MeasuredRun[] = [];
  const verdicts: RowVerdict[] = [];
  table.rows.forEach((row, i) => {
    const name = String(row.name ?? `${row.model} ${row.layout}`);
    const reject = (reason: string) => verdicts.push({ row: i + 1, name, kept: false, reason });
    const num = (k: string): number | undefined | string => {
      const v = row[k];
      if (v === null || v === undefined || v === "") return undefined;
      const n = Number(v);
      return Number.isFinite(n) && n > 0 ? n : `${k} ${String(v)} is not a positive finite number`;
    };
    try {
      const layout = { ...DEFAULTS, ...parseLayout(String(row.layout ?? ""), `row ${i + 1} layout`) };
      const batch = num("global_batch");
      if (typeof batch !== "number")
        return reject(typeof batch === "string" ? batch : "global_batch is missing");
      if (!Number.isInteger(batch) || batch > MAX_BATCH)
        return reject(`global_batch ${batch} is not a whole number of samples up to ${MAX_BATCH}`);
      const devices = num("devices");
      if (typeof devices === "string") return reject(devices);
      if (devices !== undefined && layoutDevices(layout) !== devices)
        return reject(
          `layout ${formatLayout(layout)} uses dp·tp·pp·cp = ${layoutDevices(layout)} devices, the row says ${devices}`,
        );
      const seq = num("seq");
      if (typeof seq === "string") return reject(seq);
      const model = loadModel(io, String(row.model), undefined);
      const profile = stepProfile(model.spec, { precision, ...(seq !== undefined ? { seq } : {}) });
      const bad = checkDivisibility(profile, sys, layout, batch);
      if (bad) return reject(`layout ${formatLayout(layout)}: ${bad}`);
      const run: MeasuredRun = { name, profile, layout, globalBatch: batch };
      const stepSeconds = num("step_seconds");
      const mfu = num("mfu");
      const hfu = num("hfu");
      for (const v of [stepSeconds, mfu, hfu]) if (typeof v === "string") return reject(v);
      if (stepSeconds !== undefined) {
        if ((stepSeconds as number) > MAX_STEP_SECONDS)
          return reject(`step_seconds ${stepSeconds} exceeds a day per step`);
        run.stepSeconds = stepSeconds as number;
      } else if (mfu !== undefined) {
        if ((mfu as number) > 1) return reject(`mfu ${mfu} is above 1 (a fraction of peak)`);
        run.mfu = mfu as number;
      } else if (hfu !== undefined) {
        if ((hfu as number) > 1) return reject(`hfu ${hfu} is above 1 (a fraction of peak)`);
        run.hfu = hfu as number;
      } else return reject("no measurement: one of step_seconds, mfu or hfu");
      const tooFast = fasterThanPeak(run, sys, system.framework.attention);
      if (tooFast) return reject(tooFast);
      runs.push(run);
      verdicts.push({ row: i + 1, name, kept: true });
    } catch (e) {
      if (e instanceof InputError) return reject(e.message);
      throw e;
    }
  });
  return { runs, verdicts };
}

/**
 * `scalecast calibrate RUNS --hardware NAME --out FILE`: fit the system's GEMM ceiling to measured runs
 * and write the calibrated system (plan --system FILE reads it).
 */
export function calibrateCommand(io: Io) {
  return defineCommand({
    meta: {
      name: "calibrate",
      description: "Fit a system's GEMM ceiling to measured runs and write the calibrated system file",
    },
    args: {
      runs: {
        type: "positional",
        description: "CSV/JSONL: model, layout, global_batch, step_seconds|mfu|hfu[, seq, devices, name]",
        required: true,
      },
      ...systemArgs,
      precision: { type: "string", description: `${PRECISIONS.join("|")} (default bf16)` },
      out: { type: "string", description: "write the calibrated system JSON here (for plan --system)" },
      json: { type: "boolean", description: "print JSON" },
    },
    run({ args }) {
      const precision = (enumOption(args.precision, "--precision", PRECISIONS) ?? "bf16") as Precision;
      const base = systemFromArgs(io, args, precision);
      const { runs, verdicts } = readMeasuredRuns(io, args.runs, precision, base);
      const rejected = verdicts.filter((v) => !v.kept);
      if (runs.length === 0)
        throw new InputError(
          args.runs,
          `${rejected.length} ${rejected.length === 1 ? "row" : "rows"} rejected`,
          `at least one valid run (first: row ${rejected[0]?.row ?? "-"}: ${rejected[0]?.reason ?? "no rows"})`,
        );
      const c = calibrateSystem(base, precision, runs);
      const system: System = {
        ...c.system,
        name: `${base.accelerator.name} calibrated on ${args.runs}`,
        calibration: { ...c.system.calibration!, runs: verdicts.length, kept: runs.length },
      };
      if (args.out) io.writeText(args.out, `${JSON.stringify(system, null, 2)}\n`);
      if (args.json) {
        io.stdout(
          `${JSON.stringify({ hardware: base.accelerator.name, precision, ceiling: c.ceiling, before: c.before, after: c.after, rows: verdicts, ...(args.out ? { out: args.out } : {}) }, null, 2)}\n`,
        );
        return;
      }
      const rows = c.before.runs.map((b, i) => {
        const a = c.after.runs[i]!;
        return [
          b.name,
          sig(b.measured),
          sig(b.predicted),
          `${b.deltaPct.toFixed(1)}%`,
          sig(a.predicted),
          `${a.deltaPct.toFixed(1)}%`,
        ];
      });
      io.stdout(
        [
          `calibration of ${base.accelerator.name} (${precision}, ${base.framework.name}) on ${runs.length} of ${verdicts.length} rows`,
          ...rejected.map((v) => `rejected   row ${v.row} (${v.name}): ${v.reason}`),
          renderTable(["run", "measured", "before", "delta", "after", "delta"], rows),
          `RMS error ${c.before.rmsPct.toFixed(1)}% before, ${c.after.rmsPct.toFixed(1)}% after`,
          `GEMM ceiling (${precision}): ${sig(c.ceiling.before)} → ${sig(c.ceiling.after)} of dense peak`,
          args.out
            ? `wrote ${args.out} (use with plan --system ${args.out})`
            : "(--out FILE writes the calibrated system for plan --system)",
        ].join("\n") + "\n",
      );
    },
  });
}
