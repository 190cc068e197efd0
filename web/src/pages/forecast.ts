import { ACCELERATORS, accelerator } from "../../../src/hardware/catalog.js";
import { GRID_REGIONS } from "../../../src/hardware/grid.js";
import { lawFromPreset } from "../../../src/laws/law.js";
import { lawFromJson } from "../../../src/laws/lawJson.js";
import { LAW_PRESETS, lawPreset } from "../../../src/laws/presets/index.js";
import { formatLayout } from "../../../src/parallel/layout.js";
import type { Budget, Forecast, ForecastInput } from "../../../src/plan/forecastTypes.js";
import type { Interval } from "../../../src/project/interval.js";
import { forecastPlots } from "../../../src/report/forecastPlots.js";
import { forecastTables } from "../../../src/report/forecastTables.js";
import { renderReportHtml } from "../../../src/report/html.js";
import { formatBytes } from "../../../src/units/formatBytes.js";
import { parseCount } from "../../../src/units/parseCount.js";
import { parseDuration } from "../../../src/units/parseDuration.js";
import { PRECISIONS, type Precision } from "../../../src/workload/precision.js";
import { MODEL_PRESETS, modelPreset } from "../../../src/workload/presets/index.js";
import { downloadButtons } from "../download.js";
import { intervalCells, num, pct } from "../fmt.js";
import { Cancelled, jobPanel } from "../jobs.js";
import { type PageDef, pageFrame } from "../page.js";
import { formValues, param } from "../state.js";
import { facts, field, figure, h, input, message, select, table } from "../ui.js";
import { FAMILIES } from "../../../src/laws/families.js";

const GOALS: [string, string][] = [
  ["target", "a target loss"],
  ["flops", "a compute budget (FLOP)"],
  ["dollars", "a budget in dollars"],
  ["deviceHours", "a budget in device-hours"],
  ["deadline", "a deadline (e.g. 30d)"],
];
const USABLE = LAW_PRESETS.filter((p) => FAMILIES[p.family].kind !== "ns"); // L(N, S) laws size no data

/** Where the Fit page leaves its fitted law (the `fit --json` document) for this page. */
export const FITTED_KEY = "scalecast.fittedLaw";

/** The fitted law kept in this tab's session storage, if any. */
function fittedJson(): { name: string; doc: unknown } | null {
  const raw = sessionStorage.getItem(FITTED_KEY);
  return raw ? (JSON.parse(raw) as { name: string; doc: unknown }) : null;
}

/** The forecast input for the page's fields; `fitted` is the law the "fitted" choice stands for. */
export function forecastInput(
  f: Record<string, string>,
  fitted: { name: string; doc: unknown } | null,
): ForecastInput {
  if (f.law === "fitted" && !fitted)
    throw new Error("law: no fitted law in this tab; fit one on the Fit page or load a fit JSON file");
  const law = f.law === "fitted" ? lawFromJson(fitted!.doc, fitted!.name) : lawFromPreset(lawPreset(f.law!));
  const n = (k: string) => (f[k] ? parseCount(f[k]!, k) : undefined);
  const value = f.value ?? "";
  let target: number | undefined;
  let budget: Budget | undefined;
  if (f.goal === "target") target = Number(value);
  else if (f.goal === "deadline") budget = { deadlineSeconds: parseDuration(value, "deadline") };
  else if (f.goal === "dollars") budget = { dollars: Number(value.replace(/[$,]/g, "")) };
  else budget = { [f.goal!]: Number(value) };
  const devices = n("devices");
  const globalBatch = n("batch");
  const seq = n("seq");
  return {
    law,
    ...(target !== undefined ? { target } : {}),
    ...(budget ? { budget } : {}),
    ...(f.template && f.template !== "decoder" ? { template: modelPreset(f.template).spec } : {}),
    accelerator: accelerator(f.hardware!),
    ...(devices !== undefined ? (f.count === "up-to" ? { maxDevices: devices } : { devices }) : {}),
    ...(globalBatch !== undefined ? { globalBatch } : {}),
    ...(seq !== undefined ? { seq } : {}),
    precision: f.precision as Precision,
    region: f.region!,
    ...(f.pue ? { pue: Number(f.pue) } : {}),
    ...(f.draws ? { maxDraws: Number(f.draws) } : {}),
  };
}

function outputs(f: Forecast): HTMLElement {
  const rows: [string, Interval | null, string, string][] = [
    ["loss reached", f.loss, "loss", "loss"],
    ["model", f.model.params, "parameters", "params"],
    ["data", f.data.tokens, "tokens (samples)", "tokens"],
    ["data scale", f.data.dataScale, "x today's data", "data-scale"],
    ["model scale", f.data.modelScale, "x today's model", "model-scale"],
    ["compute", f.compute.flops, "FLOP", "flops"],
    ["steps", f.steps, "optimizer steps", "steps"],
    ["time", f.train.days, "days", "days"],
    ["device-hours", f.train.deviceHours, "device-hours", "device-hours"],
    ["cost", f.cost.dollars, "dollars", "dollars"],
    ["energy", f.energy.kWh, `kWh (PUE ${f.energy.pue})`, "kwh"],
    ["CO2", f.co2.kg, `kg (${f.co2.region}, ${f.co2.kgPerKWh} kg/kWh)`, "co2"],
  ];
  return table(
    ["quantity", "value", "95% interval", "unit"],
    rows
      .filter(([, i]) => i !== null)
      .map(([name, i, unit, key]) => [name, ...intervalCells(i, `forecast-${key}`), unit]),
    `Forecast (${f.draws} bootstrap draws through the chain)`,
  );
}

function mount(root: HTMLElement): void {
  const frame = pageFrame(
    "forecast",
    "Forecast",
    "A target or a budget, a law, an architecture and hardware: what the run costs, with intervals.",
  );
  const job = jobPanel("forecast");
  const fitted = fittedJson();
  const law = select(
    "law",
    [
      ...(fitted ? [["fitted", `fitted: ${fitted.name}`] as [string, string]] : []),
      ...USABLE.map((p): [string, string] => [p.name, `${p.name} (${p.units.y})`]),
    ],
    param("law", "chinchilla-epoch"),
  );
  const lawFile = h("input", { type: "file", id: "in-law-file", accept: ".json" });
  const goal = select("goal", GOALS, param("goal", "target"));
  const value = input("value", param("value", "2.0"));
  frame.form.append(
    h(
      "div",
      { class: "row" },
      field("Law", law),
      field("Law from a fit JSON file (scalecast fit --json)", lawFile),
      field("Goal", goal),
      field("Target or budget", value),
    ),
    h(
      "div",
      { class: "row" },
      field(
        "Architecture",
        select(
          "template",
          [
            ["decoder", "decoder (shaped to N)"],
            ...MODEL_PRESETS.map((p): [string, string] => [p.name, `like ${p.name}`]),
          ],
          param("template", "decoder"),
        ),
      ),
      field(
        "Hardware",
        select(
          "hardware",
          ACCELERATORS.map((a) => a.name),
          param("hardware", "h100-sxm"),
        ),
      ),
      field(
        "Device count",
        select(
          "count",
          [
            ["exactly", "exactly"],
            ["up-to", "up to"],
          ],
          param("count", "exactly"),
        ),
      ),
      field("Devices", input("devices", param("devices", "256"), { inputmode: "numeric" })),
      field("Grid region", select("region", GRID_REGIONS, param("region", "world"))),
    ),
    h(
      "div",
      { class: "row" },
      field("Precision", select("precision", PRECISIONS, param("precision", "bf16"))),
      field(
        "Sequence (tokens)",
        input("seq", param("seq", ""), { inputmode: "numeric", placeholder: "2048" }),
      ),
      field(
        "Global batch (empty: critical batch)",
        input("batch", param("batch", ""), { inputmode: "numeric" }),
      ),
      field("PUE", input("pue", param("pue", ""), { inputmode: "decimal", placeholder: "1.1" })),
      field(
        "Bootstrap draws pushed through",
        input("draws", param("draws", ""), { inputmode: "numeric", placeholder: "400" }),
      ),
    ),
    job.el,
  );
  root.append(frame.section);

  async function update(): Promise<void> {
    frame.begin();
    const f = formValues(frame.form);
    try {
      const fc = await job.run("forecast", forecastInput(f, fittedJson()));
      const plots = forecastPlots(fc, { document });
      const sens = forecastTables(fc).find((t) => /sensitiv/i.test(t.title));
      const results = h(
        "div",
        {},
        outputs(fc),
        facts([
          { label: "hardware", text: `${fc.devices} × ${fc.hardware}`, key: "devices", value: fc.devices },
          { label: "layout", text: formatLayout(fc.layout), key: "layout" },
          { label: "step time (s)", text: num(fc.step.seconds), key: "step-seconds", value: fc.step.seconds },
          { label: "MFU", text: pct(fc.mfu), key: "mfu", value: fc.mfu },
          {
            label: "memory per device",
            text: `${formatBytes(fc.memory.perDeviceBytes)} of ${formatBytes(fc.memory.capacityBytes)}`,
            key: "memory",
            value: fc.memory.perDeviceBytes,
          },
          {
            label: "global batch",
            text: `${fc.batch.global} (critical ${num(fc.batch.critical)})`,
            key: "global-batch",
            value: fc.batch.global,
          },
        ]),
        ...fc.warnings.map((w) => message("warning", `warning: ${w}`)),
        ...plots.map((p) => figure(p.svg, p.title)),
        sens ? table(sens.header, sens.rows, sens.title) : null,
      );
      frame.done(
        results,
        downloadButtons(
          "scalecast-forecast",
          () => fc,
          () => renderReportHtml(fc),
        ),
      );
    } catch (e) {
      if (e instanceof Cancelled && e.superseded) return;
      if (e instanceof Cancelled) return frame.fail("cancelled: change an input to forecast again");
      frame.fail(e);
    }
  }
  lawFile.addEventListener("change", async () => {
    const chosen = lawFile.files?.[0];
    if (!chosen) return;
    try {
      const doc: unknown = JSON.parse(await chosen.text());
      lawFromJson(doc, chosen.name); // validate before keeping it
      sessionStorage.setItem(FITTED_KEY, JSON.stringify({ name: chosen.name, doc }));
      const option =
        law.querySelector<HTMLOptionElement>('option[value="fitted"]') ?? h("option", { value: "fitted" });
      option.textContent = `fitted: ${chosen.name}`;
      law.prepend(option);
      law.value = "fitted";
      void update();
    } catch (e) {
      frame.fail(e);
    }
  });
  law.addEventListener("change", () => {
    if (law.value === "fitted") return;
    const p = lawPreset(law.value);
    if (goal.value === "target")
      value.value = String(p.reference?.target ?? (p.units.y.includes("nats/token") ? 2.0 : value.value));
  });
  frame.form.addEventListener("change", (e) => {
    if (e.target !== lawFile) void update();
  });
  void update();
}

/** The Forecast page. */
export const forecastPage: PageDef = { id: "forecast", title: "Forecast", mount };
