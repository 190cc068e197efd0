import { formatLayout } from "../parallel/layout.js";
import type { Forecast } from "../plan/forecastTypes.js";
import type { Interval } from "../project/interval.js";
import { formatCell } from "../units/formatNumber.js";

const sig = formatCell;
const ci = (i: Interval | null): string => (i?.ci95 ? `[${sig(i.ci95[0])}, ${sig(i.ci95[1])}]` : "-");
const pair = (r: [number, number] | null) => (r ? `x${sig(r[0])} to x${sig(r[1])}` : "-");

/** A table as a header and rows of strings (rendered to HTML or Markdown by the callers). */
export interface TextTable {
  title: string;
  header: string[];
  rows: string[][];
  /** One line under the table (what it means), or none. */
  note?: string;
}

const BUDGET_WORDS = {
  flops: (v: number) => `${sig(v)} FLOP`,
  dollars: (v: number) => `$${sig(v)}`,
  deviceHours: (v: number) => `${sig(v)} device-hours`,
  deadline: (v: number) => `${sig(v / 86400)} days`,
};

/**
 * The tables of a forecast, built once for the CLI's text, the HTML and Markdown reports: outputs with
 * their 95% intervals (labelled in the law's own units, `f.units`), where the intervals come from (the
 * law, the step-time model, both), the system and layout, where the days and dollars go (goodput), and
 * the sensitivity table with one sentence per row.
 */
export function forecastTables(f: Forecast): TextTable[] {
  const { loss: y, data, params } = f.units;
  const row = (name: string, i: Interval | null, unit: string) => [name, sig(i?.value ?? null), ci(i), unit];
  const src = f.intervals;
  const outputs: TextTable = {
    title: `Forecast (95% intervals from ${src.modelError ? "the law's bootstrap draws and the step-time model's error" : "the law's bootstrap draws"})`,
    header: ["quantity", "value", "95% interval", "unit"],
    rows: [
      ...(f.target !== null ? [["target", sig(f.target, 4), "-", y]] : []),
      row("loss reached", f.loss, y),
      row("model", f.model.params, params),
      ["shaped model", sig(f.model.shapedParams), "-", `parameters (${f.model.spec.family})`],
      row("data", f.data.tokens, data),
      ...(f.data.dataScale ? [row("data scale", f.data.dataScale, "x today's data")] : []),
      ...(f.data.modelScale ? [row("model scale", f.data.modelScale, "x today's model")] : []),
      row("compute", f.compute.flops, "FLOP"),
      row("steps", f.steps, `optimizer steps of ${f.batch.global} samples`),
      row("time", f.train.days, "days"),
      row("device-hours", f.train.deviceHours, "device-hours"),
      row("cost", f.cost.dollars, "dollars"),
      row("energy", f.energy.kWh, `kWh (PUE ${f.energy.pue})`),
      row("CO2", f.co2.kg, `kg (${f.co2.region}, ${f.co2.kgPerKWh} kg/kWh)`),
    ],
    ...(f.budget
      ? {
          note: `budget ${BUDGET_WORDS[f.budget.kind](f.budget.limit)}: the plan uses ${BUDGET_WORDS[f.budget.kind](f.budget.used)} (${((100 * f.budget.used) / f.budget.limit).toFixed(2)}%)`,
        }
      : {}),
  };
  const me = src.modelError;
  const sources: TextTable = {
    title: `Where the ${src.appliesTo === "time and cost" ? "time and cost" : "data"} intervals come from (multiplier on the value)`,
    header: ["source", "95% range", "from"],
    rows: [
      ["the law alone", pair(src.law), src.law ? `${f.draws} bootstrap draws` : "no draws (a preset)"],
      [
        "the step-time model alone",
        pair(src.model),
        me ? `${me.label}: ${me.cases} cases, sd of ln(measured/predicted) ${sig(me.sdLog)}` : "not given",
      ],
      [
        "both",
        pair(src.combined),
        src.law && src.model
          ? "independent: law draw k x model draw k"
          : src.model
            ? "the model alone (the law has no draws)"
            : src.law
              ? "the law alone"
              : "-",
      ],
    ],
  };
  const l = f.layout;
  const system: TextTable = {
    title: "System and layout",
    header: ["quantity", "value"],
    rows: [
      ["hardware", `${f.devices} x ${f.hardware}`],
      ["chosen for", f.optimised],
      ["layout", formatLayout(l)],
      ["sequence", `${f.batch.seq} tokens per sample`],
      ["global batch", `${f.batch.global} samples (${sig(f.batch.tokensPerStep)} tokens)`],
      ["critical batch (Kaplan)", f.batch.critical === null ? "-" : `${sig(f.batch.critical)} samples`],
      ["step time", `${sig(f.step.seconds)} s`],
      ["MFU / HFU", `${(100 * f.mfu).toFixed(1)}% / ${(100 * f.hfu).toFixed(1)}%`],
      [
        "memory per device",
        `${sig(f.memory.perDeviceBytes / 2 ** 30)} GiB of ${sig(f.memory.capacityBytes / 2 ** 30)} GiB`,
      ],
    ],
  };
  const g = f.goodput;
  const goodput: TextTable = {
    title: `Where the time goes (goodput ${(100 * g.fraction).toFixed(1)}%)`,
    header: ["part", "days", "dollars", "model"],
    rows: f.train.breakdown.map((b) => [
      b.name,
      sig(b.days),
      b.dollars === null ? "-" : sig(b.dollars),
      !g.enabled
        ? "-"
        : b.name === "training steps"
          ? `${sig(f.steps.value)} steps of ${sig(f.step.seconds)} s`
          : b.name === "checkpoint writes"
            ? `${sig(g.checkpointBytes / 1e9)} GB at ${sig(g.checkpointBytesPerSecond / 1e9)} GB/s = ${sig(g.checkpointSeconds)} s every ${sig(g.intervalSeconds / 60)} min (Daly 2006)`
            : b.name === "failures and restarts"
              ? `${sig(g.failuresPerDeviceHour)} per device-hour: one every ${sig(g.mtbfSeconds / 3600)} h, ${sig(g.restartSeconds / 60)} min restart + lost work`
              : `${sig(100 * g.evalFraction)}% of training time`,
    ]),
  };
  const pct = (x: number | null) => (x === null ? "-" : `${x >= 0 ? "+" : ""}${x.toFixed(1)}%`);
  const sensitivity: TextTable = {
    title: "Sensitivity: % change of each output in each experiment",
    header: ["experiment", "compute", "days", "dollars", "kWh", "kg CO2"],
    rows: f.sensitivity.map((r) => [
      r.input,
      pct(r.outputs.flops),
      pct(r.outputs.days),
      pct(r.outputs.dollars),
      pct(r.outputs.kWh),
      pct(r.outputs.kgCO2),
    ]),
    ...(f.sensitivity.length
      ? { note: f.sensitivity.map((r) => `${r.input}: ${r.sentence}.`).join("\n") }
      : {}),
  };
  return [outputs, sources, system, goodput, ...(f.sensitivity.length ? [sensitivity] : [])];
}
