import { defineCommand } from "citty";
import { checkOutput } from "../readRuns.js";
import { countOption, DEVICES_LIMIT, GLOBAL_BATCH_LIMIT } from "../limits.js";
import { gridIntensity } from "../../hardware/grid.js";
import { runIsFixed } from "../../plan/forecastPlan.js";
import type { Budget, Forecast, ForecastInput } from "../../plan/forecastTypes.js";
import { forecastTables } from "../../report/forecastTables.js";
import { renderReportMarkdown } from "../../report/markdown.js";
import type { XY } from "../../report/plots.js";
import { InputError } from "../../units/InputError.js";
import { parseCount } from "../../units/parseCount.js";
import { parseDollars } from "../../units/parseDollars.js";
import { parseFlop } from "../../units/parseFlop.js";
import { VERSION } from "../../version.js";
import { modelPreset } from "../../workload/presets/index.js";
import { PRECISIONS, type Precision } from "../../workload/precision.js";
import type { Io } from "../io.js";
import { enumOption, numberOption } from "../options.js";
import { renderTable, sig } from "../table.js";
import { fitRunsFile, RUNS_ARGS } from "./fit.js";
import {
  FORECAST_SYSTEM_ARGS,
  forecastSystem,
  GOODPUT_ARGS,
  MODEL_ERROR_ARGS,
  goodputFromArgs,
  modelErrorFromArgs,
} from "./forecastArgs.js";
import { forecastCache } from "../../plan/forecastCache.js";
import { forecastWithLifetime, LIFETIME_ARGS, renderLifetime } from "./lifetimeArgs.js";
import { loadLaw } from "./project.js";
import { measuredLimitsFields } from "../../validation/measuredLimitsTable.js";
import { parseDeadline } from "../../units/requireUnit.js";
import { parseSequence } from "../../units/parseSequence.js";

function budgetOf(args: Record<string, unknown>): Budget | undefined {
  const b: Budget = {};
  if (args["budget-flops"] !== undefined) b.flops = parseFlop(String(args["budget-flops"]), "--budget-flops");
  if (args["budget-dollars"] !== undefined)
    b.dollars = parseDollars(String(args["budget-dollars"]), "--budget-dollars");
  if (args["budget-device-hours"] !== undefined)
    b.deviceHours = parseCount(String(args["budget-device-hours"]), "--budget-device-hours");
  if (args.deadline !== undefined) b.deadlineSeconds = parseDeadline(String(args.deadline), "--deadline");
  const n = Object.keys(b).length;
  if (n > 1)
    throw new InputError(
      "budget",
      Object.keys(b).join(", "),
      "one budget (FLOP, dollars, device-hours or a deadline)",
    );
  return n === 1 ? b : undefined;
}

/** `scalecast forecast`: the whole chain, from a law or runs to days, dollars, kWh and CO2. */
export function forecastCommand(io: Io) {
  return defineCommand({
    meta: {
      name: "forecast",
      description: "From runs or a published law to data, model, devices, days, dollars, kWh and CO2",
    },
    args: {
      runs: {
        type: "positional",
        description: "runs file to fit first (else --law is a preset or fit JSON)",
        required: false,
      },
      law: {
        type: "string",
        description: "a preset or fit JSON; with a runs file, the family to fit",
        default: "had19-word-lm",
      },
      target: { type: "string", description: "target loss or error (default: the preset's desired value)" },
      "budget-flops": { type: "string", description: "compute budget, e.g. 1e23" },
      "budget-dollars": { type: "string", description: "money budget, e.g. $2M" },
      "budget-device-hours": { type: "string", description: "device-hour budget, e.g. 500k" },
      deadline: { type: "string", description: "wall-clock budget, e.g. 30d" },
      ...FORECAST_SYSTEM_ARGS,
      devices: { type: "string", description: "device count (default 256)" },
      "max-devices": {
        type: "string",
        description:
          "any count up to this: the most tokens/s under a deadline, else the fewest dollars per token",
      },
      template: {
        type: "string",
        description: "model preset to scale to N (default: a decoder shaped to N)",
      },
      "model-params": { type: "string", description: "fix the model size N instead of the optimal split" },
      "model-tokens": {
        type: "string",
        description: "fix the data D instead of the optimal split (with --model-params: no target needed)",
      },
      "global-batch": { type: "string", description: "samples per step (default: Kaplan's critical batch)" },
      seq: {
        type: "string",
        description: "tokens per sample (default 2048 for the shaped decoder, or the template's context)",
      },
      precision: { type: "string", description: `${PRECISIONS.join("|")} (default bf16)` },
      region: { type: "string", description: "grid region for CO2 (default world)" },
      pue: { type: "string", description: "power usage effectiveness (default 1.1)" },
      report: { type: "string", description: "write a self-contained HTML (or --format md) report here" },
      format: { type: "string", description: "report format: html (default) or md" },
      ...GOODPUT_ARGS,
      ...MODEL_ERROR_ARGS,
      ...RUNS_ARGS,
      ...LIFETIME_ARGS,
      sensitivity: {
        type: "boolean",
        description: "compute the sensitivity table (default on; --no-sensitivity skips its re-runs)",
        default: true,
      },
      json: { type: "boolean", description: "print JSON" },
    },
    async run({ args }) {
      // a report path that cannot be written fails before the fit, not after it as an internal error
      if (args.report !== undefined) checkOutput(io, args.report, "--report");
      let law: ForecastInput["law"];
      let points: XY[] | undefined;
      if (args.runs) {
        const { result } = await fitRunsFile(io, args.runs, args.law, args);
        if (result.status !== "converged")
          throw new InputError(
            args.runs,
            `a fit that did not converge (${result.failed.reason})`,
            "runs a law can be fitted to (see scalecast fit)",
          );
        law = result.law;
        const v = result.values;
        if (args.report && v.x && v.y) points = plotPoints(io, v.x, v.y);
      } else law = loadLaw(io, args.law);
      const target = numberOption(args.target, "--target", "a loss or error value");
      const budget = budgetOf(args);
      const region = args.region ?? "world";
      gridIntensity(region);
      const precision = (enumOption(args.precision, "--precision", PRECISIONS) ?? "bf16") as Precision;
      const { accelerator, system } = forecastSystem(io, args, precision);
      const modelError = modelErrorFromArgs(args, accelerator);
      const fixed = {
        ...(args["model-params"] !== undefined
          ? { params: parseCount(args["model-params"], "--model-params") }
          : {}),
        ...(args["model-tokens"] !== undefined
          ? { tokens: parseCount(args["model-tokens"], "--model-tokens", { allowUnit: true }) }
          : {}),
      };
      // N and D both fixed: the loss follows from the law; a target is checked only when given
      const goal = budget
        ? { budget }
        : target !== undefined
          ? { target }
          : runIsFixed(law, fixed)
            ? {}
            : { target: law.reference?.target ?? requireTarget() };
      if (args.devices !== undefined && args["max-devices"] !== undefined)
        throw new InputError("--max-devices", args["max-devices"], "--devices or --max-devices, not both");
      const input: ForecastInput = {
        law,
        accelerator,
        system,
        ...goal,
        ...(args.devices !== undefined
          ? { devices: countOption(args.devices, "--devices", DEVICES_LIMIT)! }
          : {}),
        ...(args["max-devices"] !== undefined
          ? { maxDevices: countOption(args["max-devices"], "--max-devices", DEVICES_LIMIT)! }
          : {}),
        ...(args.template !== undefined ? { template: modelPreset(args.template).spec } : {}),
        fixed,
        ...(args["global-batch"] !== undefined
          ? {
              globalBatch: countOption(args["global-batch"], "--global-batch", GLOBAL_BATCH_LIMIT)!,
            }
          : {}),
        ...(args.seq !== undefined ? { seq: parseSequence(args.seq, "--seq") } : {}),
        precision,
        region,
        ...(args.pue !== undefined ? { pue: numberOption(args.pue, "--pue", "a PUE of at least 1")! } : {}),
        goodput: goodputFromArgs(args),
        ...(modelError ? { modelError } : {}),
        ...measuredLimitsFields(accelerator, precision),
        cache: forecastCache(),
        sensitivity: args.sensitivity !== false,
        // the device sweep is drawn only in the report
        series: args.report !== undefined,
      };
      const f = forecastWithLifetime(args, input);
      if (args.report) {
        const format = enumOption(args.format, "--format", ["html", "md"] as const) ?? "html";
        // the HTML report's plots load Observable Plot and linkedom: import them only when asked for
        const text =
          format === "md"
            ? renderReportMarkdown(f)
            : (await import("../../report/html.js")).renderReportHtml(f, {
                ...(points ? { points } : {}),
                law,
                accelerator,
                version: VERSION,
                // the report's date is the CLI's clock (the core has none)
                date: new Date().toISOString().slice(0, 10),
              });
        io.writeText(args.report, text);
        io.stderr(`scalecast: wrote the ${format === "md" ? "Markdown" : "HTML"} report to ${args.report}\n`);
      }
      if (args.json) {
        const { series: _series, ...rest } = f;
        io.stdout(`${JSON.stringify(rest, null, 2)}\n`);
      } else io.stdout(`${renderForecast(f)}${renderLifetime(f)}\n`);
    },
  });
}

/** Runs drawn in the report's plot at most: an SVG of millions of points helps no reader. */
const MAX_PLOT_POINTS = 10_000;

/** The runs as plot points, every k-th when there are more than {@link MAX_PLOT_POINTS} (said on stderr). */
function plotPoints(io: Io, x: Float64Array, y: Float64Array): XY[] {
  const n = x.length;
  const m = Math.min(n, MAX_PLOT_POINTS);
  if (m < n)
    io.stderr(
      `scalecast: the report plots ${m} of the ${n} runs (a systematic sample: every ${sig(n / m)}th)\n`,
    );
  return Array.from({ length: m }, (_, k) => {
    const i = Math.floor((k * n) / m);
    return { x: x[i]!, y: y[i]! };
  });
}

function requireTarget(): never {
  throw new InputError(
    "--target",
    undefined,
    "a target loss or error, or a budget (--budget-dollars, --deadline, ...)",
  );
}

/** The forecast as text: its tables (with the notes under them) and warnings. */
export function renderForecast(f: Forecast): string {
  const lines = [
    `forecast (${f.law})${f.target !== null ? ` to ${f.target} ${f.units.loss}` : ""}${f.budget ? ` within a ${f.budget.kind === "deadline" ? "deadline" : f.budget.kind === "flops" ? "compute budget" : f.budget.kind === "dollars" ? "dollar budget" : "device-hour budget"}` : ""} on ${f.devices} x ${f.hardware}`,
  ];
  // two-column tables hold text ("256 x h100-sxm", a layout): left-aligned
  for (const t of forecastTables(f)) {
    // the last column of the sources and goodput tables is a sentence: left-aligned too
    const words = t.header.length === 2 || t.title.startsWith("Where");
    const align = t.header.map((_, i): "auto" | "left" =>
      words && i === t.header.length - 1 ? "left" : "auto",
    );
    lines.push("", t.title, renderTable(t.header, t.rows, align));
    if (t.note) lines.push(t.note);
  }
  for (const w of f.warnings) lines.push(`warning: ${w}`);
  return lines.join("\n");
}
