/** The Forecast page's results: headline numbers, the outputs table, a pinned-scenario comparison. */
import type { Accelerator } from "../../../src/hardware/accelerator.js";
import type { Law } from "../../../src/laws/law.js";
import type { Forecast, SensitivityRow } from "../../../src/plan/forecastTypes.js";
import type { Interval } from "../../../src/project/interval.js";
import { type Explanation, forecastExplanations } from "../../../src/report/explain.js";
import { formatLayout } from "../../../src/parallel/layout.js";
import { forecastTables } from "../../../src/report/forecastTables.js";
import { humanize } from "../../../src/report/plots.js";
import { change, ci, fmt, intervalCells, pct, type Style } from "../fmt.js";
import { type Cell, facts, h, plural, table } from "../ui.js";

/** One output row: label, the interval, its style, the unit and the key tests and explanations use. */
interface Row {
  name: string;
  get: (f: Forecast) => Interval | null;
  style: Style;
  unit: (f: Forecast) => string;
  key: string;
}

/** The outputs a forecast has, in the order they are shown. */
function rows(): Row[] {
  return [
    {
      name: "loss reached",
      get: (f) => f.loss,
      style: "plain",
      unit: (f) => f.units.loss,
      key: "loss",
    },
    { name: "model", get: (f) => f.model.params, style: "count", unit: (f) => f.units.params, key: "params" },
    {
      name: "data",
      get: (f) => f.data.tokens,
      style: "count",
      unit: (f) => f.units.data,
      key: "tokens",
    },
    {
      name: "data scale",
      get: (f) => f.data.dataScale,
      style: "plain",
      unit: () => "× today's data",
      key: "data-scale",
    },
    {
      name: "model scale",
      get: (f) => f.data.modelScale,
      style: "plain",
      unit: () => "× today's model",
      key: "model-scale",
    },
    { name: "compute", get: (f) => f.compute.flops, style: "flop", unit: () => "FLOP", key: "flops" },
    {
      name: "steps",
      get: (f) => f.steps,
      style: "count",
      unit: (f) => `optimizer steps of ${plural(f.batch.global, "sample")}`,
      key: "steps",
    },
    { name: "time", get: (f) => f.train.days, style: "plain", unit: () => "days", key: "days" },
    {
      name: "device-hours",
      get: (f) => f.train.deviceHours,
      style: "count",
      unit: () => "device-hours",
      key: "device-hours",
    },
    { name: "cost", get: (f) => f.cost.dollars, style: "dollars", unit: () => "US dollars", key: "dollars" },
    {
      name: "energy",
      get: (f) => f.energy.kWh,
      style: "count",
      unit: (f) => `kWh (PUE ${f.energy.pue})`,
      key: "kwh",
    },
    {
      name: "CO2",
      get: (f) => f.co2.kg,
      style: "count",
      unit: (f) => `kg (${f.co2.region}, ${f.co2.kgPerKWh} kg/kWh)`,
      key: "co2",
    },
  ];
}

/** The explanations of a forecast's numbers (formula and source), for the page's "?" buttons. */
export function explanations(f: Forecast, law: Law, acc: Accelerator): Record<string, Explanation> {
  return forecastExplanations(f, { law, accelerator: acc });
}

/** Big numbers at the top: model, data, compute, time, cost, CO2, each with its 95% interval. */
export function headline(f: Forecast, _law: Law): HTMLElement {
  const tile = (label: string, i: Interval | null, style: Style, unit: string) =>
    h(
      "div",
      { class: "tile" },
      h("span", { class: "tile-label" }, label),
      h(
        "span",
        { class: "tile-value" },
        i ? fmt(i.value, style) : "-",
        unit ? h("small", {}, ` ${unit}`) : null,
      ),
      i?.ci95 ? h("span", { class: "tile-ci" }, `95%: ${ci(i.ci95, style)}`) : null,
    );
  return h(
    "div",
    { class: "tiles" },
    tile("model", f.model.params, "count", "params"),
    tile("data", f.data.tokens, "count", f.units.data),
    tile("compute", f.compute.flops, "flop", "FLOP"),
    tile("time", f.train.days, "plain", "days"),
    tile("cost", f.cost.dollars, "dollars", ""),
    tile("CO2", f.co2.kg, "count", "kg"),
  );
}

/**
 * Where the 95% intervals come from: the law's bootstrap draws, the step-time model's out-of-sample
 * error on this hardware, both (the CLI's and the report's table, `forecastTables`).
 */
export function intervalSourcesTable(f: Forecast): HTMLElement {
  const t = forecastTables(f).find((x) => x.title.startsWith("Where the"))!;
  const left = (text: string) => ({ text, align: "left" as const });
  return table(
    t.header,
    t.rows.map(([source, range, from]) => [left(source!), range!, left(from!)]),
    t.title,
  );
}

/** The outputs table with intervals and a "?" on every row. */
export function outputsTable(f: Forecast, law: Law, why: Record<string, Explanation>): HTMLElement {
  const intervals = f.draws >= 2 || f.intervals.model !== null;
  return table(
    ["quantity", "value", ...(intervals ? ["95% interval"] : []), "unit"],
    rows()
      .filter((r) => r.get(f) !== null)
      .map((r) => [
        { text: r.name, ...(why[r.key] ? { why: why[r.key] } : {}) },
        ...intervalCells(r.get(f), `forecast-${r.key}`, r.style).slice(0, intervals ? 2 : 1),
        { text: r.unit(f), align: "left" as const },
      ]),
    intervals
      ? `Forecast (95% intervals from ${[
          ...(f.draws >= 2 ? [`${plural(f.draws, "bootstrap draw")} pushed through the chain`] : []),
          ...(f.intervals.model ? ["the step-time model's error"] : []),
        ].join(" and ")})`
      : "Forecast (the law has no bootstrap draws and the model's error is left out: no intervals)",
  );
}

/** The pinned scenario beside the current one: both values and the change, for every output. */
export function comparisonTable(f: Forecast, pinned: Forecast, _law: Law): HTMLElement {
  const body: Cell[][] = rows()
    .filter((r) => r.get(f) !== null || r.get(pinned) !== null)
    .map((r) => {
      const a = r.get(pinned)?.value;
      const b = r.get(f)?.value;
      return [
        r.name,
        { text: fmt(a, r.style), value: a ?? null, key: `pinned-${r.key}` },
        { text: fmt(b, r.style), value: b ?? null, key: `compare-${r.key}` },
        { text: change(b, a), key: `change-${r.key}` },
        { text: r.unit(f), align: "left" as const },
      ];
    });
  body.push(
    [
      "devices",
      String(pinned.devices),
      { text: String(f.devices), value: f.devices, key: "compare-devices" },
      change(f.devices, pinned.devices),
      {
        text: pinned.hardware === f.hardware ? f.hardware : `${pinned.hardware} → ${f.hardware}`,
        align: "left",
      },
    ],
    [
      "step time",
      fmt(pinned.step.seconds, "seconds"),
      fmt(f.step.seconds, "seconds"),
      change(f.step.seconds, pinned.step.seconds),
      "",
    ],
    ["MFU", pct(pinned.mfu), pct(f.mfu), change(f.mfu, pinned.mfu), ""],
  );
  return table(
    ["quantity", "pinned", "current", "change", "unit"],
    body,
    "Pinned scenario against the current one",
  );
}

/** Hardware, layout, step, MFU, memory and batch, each explained. */
export function systemFacts(f: Forecast, why: Record<string, Explanation>): HTMLElement {
  const w = (k: string) => (why[k] ? { why: why[k] } : {});
  return facts([
    {
      label: "hardware",
      text: `${plural(f.devices, "device")} × ${f.hardware}`,
      key: "devices",
      value: f.devices,
    },
    { label: "layout", text: formatLayout(f.layout).replaceAll(",", ", "), key: "layout" },
    {
      label: "step time",
      text: fmt(f.step.seconds, "seconds"),
      key: "step-seconds",
      value: f.step.seconds,
      ...w("step-seconds"),
    },
    { label: "MFU", text: pct(f.mfu), key: "mfu", value: f.mfu, ...w("mfu") },
    {
      label: "memory per device",
      text: `${fmt(f.memory.perDeviceBytes, "bytes")} of ${fmt(f.memory.capacityBytes, "bytes")}`,
      key: "memory",
      value: f.memory.perDeviceBytes,
      ...w("memory"),
    },
    {
      label: "global batch",
      text: `${plural(f.batch.global, "sample")}${f.batch.critical !== null ? ` (critical batch ${fmt(f.batch.critical, "count")})` : ""}`,
      key: "global-batch",
      value: f.batch.global,
      ...w("global-batch"),
    },
    {
      label: "price",
      text:
        f.cost.dollarsPerDeviceHour === null
          ? "none in the catalog"
          : `$${f.cost.dollarsPerDeviceHour.toFixed(2)} per device-hour`,
      key: "price",
      ...w("dollars"),
    },
  ]);
}

/** The sensitivity table (filled in once the worker has re-run the chain). */
export function sensitivityTable(rows: SensitivityRow[] | null): HTMLElement {
  const p = (x: number | null) => (x === null ? "-" : `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(1)}%`);
  if (!rows)
    return h("p", { class: "note", "data-key": "sensitivity-pending" }, "Sensitivity: re-running the chain…");
  return table(
    ["input moved", "compute", "days", "dollars", "kWh", "kg CO2"],
    rows.map((r) => [
      { text: humanize(r.input), why: { formula: r.sentence, source: `held: ${r.held}` } },
      p(r.outputs.flops),
      p(r.outputs.days),
      p(r.outputs.dollars),
      p(r.outputs.kWh),
      p(r.outputs.kgCO2),
    ]),
    "Sensitivity: % change of each output in each experiment (? says what it moves and holds)",
  );
}

/** What differs between two sets of inputs, as "devices 256 → 512; region world → france". */
export function inputDiff(a: Record<string, string>, b: Record<string, string>): string {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => (a[k] ?? "") !== (b[k] ?? ""),
  );
  return keys.map((k) => `${k} ${a[k] || "(empty)"} → ${b[k] || "(empty)"}`).join("; ") || "no input differs";
}
