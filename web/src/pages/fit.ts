import exampleRuns from "../../../examples/word-lm-runs.csv?raw";
import ndRuns from "../examples/nd-runs.csv?raw";
import { integerOption, numberOption } from "../../../src/cli/options.js";
import type { RowReport } from "../../../src/ingest/RunTable.js";
import { readTable } from "../../../src/ingest/readTable.js";
import { selectColumns } from "../../../src/ingest/selectColumns.js";
import type { Table } from "../../../src/ingest/Table.js";
import { FAMILIES, FAMILY_NAMES, type FamilyName } from "../../../src/laws/families.js";
import type { RunColumns } from "../../../src/laws/fitRuns.js";
import { projectTarget, type Projection } from "../../../src/project/projectTarget.js";
import { FIT_EXPLANATIONS as WHY } from "../../../src/report/explain.js";
import { InputError } from "../../../src/units/InputError.js";
import { downloadButtons, reportHtml } from "../download.js";
import { num } from "../fmt.js";
import { jobPanel } from "../jobs.js";
import { live, type PageDef, pageFrame } from "../page.js";
import { flushState, formValues, param } from "../state.js";
import { card, facts, field, h, input, message, select } from "../ui.js";
import { columnFields } from "./fitColumns.js";
import { FITTED_KEY } from "./forecast.js";
import {
  curveChart,
  paramsTable,
  planeChart,
  projectionTable,
  rowReport,
  selectionTable,
} from "./fitView.js";

/** Every law `scalecast fit --law` offers: the families of the registry, and `auto` for one or two inputs. */
const LAWS: [string, string][] = [
  ...FAMILY_NAMES.map((f): [string, string] => [f, `${f}: ${FAMILIES[f].formula}`]),
  ["auto", "auto: the best learning curve on held-out points"],
  ["auto-nd", "auto (N, D): the best L(N, D) law on held-out points"],
];
const twoInputs = (law: string) => law === "auto-nd" || FAMILIES[law as FamilyName]?.inputs.length === 2;

function mount(root: HTMLElement): void {
  const frame = pageFrame(
    "fit",
    "Fit",
    "Drop or paste a runs file: the fitted law with intervals, diagnostics and a projection.",
  );
  const runs = h("textarea", { name: "runs", id: "in-runs", rows: 8, spellcheck: "false" });
  runs.value = param("runs", "");
  const file = h("input", { type: "file", id: "in-file", accept: ".csv,.tsv,.jsonl,.json,.txt" });
  const example = h("button", { type: "button" }, "Load the word-LM example");
  const ndExample = h("button", { type: "button" }, "Load an L(N, D) example");
  const law = select("law", LAWS, param("law", "power"));
  const cols = h("div", { class: "row columns" });
  const target = input("target", param("target", ""), { inputmode: "decimal", placeholder: "e.g. 2.48" });
  const job = jobPanel("bootstrap");
  let fileName = param("file", "pasted");
  const fileField = input("file", fileName, { type: "hidden" });
  const text = (name: string, label: string, value: string, attrs: Record<string, string> = {}) =>
    field(label, input(name, param(name, value), { "data-error-field": name, ...attrs }));
  frame.form.append(
    h(
      "fieldset",
      {},
      h("legend", {}, "Runs"),
      field("Runs (CSV, TSV or JSONL; drop a file here)", runs),
      h("div", { class: "row" }, field("Runs file", file), example, ndExample),
    ),
    h("fieldset", {}, h("legend", {}, "Law"), field("Law", law), cols),
    h(
      "fieldset",
      {},
      h("legend", {}, "Fit"),
      h(
        "div",
        { class: "row" },
        text("drop", "Drop the K highest-loss rows", "", {
          inputmode: "numeric",
          placeholder: "0",
          "data-error-field": "drop-highest",
        }),
        field(
          "Objective",
          select(
            "objective",
            [
              ["huber", "Huber on log residuals"],
              ["squared", "squared log residuals"],
            ],
            param("objective", "huber"),
          ),
        ),
        text("delta", "Huber delta", "", {
          inputmode: "decimal",
          placeholder: "1e-3",
          "data-error-field": "huber-delta",
        }),
        text("bootstrap", "Bootstrap resamples", "1000", { inputmode: "numeric" }),
        text("seed", "Seed", "0", { inputmode: "numeric" }),
        field("Target loss or error", target),
      ),
    ),
    fileField,
    job.el,
  );
  root.append(frame.section);

  let header = "";
  function columns(table: Table, lawName: string): void {
    const key = `${table.columns.join("\u0000")}|${lawName}`;
    if (key === header) return;
    header = key;
    cols.replaceChildren(...columnFields(table.columns, lawName, twoInputs(lawName)));
  }

  async function update(): Promise<void> {
    frame.begin();
    let report: RowReport | undefined;
    try {
      const tbl = readTable(runs.value, { fileName });
      columns(tbl, law.value);
      frame.begin();
      const f = formValues(frame.form);
      const nd = twoInputs(f.law!);
      const ns = f.law === "kaplan-ns";
      const fromCompute = nd && !ns && !!f.compute && !f.d;
      const spec: Record<string, string> = !nd
        ? { x: f.x!, y: f.y!, ...(f.params ? { p: f.params } : {}) }
        : ns
          ? { n: f.n!, s: f.s!, loss: f.loss! }
          : fromCompute
            ? { n: f.n!, compute: f.compute!, loss: f.loss! }
            : { n: f.n!, d: f.d || "", loss: f.loss! };
      if (nd && !ns && !f.d && !f.compute)
        throw new InputError("d", "", "a D column, or a C column to derive D = C / (6N)");
      const drop = integerOption(f.drop || undefined, "drop-highest");
      const run = selectColumns(tbl, spec, {
        positive: Object.keys(spec),
        tokensFromCompute: fromCompute,
        ...(drop ? { dropHighest: { role: nd ? "loss" : "y", count: drop } } : {}),
      });
      report = run.report;
      if (run.length === 0)
        throw new Error(`0 of ${report.read} rows usable: every selected column needs a positive number`);
      const c = run.columns as Record<string, Float64Array>;
      const second = ns ? c.s! : c.d!;
      const huberDelta =
        numberOption(f.delta || undefined, "huber-delta", "a positive number such as 1e-3") ?? 1e-3;
      if (!(huberDelta > 0)) throw new InputError("huber-delta", f.delta, "a positive number such as 1e-3");
      // the core's fitRuns (in the worker) reads the same columns again and fits them as the CLI does
      const runColumns: RunColumns = !nd
        ? { x: f.x!, y: f.y!, ...(f.params ? { params: f.params } : {}) }
        : ns
          ? { n: f.n!, steps: f.s!, loss: f.loss! }
          : fromCompute
            ? { n: f.n!, compute: f.compute!, loss: f.loss! }
            : { n: f.n!, d: f.d!, loss: f.loss! };
      const r = await job.run("fit", {
        text: runs.value,
        fileName,
        columns: runColumns,
        law: f.law === "auto-nd" ? "auto" : (f.law as FamilyName | "auto"),
        bootstrap: integerOption(f.bootstrap || undefined, "bootstrap") ?? 1000,
        seed: integerOption(f.seed || undefined, "seed") ?? 0,
        objective: { loss: f.objective === "squared" ? "squared" : "huber", huberDelta },
        tokensFromCompute: fromCompute,
        ...(drop ? { dropHighest: drop } : {}),
      });
      if (r.status !== "converged") {
        return frame.fail(
          `fit did not converge: ${r.failed.family} law, ${r.failed.reason}; no parameters are reported`,
          rowReport(report),
        );
      }
      const { fit, json } = r;
      const sizeFit = r.sizeFit ?? undefined;
      const t = numberOption(f.target || undefined, "target", "a loss or error value");
      let projection: Projection | undefined;
      let projectionError: unknown;
      const lawObj = r.law;
      try {
        if (t !== undefined) projection = projectTarget(lawObj, { target: t });
      } catch (e) {
        projectionError = e;
      }
      const fam = FAMILIES[fit.family];
      const d = fit.diagnostics;
      const out = {
        ...json,
        rows: report,
        columns: spec,
        ...(r.selection ? { selection: r.selection } : {}),
        ...(projection ? { projection } : {}),
      };
      const chart = nd
        ? planeChart(
            lawObj,
            c.n!,
            second,
            c.loss!,
            {
              x: `parameters N (${spec.n})`,
              y: ns ? `steps S (${spec.s})` : `tokens D (${spec.d ?? "C / 6N"})`,
            },
            projection?.model ? { params: projection.model.value, tokens: projection.data.value } : undefined,
          )
        : curveChart(lawObj, c.x!, c.y!, t, projection?.data.value, {
            x: `data (${spec.x})`,
            y: `loss or error (${spec.y})`,
          });
      const toForecast = h("button", { type: "button" }, "Forecast with this law");
      toForecast.addEventListener("click", () => {
        sessionStorage.setItem(FITTED_KEY, JSON.stringify({ name: fileName, doc: json }));
        const q = new URLSearchParams({
          page: "forecast",
          law: "fitted",
          goal: "target",
          value: f.target || "",
        });
        flushState(false); // nothing queued may replace the URL while the browser leaves
        location.assign(`${location.pathname}?${q.toString()}`);
      });
      frame.done(
        card(
          "Law",
          facts([
            {
              label: "law",
              text: `${fit.family}: ${fam.formula}`,
              key: "law",
              why: { formula: fam.formula, source: fam.source },
            },
            { label: "source", text: fam.source, key: "source" },
            {
              label: "starts",
              text: `${fit.starts.tried} tried, ${fit.starts.converged} converged`,
              key: "starts",
            },
            {
              label: "RMSE(log)",
              text: num(d.rmseLog, 3),
              key: "rmse-log",
              value: d.rmseLog,
              why: WHY["rmse-log"],
            },
            { label: "R²(log)", text: num(d.r2Log, 4), key: "r2-log", value: d.r2Log, why: WHY["r2-log"] },
            {
              label: "objective",
              text: num(fit.objective, 3),
              key: "objective",
              value: fit.objective,
              why: WHY.objective,
            },
            {
              label: "bootstrap",
              text: fit.bootstrap
                ? `${fit.bootstrap.resamples} resamples, ${fit.bootstrap.used} converged, seed ${fit.bootstrap.seed}`
                : "none: no standard errors",
              key: "bootstrap",
              why: WHY.bootstrap,
            },
          ]),
        ),
        h("div", { class: "two" }, paramsTable(fit, sizeFit), rowReport(report)),
        r.selection ? selectionTable(r.selection) : null,
        h("div", { class: "charts wide" }, frame.charts.figure(chart)),
        projection ? projectionTable(projection, nd ? "tokens" : `data (${spec.x})`) : null,
        projectionError ? message("error", (projectionError as Error).message) : null,
        toForecast,
        downloadButtons(
          "scalecast-fit",
          () => out,
          () => (frame.charts.flush(), reportHtml("scalecast fit", frame.results, formValues(frame.form))),
        ),
      );
    } catch (e) {
      frame.failJob(e, "change an input to fit again", report ? rowReport(report) : null);
    }
  }

  live(
    frame,
    () => void update(),
    (t) => t === file,
  );
  law.addEventListener("input", () => (header = ""));
  const load = (text: string, name: string) => {
    runs.value = text;
    fileName = name;
    fileField.value = name;
    header = "";
    void update();
  };
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    frame.pending();
    load(await chosen.text(), chosen.name);
  });
  runs.addEventListener("dragover", (e) => e.preventDefault());
  runs.addEventListener("drop", async (e) => {
    const dropped = e.dataTransfer?.files[0];
    if (!dropped) return;
    e.preventDefault();
    load(await dropped.text(), dropped.name);
  });
  example.addEventListener("click", () => {
    law.value = "power-no-floor";
    target.value ||= "2.48";
    load(exampleRuns, "word-lm-runs.csv");
  });
  ndExample.addEventListener("click", () => {
    law.value = "chinchilla";
    const boot = frame.form.querySelector<HTMLInputElement>('[name="bootstrap"]')!;
    boot.value = "100";
    target.value = "";
    load(ndRuns, "nd-runs.csv");
  });
  if (runs.value) void update();
  else frame.done(h("p", {}, "Paste runs above, choose a file, or load the example."));
}

/** The Fit page. */
export const fitPage: PageDef = { id: "fit", title: "Fit", mount };
