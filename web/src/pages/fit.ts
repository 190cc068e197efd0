import exampleRuns from "../../../examples/word-lm-runs.csv?raw";
import type { RowReport } from "../../../src/ingest/RunTable.js";
import { readTable } from "../../../src/ingest/readTable.js";
import { selectColumns } from "../../../src/ingest/selectColumns.js";
import type { Table } from "../../../src/ingest/Table.js";
import { evaluateLaw } from "../../../src/laws/evaluateLaw.js";
import { FAMILIES, FAMILY_NAMES, isFamilyName } from "../../../src/laws/families.js";
import type { LawFit } from "../../../src/laws/fitLaw.js";
import { type Law } from "../../../src/laws/law.js";
import type { LawSelection } from "../../../src/laws/selectLaw.js";
import { projectTarget, type Projection } from "../../../src/project/projectTarget.js";
import { intervalOf } from "../../../src/project/interval.js";
import { learningCurvePlot } from "../../../src/report/plots.js";
import { downloadButtons, reportHtml } from "../download.js";
import { ci, intervalCells, num, numCell } from "../fmt.js";
import { Cancelled, jobPanel } from "../jobs.js";
import { FITTED_KEY } from "./forecast.js";
import { type PageDef, pageFrame } from "../page.js";
import { formValues, param } from "../state.js";
import { facts, field, figure, h, input, message, select, table } from "../ui.js";

// every curve and L(N, D) family of the core's registry, each kind followed by its `auto`
const ofKind = (kind: string) => FAMILY_NAMES.filter((n) => FAMILIES[n].kind === kind);
const LAWS = [...ofKind("curve"), "auto", ...ofKind("nd"), "auto-nd"];
const ND = (law: string) => law === "auto-nd" || (isFamilyName(law) && FAMILIES[law].kind === "nd");

/** The row report of the ingest layer: counts and every rejected row with its reason. */
export function rowReport(r: RowReport): HTMLElement {
  const rejected = r.rejected.map((x) => [
    String(x.row),
    x.reason,
    x.column ?? "",
    x.value === undefined ? "" : String(x.value),
  ]);
  return h(
    "div",
    { class: "row-report" },
    facts([
      { label: "rows read", text: String(r.read), key: "rows-read", value: r.read },
      { label: "kept", text: String(r.kept), key: "rows-kept", value: r.kept },
      { label: "rejected", text: String(r.rejected.length), key: "rows-rejected", value: r.rejected.length },
    ]),
    rejected.length ? table(["row", "reason", "column", "value"], rejected, "Rejected rows") : null,
  );
}

function projectionTable(p: Projection, units: string): HTMLElement {
  const rows = [
    ["target", p.target !== null ? { value: p.target, ci95: null } : null, ""],
    ["data", p.data, units],
    ["model", p.model, "parameters"],
    ["compute", p.compute, "FLOP (6ND)"],
    ["data scale", p.dataScale, "x today's data"],
    ["model scale", p.modelScale, "x today's model"],
  ] as const;
  return h(
    "div",
    {},
    table(
      ["quantity", "value", "95% interval", "unit"],
      rows
        .filter(([, i]) => i !== null)
        .map(([name, i, unit]) => [name, ...intervalCells(i, `projection-${name.replace(" ", "-")}`), unit]),
      `Projection (${p.law})`,
    ),
    ...p.warnings.map((w) => message("warning", `warning: ${w}`)),
  );
}

function curvePlot(
  law: Law,
  xs: Float64Array,
  ys: Float64Array,
  target: number | undefined,
  projectedX?: number,
) {
  const fam = FAMILIES[law.family];
  const lo = Math.min(...xs) / 2;
  const hi = Math.max(Math.max(...xs) * 2, (projectedX ?? 0) * 1.5);
  const grid = Array.from({ length: 60 }, (_, i) => lo * (hi / lo) ** (i / 59));
  const band = law.draws
    ? grid.map((x) => {
        const c = intervalOf(
          0,
          law.draws!.map((d) => evaluateLaw(fam, d, x)),
        ).ci95;
        return { x, lo: c?.[0] ?? NaN, hi: c?.[1] ?? NaN };
      })
    : [];
  return learningCurvePlot({
    points: Array.from(xs, (x, i) => ({ x, y: ys[i]! })),
    fit: grid.map((x) => ({ x, y: evaluateLaw(fam, law.params, x) })),
    band: band.filter((b) => Number.isFinite(b.lo) && b.lo > 0),
    ...(target !== undefined ? { target } : {}),
    ...(projectedX !== undefined && Number.isFinite(projectedX) ? { projectedX } : {}),
    xLabel: "data size",
    yLabel: "loss / error",
    document,
  });
}

function paramsTable(fit: LawFit, sizeFit: LawFit | undefined): HTMLElement {
  const rows = Object.entries({ ...fit.params, ...fit.derived }).map(([k, e]) => [
    k,
    numCell(e.value, `param-${k}`),
    numCell(e.se, `se-${k}`, num(e.se, 3)),
    ci(e.ci95),
  ]);
  if (sizeFit)
    for (const [k, name] of [
      ["alpha", "sigma (p(m))"],
      ["beta", "betaP (p(m))"],
    ] as const) {
      const e = sizeFit.params[k]!;
      rows.push([name, numCell(e.value, `param-${name.split(" ")[0]}`), num(e.se, 3), ci(e.ci95)]);
    }
  return table(["param", "value", "se", "95% interval"], rows, "Fitted parameters");
}

function selectionTable(s: LawSelection): HTMLElement {
  return table(
    ["family", "held-out RMSE(log)", "in-sample RMSE(log)", "note"],
    s.candidates.map((c) => [
      c.family,
      num(c.heldOutRmseLog, 3),
      num(c.inSampleRmseLog, 3),
      c.note ?? (c.family === s.chosen ? "chosen" : ""),
    ]),
    `auto: held out the ${s.heldOut} largest point(s)`,
  );
}

function columnSelect(name: string, columns: string[], value: string, optional: boolean) {
  return select(
    name,
    optional ? [["", "(none)"], ...columns.map((c): [string, string] => [c, c])] : columns,
    value,
  );
}

function guess(columns: string[], wanted: string, names: RegExp, index: number): string {
  return columns.includes(wanted) ? wanted : (columns.find((c) => names.test(c)) ?? columns[index] ?? "");
}

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
  const law = select(
    "law",
    LAWS.map((l): [string, string] => [l, l === "auto-nd" ? "auto (N, D)" : l]),
    param("law", "power"),
  );
  const cols = h("div", { class: "columns" });
  const bootstrap = input("bootstrap", param("bootstrap", "1000"), { inputmode: "numeric" });
  const seed = input("seed", param("seed", "0"), { inputmode: "numeric" });
  const target = input("target", param("target", ""), { inputmode: "decimal", placeholder: "e.g. 2.48" });
  const job = jobPanel("bootstrap");
  let fileName = param("file", "pasted");
  const fileField = input("file", fileName, { type: "hidden" });
  frame.form.append(
    field("Runs (CSV, TSV or JSONL; drop a file here)", runs),
    h("div", { class: "row" }, field("Runs file", file), example),
    field("Law", law),
    cols,
    h(
      "div",
      { class: "row" },
      field("Bootstrap resamples", bootstrap),
      field("Seed", seed),
      field("Target loss or error", target),
    ),
    fileField,
    job.el,
  );
  root.append(frame.section);

  let header = "";
  function columns(table: Table): void {
    const key = `${table.columns.join("\u0000")}|${ND(law.value)}`;
    if (key === header) return;
    header = key;
    const c = table.columns;
    const v = (name: string, fallback: string) => param(name, "") || fallback;
    const nd = ND(law.value);
    const parts = nd
      ? [
          ["n", "N column (parameters)", guess(c, v("n", "n"), /param|size|^n$/i, 0), false],
          ["d", "D column (tokens)", guess(c, v("d", "d"), /token|^d$/i, 1), false],
          ["loss", "Loss column", guess(c, v("loss", "loss"), /loss/i, 2), false],
        ]
      : [
          ["x", "x column (data size)", guess(c, v("x", "x"), /^x$|words|tokens|samples|data/i, 0), false],
          ["y", "y column (loss or error)", guess(c, v("y", "y"), /^y$|loss|error/i, 1), false],
          [
            "params",
            "Model-size column (optional, HAD19 p(m))",
            v("params", c.includes("params") ? "params" : ""),
            true,
          ],
        ];
    cols.replaceChildren(
      ...parts.map(([name, label, value, opt]) =>
        field(label as string, columnSelect(name as string, c, value as string, opt as boolean)),
      ),
    );
  }

  async function update(): Promise<void> {
    frame.begin();
    let report: RowReport | undefined;
    try {
      const tbl = readTable(runs.value, { fileName });
      columns(tbl);
      frame.begin();
      const f = formValues(frame.form);
      const nd = ND(f.law!);
      const spec: Record<string, string> = nd
        ? { n: f.n!, d: f.d!, loss: f.loss! }
        : { x: f.x!, y: f.y!, ...(f.params ? { p: f.params } : {}) };
      const run = selectColumns(tbl, spec, { positive: Object.keys(spec) });
      report = run.report;
      if (run.length === 0)
        throw new Error(`0 of ${report.read} rows usable: every selected column needs a positive number`);
      const c = run.columns;
      const boot = Number(f.bootstrap);
      const r = await job.run("fit", {
        text: runs.value,
        fileName,
        columns: nd
          ? { n: f.n!, d: f.d!, loss: f.loss! }
          : { x: f.x!, y: f.y!, ...(f.params ? { params: f.params } : {}) },
        law: f.law === "auto-nd" ? "auto" : (f.law as "power"),
        bootstrap: Number.isInteger(boot) && boot >= 0 ? boot : 1000,
        seed: Number(f.seed) || 0,
      });
      if (r.status !== "converged") {
        frame.fail(
          `fit did not converge: ${r.failed.family} law, ${r.failed.reason}; no parameters are reported`,
          rowReport(report),
        );
        return;
      }
      const { fit, json } = r;
      const sizeFit = r.sizeFit ?? undefined;
      const t = f.target ? Number(f.target) : undefined;
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
      const results = h("div", {});
      results.append(
        rowReport(report),
        r.selection ? selectionTable(r.selection) : "",
        facts([
          { label: "law", text: `${fit.family}: ${fam.formula}`, key: "law" },
          { label: "source", text: fam.source, key: "source" },
          {
            label: "starts",
            text: `${fit.starts.tried} tried, ${fit.starts.converged} converged`,
            key: "starts",
          },
        ]),
        paramsTable(fit, sizeFit),
        facts([
          { label: "RMSE(log)", text: num(d.rmseLog, 3), key: "rmse-log", value: d.rmseLog },
          { label: "R²(log)", text: num(d.r2Log, 4), key: "r2-log", value: d.r2Log },
          { label: "objective", text: num(fit.objective, 3), key: "objective", value: fit.objective },
          {
            label: "bootstrap",
            text: fit.bootstrap
              ? `${fit.bootstrap.resamples} resamples, ${fit.bootstrap.used} converged, seed ${fit.bootstrap.seed}`
              : "none: no standard errors",
            key: "bootstrap",
          },
        ]),
        nd
          ? ""
          : figure(
              curvePlot(lawObj, c.x!, c.y!, t, projection?.data.value),
              "Measured runs (dots), the fitted law (line) with its 95% bootstrap band, the target and the projected data size (dashed).",
            ),
        projection ? projectionTable(projection, nd ? "tokens" : "data units") : "",
        projectionError ? message("error", (projectionError as Error).message) : "",
      );
      const toForecast = h("button", { type: "button" }, "Forecast with this law");
      toForecast.addEventListener("click", () => {
        sessionStorage.setItem(FITTED_KEY, JSON.stringify({ name: fileName, doc: json }));
        const q = new URLSearchParams({
          page: "forecast",
          law: "fitted",
          goal: "target",
          value: f.target || "",
        });
        location.assign(`${location.pathname}?${q.toString()}`);
      });
      frame.done(
        results,
        toForecast,
        downloadButtons(
          "scalecast-fit",
          () => out,
          () => reportHtml("scalecast fit", results, formValues(frame.form)),
        ),
      );
    } catch (e) {
      if (e instanceof Cancelled && e.superseded) return;
      if (e instanceof Cancelled) return frame.fail("cancelled: change an input to fit again");
      frame.fail(e, report ? rowReport(report) : null);
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), 250);
  };
  runs.addEventListener("input", soon);
  frame.form.addEventListener("change", (e) => {
    if (e.target === file || e.target === runs) return;
    if (e.target === law) header = "";
    void update();
  });
  const load = (text: string, name: string) => {
    runs.value = text;
    fileName = name;
    fileField.value = name;
    header = "";
    void update();
  };
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (chosen) load(await chosen.text(), chosen.name);
  });
  runs.addEventListener("dragover", (e) => e.preventDefault());
  runs.addEventListener("drop", async (e) => {
    const dropped = e.dataTransfer?.files[0];
    if (!dropped) return;
    e.preventDefault();
    load(await dropped.text(), dropped.name);
  });
  example.addEventListener("click", () => {
    const l = law;
    l.value = "power-no-floor";
    target.value ||= "2.48";
    load(exampleRuns, "word-lm-runs.csv");
  });
  if (runs.value) void update();
  else frame.done(h("p", {}, "Paste runs above, choose a file, or load the example."));
}

/** The Fit page. */
export const fitPage: PageDef = { id: "fit", title: "Fit", mount };
