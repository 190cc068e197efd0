/**
 * Self-contained HTML reports of a fitted sweep (tables and inline SVG; no scripts or requests).
 */

import type { LawFit } from "../laws/fitLaw.js";
import { evaluateLaw } from "../laws/evaluateLaw.js";
import { FAMILIES } from "../laws/families.js";
import type { BatchSweepFit } from "../sweep/fitBatchSweepRuns.js";
import type { LearningCurveSweepFit } from "../sweep/fitLearningCurveSweep.js";
import type { RunRow } from "../sweep/collectRuns.js";
import type { Band, XY } from "./plots.js";
import { batchSweepPlot, measuredLearningCurvePlot } from "./sweepPlots.js";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fmt = (x: number | null | undefined) =>
  x === null || x === undefined ? "-" : Number(x.toPrecision(4)).toString();
const ci = (c: [number, number] | null | undefined) => (c ? `[${fmt(c[0])}, ${fmt(c[1])}]` : "-");

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 960px; margin: 2em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.75em; text-align: left; }
td:nth-child(n+2) { font-variant-numeric: tabular-nums; }
figure { margin: 1em 0 2em; } figcaption { font-weight: 600; margin-bottom: 0.5em; }
.warn li { color: #8a4b00; }
</style></head><body>
<h1>${esc(title)}</h1>
${body}
</body></html>
`;
}

function table(header: string[], rows: string[][]): string {
  return `<table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

/** The fitted curve and its 95% band (bootstrap draws evaluated pointwise) over a log grid of x. */
export function curveAndBand(fit: LawFit, from: number, to: number, n = 60): { curve: XY[]; band: Band[] } {
  const fam = FAMILIES[fit.family];
  const point = Object.fromEntries(Object.entries(fit.params).map(([k, e]) => [k, e.value]));
  const xs = Array.from({ length: n }, (_, i) => from * (to / from) ** (i / (n - 1)));
  const draws = fit.bootstrap?.draws ?? [];
  const curve = xs.map((x) => ({ x, y: evaluateLaw(fam, point, x) }));
  const band =
    draws.length >= 20
      ? xs.map((x) => {
          const ys = draws.map((d) => evaluateLaw(fam, d, x)).sort((a, b) => a - b);
          return {
            x,
            lo: ys[Math.floor(0.025 * (ys.length - 1))]!,
            hi: ys[Math.ceil(0.975 * (ys.length - 1))]!,
          };
        })
      : [];
  return { curve, band };
}

const warningsHtml = (ws: string[]) =>
  ws.length
    ? `<div class="warn"><h2>Warnings</h2><ul>${ws.map((w) => `<li>${esc(w)}</li>`).join("")}</ul></div>`
    : "";

/** The report of a learning-curve sweep. */
export function learningCurveReportHtml(
  f: LearningCurveSweepFit,
  rows: readonly RunRow[],
  metric: string,
): string {
  const runs = rows.flatMap((r) =>
    typeof r[metric] === "number" ? [{ data: r.data, width: r.width, error: r[metric] as number }] : [],
  );
  const xs = f.best.map((b) => b.data);
  let plot = "";
  let params = "";
  if (f.curve.status === "converged") {
    const { curve, band } = curveAndBand(f.curve, Math.min(...xs) / 1.5, Math.max(...xs) * 1.5);
    plot = measuredLearningCurvePlot({
      runs,
      best: f.best.map((b) => ({ x: b.data, y: b.error })),
      fit: curve,
      band,
      boundaries: {
        smallData: f.curve.derived.smallDataBoundary?.value ?? NaN,
        irreducible: f.curve.derived.irreducibleBoundary?.value ?? NaN,
      },
      xLabel: "training samples m",
      yLabel: metric,
    });
    params = table(
      ["parameter", "value", "95% interval"],
      [...Object.entries(f.curve.params), ...Object.entries(f.curve.derived)].map(([k, e]) => [
        k,
        fmt(e.value),
        ci(e.ci95),
      ]),
    );
  }
  const size =
    f.modelSize?.status === "converged"
      ? table(
          ["parameter", "value", "95% interval"],
          [
            ["sigma", fmt(f.modelSize.params.alpha!.value), ci(f.modelSize.params.alpha!.ci95)],
            ["betaP", fmt(f.modelSize.params.beta!.value), ci(f.modelSize.params.beta!.ci95)],
          ],
        )
      : "<p>p(m) not fitted.</p>";
  const best = table(
    ["data", "best width", "params", metric, "region"],
    f.best.map((b) => [
      String(b.data),
      String(b.width),
      b.params === null ? "-" : String(b.params),
      fmt(b.error),
      b.region ?? "-",
    ]),
  );
  const proj = f.projection
    ? table(
        ["quantity", "value", "95% interval"],
        [
          ["target", fmt(f.projection.target), "-"],
          ["data", fmt(f.projection.data.value), ci(f.projection.data.ci95)],
          ["model", fmt(f.projection.model?.value), ci(f.projection.model?.ci95)],
        ],
      )
    : "";
  return page(
    "scalecast: measured learning curve",
    `<figure><figcaption>${esc(metric)} against training-set size: every run (by width), the best model per size (black), the fitted law and its 95% band, region boundaries (HAD19 Fig. 6)</figcaption>${plot}</figure>
<h2>Learning curve</h2>${params}<h2>Best model per size</h2>${best}<h2>Model size p(m) = sigma m^betaP</h2>${size}${proj ? `<h2>Projection</h2>${proj}` : ""}${warningsHtml(f.warnings)}`,
  );
}

/** The report of a batch sweep. */
export function batchReportHtml(f: BatchSweepFit, target: number, metric: string): string {
  const a = f.analysis;
  const points = [...f.perBatch, ...f.largeBatch.filter((b) => b.optimizer !== f.optimizer)].flatMap((b) =>
    b.steps === null ? [] : [{ batch: b.batch, steps: b.steps, optimizer: b.optimizer }],
  );
  let fitXY: XY[] = [];
  if (a.status === "converged") {
    const [b0, b1] = a.fit.batchRange;
    fitXY = Array.from({ length: 60 }, (_, i) => {
      const b = (b0 / 2) * ((4 * b1) / b0) ** (i / 59);
      return { x: b, y: a.fit.sMin.value * (1 + a.fit.bNoise.value / b) };
    });
  }
  const plot = batchSweepPlot({
    points,
    fit: fitXY,
    ...(a.status === "converged"
      ? { bNoise: { value: a.fit.bNoise.value, ci95: a.fit.bNoise.ci95 }, regimes: a.regimes }
      : {}),
    ...(f.bSimple ? { bSimple: f.bSimple.value } : {}),
  });
  const rows = f.perBatch.map((b) => [
    String(b.batch),
    fmt(b.lr),
    b.steps === null ? "not reached" : String(b.steps),
  ]);
  const fitTable =
    a.status === "converged"
      ? table(
          ["quantity", "value", "95% interval"],
          [
            ["S_min", fmt(a.fit.sMin.value), ci(a.fit.sMin.ci95)],
            ["B_noise", fmt(a.fit.bNoise.value), ci(a.fit.bNoise.ci95)],
            ["B_simple", fmt(f.bSimple?.value), ci(f.bSimple?.ci95)],
            ["B_noise / B_simple", fmt(f.ratio), "-"],
          ],
        )
      : `<p>The fit did not converge: ${esc(a.reason)}</p>`;
  const large = f.largeBatch.length
    ? `<h2>Large batches</h2>${table(
        ["batch", "optimizer", "steps", "best lr"],
        f.largeBatch.map((b) => [
          String(b.batch),
          b.optimizer,
          b.steps === null ? "not reached" : String(b.steps),
          fmt(b.lr),
        ]),
      )}`
    : "";
  return page(
    "scalecast: measured batch-size sweep",
    `<figure><figcaption>Steps to ${esc(metric)} &lt; ${fmt(target)} against batch size (best learning rate per batch), the fit S(B) = S_min(1 + B_noise/B), the regimes, B_noise and B_simple</figcaption>${plot}</figure>
<h2>Fit</h2>${fitTable}<h2>Steps to target</h2>${table(["batch", "best lr", "steps"], rows)}${large}${warningsHtml([...f.warnings, ...(a.status === "converged" ? a.warnings : [])])}`,
  );
}
