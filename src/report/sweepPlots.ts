/**
 * Plots of measured sweeps, drawn with Observable Plot on a server-side DOM as the other report plots
 * are: a measured learning curve (every run, the best model per size, the fitted law with its 95% band and
 * the region boundaries; HAD19 Fig. 6) and steps to target against batch size (each optimizer, the fitted
 * S(B) = S_min(1 + B_noise/B), B_noise with its interval and B_simple; Shallue et al. 2018 Fig. 1,
 * McCandlish et al. 2018 Fig. 4).
 */

import * as Plot from "@observablehq/plot";
import type { Band, XY } from "./plots.js";
import { svgDocument } from "./svgDocument.js";

const WIDTH = 640;
const HEIGHT = 380;

function render(options: Plot.PlotOptions, document: Document = svgDocument()): string {
  const el = Plot.plot({
    width: WIDTH,
    height: HEIGHT,
    document,
    style: { background: "white" },
    ...options,
  });
  return (el as unknown as { outerHTML: string }).outerHTML;
}

/** A measured learning curve. */
export function measuredLearningCurvePlot(o: {
  runs: { data: number; width: number; error: number }[];
  best: XY[];
  fit: XY[];
  band: Band[];
  /** Region boundaries in data size (small-data end, irreducible start), drawn when finite. */
  boundaries?: { smallData?: number; irreducible?: number };
  xLabel: string;
  yLabel: string;
  document?: Document;
}): string {
  const rules = [
    ...(o.boundaries?.smallData && Number.isFinite(o.boundaries.smallData)
      ? [{ x: o.boundaries.smallData, label: "small data | power law" }]
      : []),
    ...(o.boundaries?.irreducible && Number.isFinite(o.boundaries.irreducible)
      ? [{ x: o.boundaries.irreducible, label: "power law | irreducible" }]
      : []),
  ];
  const [lo, hi] = [Math.min(...o.runs.map((r) => r.data)), Math.max(...o.runs.map((r) => r.data))];
  const inside = rules.filter((r) => r.x >= lo / 4 && r.x <= hi * 4);
  return render(
    {
      x: { type: "log", label: o.xLabel, grid: true },
      y: { type: "log", label: o.yLabel, grid: true },
      color: { type: "ordinal", scheme: "viridis", legend: true, label: "width" },
      marks: [
        Plot.areaY(o.band, { x: "x", y1: "lo", y2: "hi", fill: "steelblue", fillOpacity: 0.2 }),
        Plot.dot(o.runs, { x: "data", y: "error", stroke: "width", r: 2.5 }),
        Plot.line(o.fit, { x: "x", y: "y", stroke: "steelblue", strokeWidth: 2 }),
        Plot.dot(o.best, { x: "x", y: "y", fill: "black", r: 4 }),
        Plot.ruleX(inside, { x: "x", stroke: "firebrick", strokeDasharray: "4,3" }),
        Plot.text(inside, {
          x: "x",
          text: "label",
          frameAnchor: "top",
          dy: 6,
          fill: "firebrick",
          fontSize: 10,
        }),
      ],
    },
    o.document,
  );
}

const REGIME_COLORS: Record<string, string> = {
  "perfect-scaling": "seagreen",
  "diminishing-returns": "steelblue",
  "maximal-data-parallelism": "grey",
};

/** Steps to target against batch size for each optimizer, with the fit and the noise scales. */
export function batchSweepPlot(o: {
  points: { batch: number; steps: number; optimizer: string }[];
  fit: XY[];
  bNoise?: { value: number; ci95: [number, number] | null };
  bSimple?: number;
  regimes?: { name: string; fromBatch: number; toBatch: number }[];
  document?: Document;
}): string {
  const [lo, hi] = [
    Math.min(...o.points.map((p) => p.batch)) / 2,
    Math.max(...o.points.map((p) => p.batch)) * 2,
  ];
  const regimes = (o.regimes ?? [])
    .map((r) => ({
      ...r,
      x1: Math.max(lo, r.fromBatch || lo),
      x2: Math.min(hi, Number.isFinite(r.toBatch) ? r.toBatch : hi),
    }))
    .filter((r) => r.x2 > r.x1);
  const marks = [
    ...regimes.map((r) =>
      Plot.rectX([r], { x1: "x1", x2: "x2", fill: REGIME_COLORS[r.name] ?? "grey", fillOpacity: 0.08 }),
    ),
    Plot.text(regimes, {
      x: (r: { x1: number; x2: number }) => Math.sqrt(r.x1 * r.x2),
      text: "name",
      frameAnchor: "bottom",
      dy: -4,
      fontSize: 9,
    }),
    ...(o.bNoise?.ci95
      ? [
          Plot.rectX([o.bNoise.ci95], {
            x1: (d: number[]) => d[0],
            x2: (d: number[]) => d[1],
            fill: "firebrick",
            fillOpacity: 0.12,
          }),
        ]
      : []),
    ...(o.bNoise
      ? [
          Plot.ruleX([o.bNoise.value], { stroke: "firebrick", strokeDasharray: "4,3" }),
          Plot.text([o.bNoise.value], {
            x: (d: number) => d,
            text: () => "B_noise (fit)",
            frameAnchor: "top",
            dy: 6,
            fill: "firebrick",
            fontSize: 10,
          }),
        ]
      : []),
    ...(o.bSimple
      ? [
          Plot.ruleX([o.bSimple], { stroke: "darkorange", strokeDasharray: "2,2" }),
          Plot.text([o.bSimple], {
            x: (d: number) => d,
            text: () => "B_simple (gradient noise)",
            frameAnchor: "top",
            dy: 20,
            fill: "darkorange",
            fontSize: 10,
          }),
        ]
      : []),
    Plot.line(o.fit, { x: "x", y: "y", stroke: "steelblue", strokeWidth: 2 }),
    Plot.dot(o.points, { x: "batch", y: "steps", stroke: "optimizer", symbol: "optimizer", r: 4 }),
  ];
  return render(
    {
      x: { type: "log", label: "batch size", grid: true, domain: [lo, hi] },
      y: { type: "log", label: "steps to target", grid: true },
      color: { legend: true },
      symbol: { legend: true },
      marks,
    },
    o.document,
  );
}
