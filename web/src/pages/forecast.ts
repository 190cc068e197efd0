import { ACCELERATORS } from "../../../src/hardware/catalog.js";
import { GRID_REGIONS } from "../../../src/hardware/grid.js";
import { lawFromJson } from "../../../src/laws/lawJson.js";
import { LAW_PRESETS, lawPreset } from "../../../src/laws/presets/index.js";
import type { Forecast } from "../../../src/plan/forecastTypes.js";
import { forecastCharts } from "../../../src/report/forecastPlots.js";
import { renderReportHtml } from "../../../src/report/html.js";
import { VERSION } from "../../../src/version.js";
import { PRECISIONS } from "../../../src/workload/precision.js";
import { MODEL_PRESETS } from "../../../src/workload/presets/index.js";
import { downloadButtons } from "../download.js";
import { jobPanel } from "../jobs.js";
import { live, type PageDef, pageFrame } from "../page.js";
import { formValues, param } from "../state.js";
import { FAMILIES } from "../../../src/laws/families.js";
import { field, group, h, input, message, select } from "../ui.js";
import {
  acceleratorOf,
  type FittedDoc,
  forecastInput,
  GOAL_HINTS,
  GOALS,
  lawOf,
  VALUE_FIELD,
} from "./forecastInput.js";
import { lifetimeSection } from "./forecastLifetime.js";
import {
  comparisonTable,
  explanations,
  headline,
  inputDiff,
  intervalSourcesTable,
  outputsTable,
  sensitivityTable,
  systemFacts,
} from "./forecastView.js";
import { goodputSection } from "./forecastGoodput.js";

const USABLE = LAW_PRESETS.filter((p) => FAMILIES[p.family].kind !== "ns"); // L(N, S) laws size no data

/** Where the Fit page leaves its fitted law (the `fit --json` document) for this page. */
export const FITTED_KEY = "scalecast.fittedLaw";

/** The fitted law kept in this tab's session storage, if any. */
function fittedJson(): FittedDoc | null {
  const raw = sessionStorage.getItem(FITTED_KEY);
  return raw ? (JSON.parse(raw) as FittedDoc) : null;
}

function mount(root: HTMLElement): void {
  const frame = pageFrame(
    "forecast",
    "Forecast",
    "A target or a budget, a law, an architecture and hardware: what the run needs and costs, with 95% intervals.",
  );
  const job = jobPanel("forecast");
  const lifetime = lifetimeSection();
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
  const value = input("value", param("value", "2.0"), { "data-error-field": VALUE_FIELD });
  const hint = h("small", { id: "value-hint" }, GOAL_HINTS[goal.value] ?? "");
  value.setAttribute("aria-describedby", hint.id);
  const valueField = field("Target or budget", value);
  valueField.append(hint);
  const opt = (name: string, label: string, placeholder: string, hintText?: string, errorField = name) =>
    field(label, input(name, param(name, ""), { placeholder, "data-error-field": errorField }), hintText);
  frame.form.append(
    group(
      "Goal",
      field("Law", law),
      field("Law from a fit JSON file (scalecast fit --json)", lawFile),
      field("Goal", goal),
      valueField,
    ),
    group(
      "Model",
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
      opt("params", "Fix the model size (params)", "optimal", "e.g. 7B", "model size"),
      opt("tokens", "Fix the data (tokens)", "optimal", "e.g. 2T", "data"),
      opt("seq", "Sequence (tokens)", "2048", undefined, "sequence"),
      opt("batch", "Global batch (samples)", "critical batch", undefined, "global batch"),
    ),
    group(
      "System",
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
      field(
        "Devices",
        input("devices", param("devices", "256"), { inputmode: "numeric", "data-error-field": "devices" }),
      ),
      opt("price", "Price per device-hour", "catalog", "e.g. $2.49", "price per device-hour"),
      field("Precision", select("precision", PRECISIONS, param("precision", "bf16"))),
      field("Grid region", select("region", GRID_REGIONS, param("region", "world"))),
      opt("pue", "PUE", "1.1", undefined, "PUE"),
    ),
    group(
      "Uncertainty",
      opt("draws", "Bootstrap draws pushed through", "400", undefined, "bootstrap draws"),
      field(
        "Step-time model's error",
        select(
          "modelError",
          [
            ["on", "in the intervals"],
            ["off", "left out"],
          ],
          param("modelError", "on"),
        ),
        "the corpus's out-of-sample error on this hardware",
      ),
    ),
    goodputSection(),
    lifetime.inputs,
    job.el,
  );
  root.append(frame.section);

  let pinned: { forecast: Forecast; values: Record<string, string> } | null = null;
  let shown: { forecast: Forecast; values: Record<string, string> } | null = null;
  let redraw = () => {};

  async function update(): Promise<void> {
    frame.begin();
    const f = formValues(frame.form);
    hint.textContent = GOAL_HINTS[f.goal!] ?? "";
    try {
      const fc0 = fittedJson();
      const inp = forecastInput(f, fc0);
      const fc = await job.run("forecast", inp);
      const lawObj = lawOf(f.law!, fc0);
      const acc = acceleratorOf(f.hardware!, f.price);
      const why = explanations(fc, lawObj, acc);
      const sens = h("div", { class: "sensitivity" }, sensitivityTable(null));
      const render = () => {
        const p = pinned?.forecast;
        const names = { current: "current", pinned: "pinned" };
        const charts = forecastCharts(fc, { ...(p ? { pinned: p, names } : {}) });
        const pinBar = h("div", { class: "pin-bar" });
        if (pinned) {
          const unpin = h("button", { type: "button", class: "unpin" }, "Unpin");
          unpin.addEventListener("click", () => {
            pinned = null;
            redraw();
          });
          pinBar.append(
            h(
              "span",
              {},
              h("strong", {}, "Comparing with the pinned scenario: "),
              inputDiff(pinned.values, f),
            ),
            unpin,
          );
        } else {
          const pin = h("button", { type: "button", class: "pin" }, "Pin this scenario");
          pin.addEventListener("click", () => {
            pinned = { forecast: fc, values: f };
            redraw();
          });
          pinBar.append(
            pin,
            h("span", { class: "note" }, "then change an input to compare the two side by side"),
          );
        }
        frame.done(
          headline(fc, lawObj),
          pinBar,
          p ? comparisonTable(fc, p, lawObj) : null,
          h("div", { class: "two" }, outputsTable(fc, lawObj, why), systemFacts(fc, why)),
          intervalSourcesTable(fc),
          ...fc.warnings.map((w) => message("warning", `warning: ${w}`)),
          h("div", { class: "charts" }, ...charts.map((c) => frame.charts.figure(c))),
          lifetime.el,
          sens,
          downloadButtons(
            "scalecast-forecast",
            () => fc,
            () =>
              renderReportHtml(fc, {
                law: lawObj,
                accelerator: acc,
                version: VERSION,
                date: new Date().toISOString().slice(0, 10),
              }),
          ),
        );
      };
      shown = { forecast: fc, values: f };
      redraw = render;
      render();
      await lifetime.run(inp, f, job, frame.charts, frame.form);
      // the sensitivity table re-runs the chain several times: it follows the results
      const rows = await job.run("sensitivity", inp);
      if (shown?.forecast !== fc) return;
      fc.sensitivity = rows;
      sens.replaceChildren(sensitivityTable(rows));
    } catch (e) {
      frame.failJob(e, "change an input to forecast again");
    }
  }
  lawFile.addEventListener("change", async () => {
    const chosen = lawFile.files?.[0];
    if (!chosen) return;
    frame.pending();
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
  // before the form sees the change, so that one recompute has the new law and its target
  law.addEventListener("input", () => {
    if (law.value === "fitted" || goal.value !== "target") return;
    const p = lawPreset(law.value);
    value.value = String(p.reference?.target ?? (p.units.y.includes("nats/token") ? 2.0 : value.value));
  });
  goal.addEventListener("change", () => {
    hint.textContent = GOAL_HINTS[goal.value] ?? "";
  });
  live(
    frame,
    () => void update(),
    (t) => t === lawFile,
  );
  void update();
}

/** The Forecast page. */
export const forecastPage: PageDef = { id: "forecast", title: "Forecast", mount };
