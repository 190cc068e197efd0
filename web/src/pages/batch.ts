import exampleSteps from "../examples/batch-steps.csv?raw";
import { kaplanCriticalBatch } from "../../../src/batch/kaplanCriticalBatch.js";
import type { OptimizerFamily } from "../../../src/batch/recommendOptimizer.js";
import type { RowReport } from "../../../src/ingest/RunTable.js";
import { readTable } from "../../../src/ingest/readTable.js";
import { downloadButtons, reportHtml } from "../download.js";
import { num } from "../fmt.js";
import { jobPanel } from "../jobs.js";
import { live, type PageDef, pageFrame } from "../page.js";
import { formValues, param } from "../state.js";
import { checkbox, facts, field, h, input, select } from "../ui.js";
import { analysisView, batchInput, gnsSamples, gnsView } from "./batchView.js";
import { rowReport } from "./fitView.js";
import { BATCH_EXPLANATIONS as WHY } from "../../../src/report/explain.js";

const MODES: [string, string][] = [
  ["sweep", "a sweep (batch, step, metric) or steps table (batch, steps)"],
  ["gns", "a gradient-norm log (b_small, b_big, g_small_sq, g_big_sq)"],
  ["kaplan", "Kaplan's critical batch at a loss"],
];
const OPTIMIZERS = ["sgd", "momentum", "adam", "adamw", "lars", "lamb"];

function mount(root: HTMLElement): void {
  const frame = pageFrame(
    "batch",
    "Batch",
    "Steps against batch size with the fitted curve, the regimes and the critical batch.",
  );
  const mode = select("mode", MODES, param("mode", "sweep"));
  const text = h("textarea", { name: "text", id: "in-text", rows: 8, spellcheck: "false" });
  text.value = param("text", "");
  const file = h("input", { type: "file", id: "in-batch-file", accept: ".csv,.tsv,.jsonl,.txt" });
  const example = h("button", { type: "button" }, "Load an example steps table");
  const job = jobPanel("bootstrap");
  const fileBox = h(
    "div",
    {},
    field("Sweep, steps table or gradient-norm log (CSV, TSV, JSONL)", text),
    h("div", { class: "row" }, field("File", file), example),
  );
  const sweepBox = h(
    "div",
    { class: "row" },
    field("Target metric (sweeps)", input("target", param("target", ""), { inputmode: "decimal" })),
    field("Target met above it (maximize)", checkbox("maximize", param("maximize", "") === "1")),
    field("Optimizer in use", select("optimizer", OPTIMIZERS, param("optimizer", "momentum"))),
  );
  const kaplanBox = h(
    "div",
    { class: "row" },
    field("Loss (nats per token)", input("loss", param("loss", "2.5"), { inputmode: "decimal" })),
    field("Sequence length (tokens)", input("seqlen", param("seqlen", "2048"), { inputmode: "numeric" })),
  );
  const bootBox = h(
    "div",
    { class: "row" },
    field("Bootstrap resamples", input("bootstrap", param("bootstrap", "1000"), { inputmode: "numeric" })),
    field("Seed", input("seed", param("seed", "0"), { inputmode: "numeric" })),
  );
  frame.form.append(field("Input", mode), fileBox, sweepBox, kaplanBox, bootBox, job.el);
  root.append(frame.section);

  async function update(): Promise<void> {
    const f = formValues(frame.form);
    fileBox.hidden = f.mode === "kaplan";
    bootBox.hidden = f.mode === "kaplan";
    sweepBox.hidden = f.mode !== "sweep";
    kaplanBox.hidden = f.mode !== "kaplan";
    frame.begin();
    let report: RowReport | undefined;
    try {
      const seed = Number(f.seed) || 0;
      const bootstrap = f.bootstrap ? Number(f.bootstrap) : 1000;
      let views: HTMLElement[];
      let out: unknown;
      if (f.mode === "kaplan") {
        const k = kaplanCriticalBatch(Number(f.loss), f.seqlen ? { sequenceLength: Number(f.seqlen) } : {});
        out = k;
        views = [
          facts([
            {
              label: "critical batch (tokens)",
              text: num(k.tokens),
              key: "kaplan-tokens",
              value: k.tokens,
              why: WHY["kaplan-tokens"],
            },
            { label: "sequences", text: num(k.sequences), key: "kaplan-sequences", value: k.sequences },
            { label: "source", text: k.source, key: "kaplan-source" },
          ]),
        ];
      } else {
        if (!text.value.trim()) return frame.done(h("p", {}, "Paste or choose a file, or load the example."));
        const tbl = readTable(text.value);
        if (f.mode === "gns") {
          const r = await job.run("gns", { samples: gnsSamples(tbl), options: { bootstrap, seed } });
          out = r;
          views = gnsView(r, frame.charts);
        } else {
          const bi = batchInput(tbl, f.target ? Number(f.target) : undefined, f.maximize === "1");
          report = bi.report;
          const a = await job.run("batch", {
            input: bi.input,
            options: { bootstrap, seed, optimizer: f.optimizer as OptimizerFamily },
          });
          if (a.status !== "converged")
            return frame.fail(
              `fit of S(B) did not converge: ${a.reason}; no parameters are reported`,
              rowReport(report),
            );
          out = { ...a, rows: report };
          views = [rowReport(report), ...analysisView(a, frame.charts)];
        }
      }
      frame.done(
        ...views,
        downloadButtons(
          "scalecast-batch",
          () => out,
          () => (frame.charts.flush(), reportHtml("scalecast batch", frame.results, f)),
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
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    frame.pending();
    text.value = await chosen.text();
    void update();
  });
  example.addEventListener("click", () => {
    mode.value = "sweep";
    text.value = exampleSteps;
    void update();
  });
  void update();
}

/** The Batch page. */
export const batchPage: PageDef = { id: "batch", title: "Batch", mount };
