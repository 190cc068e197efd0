import * as Plot from "@observablehq/plot";
import {
  axis,
  type Band,
  type Chart,
  chart,
  type ChartMeta,
  COLORS,
  LABEL,
  marginFor,
  sideOf,
  type XY,
  yLabels,
} from "./chartKit.js";
import { formatTick } from "./ticks.js";

/**
 * Learning curve (HAD19 Fig. 6 style, log-log): measured runs, the fitted law with its 95% bootstrap band,
 * the target as a labelled horizontal rule and the data it needs as a labelled vertical rule; a pinned
 * scenario's data need is drawn in grey.
 */
export function learningCurveChart(
  meta: ChartMeta,
  o: {
    points: XY[];
    fit: XY[];
    band: Band[];
    target?: number;
    projectedX?: number;
    pinnedX?: number;
    xLabel: string;
    yLabel: string;
  },
): Chart {
  return chart(meta, o, () => {
    const xs = [...o.fit.map((p) => p.x), ...o.points.map((p) => p.x)];
    const ys = [...o.fit.map((p) => p.y), ...o.points.map((p) => p.y), ...o.band.map((b) => b.hi)];
    if (o.target !== undefined) ys.push(o.target);
    for (const v of [o.projectedX, o.pinnedX]) if (v !== undefined && Number.isFinite(v)) xs.push(v);
    const x = axis({ label: o.xLabel, kind: "count", log: true, values: xs });
    const y = axis({ label: o.yLabel, kind: "plain", log: true, values: ys });
    const span = x.domain as [number, number];
    const rule = (v: number, text: string, color: string, dy: number) => [
      Plot.ruleX([v], { stroke: color, strokeDasharray: "4,3" }),
      Plot.text([v], {
        x: (d: number) => d,
        frameAnchor: "top",
        dy,
        dx: sideOf(v, span) === "start" ? 4 : -4,
        textAnchor: sideOf(v, span),
        text: () => text,
        fill: color,
        ...LABEL,
      }),
    ];
    const at = <T>(list: T[], f: number): T[] =>
      list.length ? [list[Math.floor(f * (list.length - 1))]!] : [];
    const lastRun = Math.max(...o.points.map((p) => p.x));
    const beyond = o.fit.filter((p) => p.x > 2 * lastRun);
    return {
      marginLeft: marginFor(yLabels(y)),
      marginRight: 24,
      x,
      y,
      marks: [
        Plot.areaY(o.band, { x: "x", y1: "lo", y2: "hi", fill: COLORS.band, fillOpacity: 0.15 }),
        Plot.line(o.fit, { x: "x", y: "y", stroke: COLORS.current, strokeWidth: 2 }),
        Plot.dot(o.points, { x: "x", y: "y", fill: "black", r: 3 }),
        // the law's label where it runs past the measurements, the runs' at the first one
        Plot.text(beyond.length ? [beyond[Math.floor(beyond.length / 3)]!] : at(o.fit, 0.62), {
          x: "x",
          y: "y",
          text: () => "fitted law",
          dy: -10,
          fill: COLORS.ink,
          ...LABEL,
        }),
        Plot.text(at(o.band, 0.85), {
          x: "x",
          y: "hi",
          text: () => "95% band",
          dy: -8,
          fill: COLORS.current,
          ...LABEL,
        }),
        Plot.text(at(o.points, 0), {
          x: "x",
          y: "y",
          text: () => "runs",
          dx: 8,
          dy: 12,
          textAnchor: "start",
          fill: COLORS.ink,
          ...LABEL,
        }),
        ...(o.target !== undefined
          ? [
              Plot.ruleY([o.target], { stroke: COLORS.mark, strokeDasharray: "4,3" }),
              Plot.text([o.target], {
                y: (d: number) => d,
                frameAnchor: "left",
                dx: 4,
                dy: -7,
                text: () => `target ${formatTick(o.target!, "plain", 4)}`,
                fill: COLORS.mark,
                ...LABEL,
              }),
            ]
          : []),
        ...(o.projectedX !== undefined && Number.isFinite(o.projectedX)
          ? rule(o.projectedX, `needs ${formatTick(o.projectedX, "count")}`, COLORS.mark, 6)
          : []),
        ...(o.pinnedX !== undefined && Number.isFinite(o.pinnedX)
          ? rule(o.pinnedX, `pinned: ${formatTick(o.pinnedX, "count")}`, COLORS.pinned, 22)
          : []),
      ],
    };
  });
}

/** One iso-loss line of an L(N, D) law: the loss and its (N, D) points. */
export interface Contour {
  loss: number;
  points: XY[];
}

/**
 * The (parameters, tokens) plane of an L(N, D) law (Hoffmann et al. 2022 Fig. 4 style): iso-loss lines,
 * each labelled with its loss; the compute-optimal path; measured runs coloured by their loss; the
 * chosen point and a pinned scenario's point, labelled.
 */
export function frontierChart(
  meta: ChartMeta,
  o: {
    contours: Contour[];
    path?: XY[];
    runs?: { x: number; y: number; loss: number }[];
    chosen?: XY & { label: string };
    pinned?: XY & { label: string };
    xLabel: string;
    yLabel: string;
    lossLabel: string;
  },
): Chart {
  return chart(meta, o, () => {
    const pts = [
      ...o.contours.flatMap((c) => c.points),
      ...(o.runs ?? []),
      ...(o.chosen ? [o.chosen] : []),
      ...(o.pinned ? [o.pinned] : []),
    ];
    const x = axis({ label: o.xLabel, kind: "count", log: true, values: pts.map((p) => p.x) });
    const y = axis({ label: o.yLabel, kind: "count", log: true, values: pts.map((p) => p.y) });
    const lines = o.contours.flatMap((c) => c.points.map((p) => ({ ...p, loss: c.loss })));
    const ends = o.contours
      .filter((c) => c.points.length)
      .map((c) => ({ ...c.points.at(-1)!, loss: c.loss }));
    const levels = o.contours.map((c) => c.loss).sort((a, b) => a - b);
    const span = x.domain as [number, number];
    const pointMarks = (p: XY & { label: string }, color: string) => [
      Plot.dot([p], { x: "x", y: "y", fill: color, r: 6, stroke: "white" }),
      Plot.text([p], {
        x: "x",
        y: "y",
        text: () => p.label,
        dx: sideOf(p.x, span) === "start" ? 9 : -9,
        textAnchor: sideOf(p.x, span),
        fill: color,
        ...LABEL,
      }),
    ];
    return {
      marginLeft: marginFor(yLabels(y)),
      marginRight: 40,
      x,
      y,
      // a threshold scale (bands between the iso-loss levels): its legend is drawn without a canvas, so
      // the report renders it outside a browser too
      color: {
        type: "threshold",
        scheme: "viridis",
        legend: true,
        label: o.runs?.length ? `${o.lossLabel} (runs coloured by the band they fall in)` : o.lossLabel,
        domain: levels,
        tickFormat: (v: number) => formatTick(v, "plain"),
      },
      marks: [
        Plot.line(lines, { x: "x", y: "y", z: "loss", stroke: "loss", strokeWidth: 1.5 }),
        Plot.text(ends, {
          x: "x",
          y: "y",
          text: (d: { loss: number }) => formatTick(d.loss, "plain"),
          dx: 4,
          textAnchor: "start",
          fill: "loss",
          ...LABEL,
        }),
        ...(o.path?.length
          ? [
              Plot.line(o.path, { x: "x", y: "y", stroke: "black", strokeDasharray: "6,3" }),
              Plot.text([o.path[0]!], {
                x: "x",
                y: "y",
                text: () => "compute-optimal",
                dy: -8,
                textAnchor: "start",
                fill: COLORS.ink,
                ...LABEL,
              }),
            ]
          : []),
        ...(o.runs?.length
          ? [Plot.dot(o.runs, { x: "x", y: "y", fill: "loss", r: 3.5, stroke: "black", strokeWidth: 0.5 })]
          : []),
        ...(o.pinned ? pointMarks(o.pinned, COLORS.pinned) : []),
        ...(o.chosen ? pointMarks(o.chosen, COLORS.mark) : []),
      ],
    };
  });
}
