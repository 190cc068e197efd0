/** The Batch page's inputs read from a table, and its results: the S(B) fit, regimes, B_simple. */
import type { BatchAnalysis, BatchInput } from "../../../src/batch/analyzeBatchSweep.js";
import type { GradientNormSample, NoiseScaleResult } from "../../../src/batch/gradientNoiseScale.js";
import { stepsAt } from "../../../src/batch/stepsModel.js";
import type { Measurement } from "../../../src/batch/stepsToResult.js";
import type { RowReport } from "../../../src/ingest/RunTable.js";
import { selectColumns } from "../../../src/ingest/selectColumns.js";
import type { Table } from "../../../src/ingest/Table.js";
import { BATCH_EXPLANATIONS as WHY } from "../../../src/report/explain.js";
import { lineChart, sweepChart } from "../../../src/report/plots.js";
import type { ChartSet } from "../charts.js";
import { ci, num, numCell } from "../fmt.js";
import { facts, h, message, table } from "../ui.js";

function usable<R extends string>(table: Table, spec: Record<R, string>, positive: string[]) {
  const run = selectColumns(table, spec, { positive });
  if (run.length === 0)
    throw new Error(
      `0 of ${run.report.read} rows usable: rows need a number in every column (${Object.values(spec).join(", ")})`,
    );
  return run;
}

/** The analysis input from a table, as `scalecast batch FILE` reads it (default column names). */
export function batchInput(
  table: Table,
  target: number | undefined,
  maximize: boolean,
): { input: BatchInput; report: RowReport } {
  if (table.columns.includes("steps") && !table.columns.includes("step")) {
    const run = usable(table, { batch: "batch", steps: "steps" }, ["batch", "steps"]);
    return {
      input: {
        kind: "steps",
        rows: Array.from(run.columns.batch, (b, i) => ({ batch: b, steps: run.columns.steps[i]! })),
      },
      report: run.report,
    };
  }
  if (target === undefined)
    throw new Error("target: a sweep (batch, step, metric) needs the target metric value");
  const run = usable(table, { batch: "batch", step: "step", metric: "metric" }, ["batch"]);
  const rows = run.rows;
  const measurements: Measurement[] = Array.from(run.columns.batch, (b, i) => {
    const m: Measurement = { batch: b, step: run.columns.step[i]!, metric: run.columns.metric[i]! };
    const trial = table.columns.includes("trial") ? table.rows[rows[i]! - 1]!.trial : null;
    if (trial !== null && trial !== undefined) m.trial = trial;
    return m;
  });
  return { input: { kind: "sweep", measurements, target, maximize }, report: run.report };
}

/** Gradient-norm samples from a log with columns b_small, b_big, g_small_sq, g_big_sq[, step]. */
export function gnsSamples(table: Table): GradientNormSample[] {
  const spec: Record<string, string> = {
    bSmall: "b_small",
    bBig: "b_big",
    gSmallSq: "g_small_sq",
    gBigSq: "g_big_sq",
  };
  if (table.columns.includes("step")) spec.step = "step";
  const c = usable(table, spec, []).columns;
  return Array.from(c.gSmallSq!, (g, i) => ({
    bSmall: c.bSmall![i]!,
    bBig: c.bBig![i]!,
    gSmallSq: g,
    gBigSq: c.gBigSq![i]!,
    ...(c.step ? { step: c.step[i]! } : {}),
  }));
}

export function analysisView(a: BatchAnalysis, charts: ChartSet): HTMLElement[] {
  const f = a.fit;
  const [lo, hi] = f.batchRange;
  const grid = Array.from({ length: 80 }, (_, i) => (lo / 2) * ((hi * 4) / lo) ** (i / 79));
  const critical = a.criticalBatch.value;
  const o = a.recommendation.optimizer;
  return [
    table(
      ["batch", "steps", "regime"],
      a.perBatch.map((p) => [num(p.batch), numCell(p.steps), p.regime]),
      "Steps to result (Shallue et al. 2018)",
    ),
    table(
      ["param", "value", "95% interval", "interval"],
      [
        [
          { text: "S_min", why: WHY["s-min"] },
          numCell(f.sMin.value, "s-min"),
          ci(f.sMin.ci95),
          f.bootstrap ? "bootstrap" : "-",
        ],
        [
          { text: "B_noise", why: WHY["b-noise"] },
          numCell(f.bNoise.value, "b-noise"),
          ci(f.bNoise.ci95),
          f.bNoise.interval,
        ],
        [
          { text: "E_min", why: WHY["e-min"] },
          numCell(f.eMin.value, "e-min"),
          ci(f.eMin.ci95),
          f.bootstrap ? "bootstrap" : "-",
        ],
      ],
      "S(B) = S_min (1 + B_noise / B) (McCandlish et al. 2018 eq. 2.11)",
    ),
    table(
      ["regime", "from batch", "to batch"],
      a.regimes.map((r) => [r.name, num(r.fromBatch), num(r.toBatch)]),
      "Regimes (Shallue et al. 2018)",
    ),
    facts([
      {
        label: "critical batch",
        text: `${num(critical)} ${ci(a.criticalBatch.ci95)}`,
        key: "critical-batch",
        value: critical,
        why: WHY["critical-batch"],
      },
      { label: "", text: a.criticalBatch.criterion, key: "critical-criterion" },
      {
        label: "largest useful batch",
        text: `${num(a.largestUsefulBatch.value)} ${ci(a.largestUsefulBatch.ci95)}`,
        key: "largest-useful",
        value: a.largestUsefulBatch.value,
      },
      {
        label: "recommendation",
        text: `batch ${num(a.recommendation.batch)}: ${a.recommendation.reason}`,
        key: "recommended-batch",
        value: a.recommendation.batch,
      },
      {
        label: "optimizer",
        text: `${o.optimizer}, ${o.rule} learning-rate scaling${o.learningRate !== null ? `, lr ${num(o.learningRate)}` : ""}; warmup ${o.warmup}`,
        key: "optimizer",
      },
    ]),
    h(
      "div",
      { class: "charts" },
      charts.figure(
        sweepChart(
          {
            id: "steps-batch",
            title: "Steps to the target against batch size",
            caption:
              "Measured steps (dots), the fitted S(B) = S_min(1 + B_noise/B) (line), Shallue's regimes (bands), the critical batch (dashed) and the recommended batch (red dot).",
          },
          {
            points: a.perBatch.map((p) => ({ batch: p.batch, steps: p.steps })),
            curve: grid.map((b) => ({
              batch: b,
              steps: stepsAt(b, f.sMin.value, f.bNoise.value, f.eMin.value),
            })),
            regimes: a.regimes.map((r) => ({ name: r.name, from: r.fromBatch, to: r.toBatch })),
            ...(Number.isFinite(critical) ? { critical } : {}),
            recommended: {
              batch: a.recommendation.batch,
              steps: stepsAt(a.recommendation.batch, f.sMin.value, f.bNoise.value, f.eMin.value),
            },
          },
        ),
      ),
    ),
    ...a.warnings.map((w) => message("warning", `warning: ${w}`)),
  ];
}

export function gnsView(r: NoiseScaleResult, charts: ChartSet): HTMLElement[] {
  return [
    facts([
      { label: "|G|²", text: num(r.gradSq), key: "grad-sq", value: r.gradSq },
      { label: "tr(Σ)", text: num(r.traceSigma), key: "trace-sigma", value: r.traceSigma },
      {
        label: "B_simple (critical batch)",
        text: `${num(r.bSimple.value)} ${ci(r.bSimple.ci95)}`,
        key: "b-simple",
        value: r.bSimple.value,
        why: WHY["b-simple"],
      },
      {
        label: "",
        text: `${r.samples} rows, bias-corrected EMAs with beta ${r.beta} (McCandlish et al. 2018 eq. 2.9, App. A.1)`,
        key: "gns-note",
      },
    ]),
    charts.figure(
      lineChart(
        {
          id: "b-simple",
          title: "Running B_simple",
          caption:
            "The critical-batch estimate B_simple = tr(Σ)/|G|² from the bias-corrected EMAs, step by step.",
        },
        {
          points: r.series.map((s) => ({ x: s.step, y: s.bSimple })),
          x: { label: "training step", kind: "count" },
          y: { label: "B_simple (samples)", kind: "count" },
        },
      ),
    ),
  ];
}
