/** The Fit page's results: parameters, diagnostics, the learning curve or the L(N, D) plane, a projection. */
import type { RowReport } from "../../../src/ingest/RunTable.js";
import { evaluateLaw } from "../../../src/laws/evaluateLaw.js";
import { FAMILIES } from "../../../src/laws/families.js";
import type { LawFit } from "../../../src/laws/fitLaw.js";
import type { Law } from "../../../src/laws/law.js";
import type { LawSelection } from "../../../src/laws/selectLaw.js";
import { intervalOf } from "../../../src/project/interval.js";
import type { Projection } from "../../../src/project/projectTarget.js";
import type { Chart } from "../../../src/report/chartKit.js";
import { isoLossContours, lossLevels } from "../../../src/report/contours.js";
import { frontierChart, learningCurveChart } from "../../../src/report/lawPlots.js";
import type { Band, XY } from "../../../src/report/plots.js";
import { ci, fmt, intervalCells, num, numCell } from "../fmt.js";
import { facts, h, message, plural, table } from "../ui.js";

/** The row report of the ingest layer: counts and the (first 1,000) rejected rows with their reasons. */
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
      { label: "rejected", text: String(r.rejectedCount), key: "rows-rejected", value: r.rejectedCount },
    ]),
    rejected.length ? table(["row", "reason", "column", "value"], rejected, "Rejected rows") : null,
  );
}

/** What a target needs under the fitted law, with intervals. */
export function projectionTable(p: Projection, units: string): HTMLElement {
  const rows = [
    ["target", p.target !== null ? { value: p.target, ci95: null } : null, "", "plain"],
    ["data", p.data, units, "count"],
    ["model", p.model, "parameters", "count"],
    ["compute", p.compute, "FLOP (6ND)", "flop"],
    ["data scale", p.dataScale, "× today's data", "plain"],
    ["model scale", p.modelScale, "× today's model", "plain"],
  ] as const;
  return h(
    "div",
    {},
    table(
      ["quantity", "value", "95% interval", "unit"],
      rows
        .filter(([, i]) => i !== null)
        .map(([name, i, unit, style]) => [
          name,
          ...intervalCells(i, `projection-${name.replace(" ", "-")}`, style),
          unit,
        ]),
      `Projection (${p.law})`,
    ),
    ...p.warnings.map((w) => message("warning", `warning: ${w}`)),
  );
}

/** Fitted parameters with standard errors and intervals (and HAD19's p(m) when fitted too). */
export function paramsTable(fit: LawFit, sizeFit: LawFit | undefined): HTMLElement {
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

/** The held-out comparison of `auto`. */
export function selectionTable(s: LawSelection): HTMLElement {
  return table(
    ["family", "held-out RMSE(log)", "in-sample RMSE(log)", "note"],
    s.candidates.map((c) => [
      c.family,
      num(c.heldOutRmseLog, 3),
      num(c.inSampleRmseLog, 3),
      c.note ?? (c.family === s.chosen ? "chosen" : ""),
    ]),
    `auto: held out the ${plural(s.heldOut, "largest point")}`,
  );
}

/** The fitted curve and its 95% band on a grid from half the smallest x to 10⁴ × the largest. */
function lawCurve(law: Law, xs: Float64Array): { fit: XY[]; band: Band[] } {
  const fam = FAMILIES[law.family];
  const lo = Math.min(...xs) / 2;
  const hi = Math.max(...xs) * 1e4;
  const grid = Array.from({ length: 90 }, (_, i) => lo * (hi / lo) ** (i / 89));
  const band = law.draws
    ? grid.map((x) => {
        const c = intervalOf(
          0,
          law.draws!.map((d) => evaluateLaw(fam, d, x)),
        ).ci95;
        return { x, lo: c?.[0] ?? NaN, hi: c?.[1] ?? NaN };
      })
    : [];
  return {
    fit: grid.map((x) => ({ x, y: evaluateLaw(fam, law.params, x) })),
    band: band.filter((b) => Number.isFinite(b.lo) && b.lo > 0),
  };
}

/** Curves already computed, per law (a new target only moves the rules, not the curve). */
const curves = new WeakMap<Law, { fit: XY[]; band: Band[] }>();

/** The learning curve: runs, the fitted law with its 95% band, the target and the data it needs. */
export function curveChart(
  law: Law,
  xs: Float64Array,
  ys: Float64Array,
  target: number | undefined,
  projectedX: number | undefined,
  labels: { x: string; y: string },
): Chart {
  let curve = curves.get(law);
  if (!curve) curves.set(law, (curve = lawCurve(law, xs)));
  const hi = Math.max(
    Math.max(...xs) * 2,
    (projectedX !== undefined && Number.isFinite(projectedX) ? projectedX : 0) * 1.5,
  );
  const inside = <T extends { x: number }>(p: T) => p.x <= hi;
  return learningCurveChart(
    {
      id: "learning-curve",
      title: "Learning curve",
      caption:
        "Measured runs (dots), the fitted law (line) with its 95% bootstrap band, the target (horizontal) and the data it needs (vertical).",
    },
    {
      points: Array.from(xs, (x, i) => ({ x, y: ys[i]! })),
      fit: curve.fit.filter(inside),
      band: curve.band.filter(inside),
      ...(target !== undefined ? { target } : {}),
      ...(projectedX !== undefined && Number.isFinite(projectedX) ? { projectedX } : {}),
      xLabel: labels.x,
      yLabel: labels.y,
    },
  );
}

/** The (N, D) or (N, S) plane: iso-loss lines of the fitted law with the runs coloured by their loss. */
export function planeChart(
  law: Law,
  n: Float64Array,
  d: Float64Array,
  loss: Float64Array,
  labels: { x: string; y: string },
  chosen?: { params: number; tokens: number },
): Chart {
  const fam = FAMILIES[law.family];
  const [n0, n1] = [Math.min(...n) / 2, Math.max(...n) * 2];
  const [d0, d1] = [Math.min(...d) / 4, Math.max(...d) * 4];
  const contours = isoLossContours(
    (a, b) => evaluateLaw(fam, law.params, a, b),
    lossLevels(Array.from(loss)),
    [n0, n1],
    [d0, d1],
  );
  return frontierChart(
    {
      id: "plane",
      title: `Iso-loss lines of the fitted ${law.family} law`,
      caption: `Runs (dots, coloured by their loss) and the fitted law's iso-loss lines (labelled with their loss)${chosen ? "; the red dot is what the target needs" : ""}.`,
    },
    {
      contours,
      runs: Array.from(n, (x, i) => ({ x, y: d[i]!, loss: loss[i]! })),
      ...(chosen && Number.isFinite(chosen.params)
        ? {
            chosen: {
              x: chosen.params,
              y: chosen.tokens,
              label: `target: ${fmt(chosen.params, "count")} params, ${fmt(chosen.tokens, "count")}`,
            },
          }
        : {}),
      xLabel: labels.x,
      yLabel: labels.y,
      lossLabel: "loss",
    },
  );
}
