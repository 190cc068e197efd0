import { formatLayout } from "../parallel/layout.js";
import type { Forecast } from "../plan/forecastTypes.js";
import type { Interval } from "../project/interval.js";
import { formatCell } from "../units/formatNumber.js";

const sig = formatCell;
const ci = (i: Interval | null): string => (i?.ci95 ? `[${sig(i.ci95[0])}, ${sig(i.ci95[1])}]` : "-");

/** A table as a header and rows of strings (rendered to HTML or Markdown by the callers). */
export interface TextTable {
  title: string;
  header: string[];
  rows: string[][];
}

/** Units of the law's y and data, for the tables' unit column (the runs' column names or a preset's). */
export interface ForecastUnits {
  /** Unit of the loss or error; default "loss". */
  y?: string;
  /** Unit of the data; default "tokens (samples)". */
  data?: string;
}

/**
 * The tables of a forecast, built once for the CLI's text, the HTML and Markdown reports: outputs with
 * their 95% intervals, the system and layout, and the sensitivity table.
 */
export function forecastTables(f: Forecast, units: ForecastUnits = {}): TextTable[] {
  const { y = "loss", data = "tokens (samples)" } = units;
  const row = (name: string, i: Interval | null, unit: string) => [name, sig(i?.value ?? null), ci(i), unit];
  const outputs: TextTable = {
    title: "Forecast (95% intervals from the law's bootstrap draws)",
    header: ["quantity", "value", "95% interval", "unit"],
    rows: [
      ...(f.target !== null ? [["target", sig(f.target, 4), "-", y]] : []),
      row("loss reached", f.loss, y),
      row("model", f.model.params, "parameters"),
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
  };
  const l = f.layout;
  const system: TextTable = {
    title: "System and layout",
    header: ["quantity", "value"],
    rows: [
      ["hardware", `${f.devices} x ${f.hardware}`],
      ["layout", formatLayout(l)],
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
  const pct = (x: number | null) => (x === null ? "-" : `${x >= 0 ? "+" : ""}${x.toFixed(1)}%`);
  const sensitivity: TextTable = {
    title: "Sensitivity: % change of each output when one input moves",
    header: ["input", "compute", "days", "dollars", "kWh", "kg CO2"],
    rows: f.sensitivity.map((r) => [
      r.input,
      pct(r.outputs.flops),
      pct(r.outputs.days),
      pct(r.outputs.dollars),
      pct(r.outputs.kWh),
      pct(r.outputs.kgCO2),
    ]),
  };
  return [outputs, system, sensitivity];
}
