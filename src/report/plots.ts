import * as Plot from "@observablehq/plot";
import {
  axis,
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

export type { Band, ChartMeta, XY } from "./chartKit.js";
import { formatTick, type TickKind } from "./ticks.js";

/** Names of the step-time parts for people (the core's keys are camelCase). */
const PART_LABELS: Record<string, string> = {
  memoryBound: "memory-bound ops",
  exposedCommunication: "exposed communication",
  bubble: "pipeline bubble",
  "KV cache": "KV cache",
  GEMMs: "GEMMs",
  "adapter GEMMs": "adapter GEMMs",
};

/** A core key as words: `exposedCommunication` → "exposed communication". */
export function humanize(name: string): string {
  return PART_LABELS[name] ?? name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/**
 * Horizontal bars of named values on one quantity's axis (step time by part, memory by part, FLOP by
 * kind of operation), each bar labelled with its value and share; a pinned scenario's values are black
 * ticks on the bars; an optional limit (device memory) is a labelled rule.
 */
export function barsChart(
  meta: ChartMeta,
  o: {
    parts: { name: string; value: number }[];
    label: string;
    kind: TickKind;
    pinned?: { name: string; value: number }[];
    limit?: { value: number; label: string };
  },
): Chart {
  return chart(meta, o, () => {
    const total = o.parts.reduce((s, p) => s + p.value, 0);
    const pinned = (o.pinned ?? []).map((p) => ({ name: humanize(p.name), value: p.value }));
    const pinnedAt = new Map(pinned.map((p) => [p.name, p.value]));
    const rows = o.parts.map((p) => ({
      name: humanize(p.name),
      value: p.value,
      // the label starts right of the bar or of the pinned scenario's tick, whichever is further
      at: Math.max(p.value, pinnedAt.get(humanize(p.name)) ?? 0),
      text: `${formatTick(p.value, o.kind)}${total > 0 ? ` (${((100 * p.value) / total).toFixed(0)}%)` : ""}`,
    }));
    const values = [...rows, ...pinned].map((r) => r.value);
    if (o.limit) values.push(o.limit.value);
    // room on the right for the value labels
    const x = axis({
      label: o.label,
      kind: o.kind,
      values: [...values, Math.max(0, ...values) * 1.25],
      zero: true,
    });
    return {
      height: (o.limit ? 66 : 50) + 28 * rows.length,
      marginLeft: marginFor(rows.map((r) => r.name)),
      marginRight: 30,
      ...(o.limit ? { marginTop: 26 } : {}),
      x,
      y: {
        label: null,
        domain: rows
          .slice()
          .sort((a, b) => b.value - a.value)
          .map((r) => r.name),
      },
      marks: [
        Plot.barX(rows, { x: "value", y: "name", fill: COLORS.current }),
        Plot.text(rows, {
          x: "at",
          y: "name",
          text: "text",
          dx: 4,
          textAnchor: "start",
          fill: COLORS.ink,
          ...LABEL,
        }),
        ...(pinned.length
          ? [Plot.tickX(pinned, { x: "value", y: "name", stroke: "black", strokeWidth: 2 })]
          : []),
        ...(o.limit
          ? [
              Plot.ruleX([o.limit.value], { stroke: COLORS.mark, strokeDasharray: "4,3" }),
              Plot.text([o.limit.value], {
                x: (d: number) => d,
                frameAnchor: "top",
                dy: -10,
                textAnchor: "end",
                dx: 4,
                text: () => o.limit!.label,
                fill: COLORS.mark,
                ...LABEL,
              }),
            ]
          : []),
        Plot.ruleX([0]),
      ],
    };
  });
}

/** A scenario's line on a chart: points and a name for the legend. */
export interface Series<T> {
  name: string;
  points: T[];
  chosen?: T;
}

/**
 * One quantity against another for one or two scenarios (current, pinned), each with its chosen point
 * marked and labelled: steps against batch size, days or dollars against device count. Optional rules
 * (the critical batch) are labelled.
 */
export function scenarioChart(
  meta: ChartMeta,
  o: {
    series: Series<XY>[];
    x: { label: string; kind: TickKind | "integer"; log: boolean };
    y: { label: string; kind: TickKind; log: boolean };
    rules?: { x: number; label: string }[];
    chosenLabel: (p: XY) => string;
  },
): Chart {
  return chart(meta, o, () => {
    const all = o.series.flatMap((s) => [...s.points, ...(s.chosen ? [s.chosen] : [])]);
    const xs = [...all.map((p) => p.x), ...(o.rules ?? []).map((r) => r.x)];
    const x = axis({ ...o.x, values: xs });
    const y = axis({ ...o.y, values: all.map((p) => p.y) });
    const span = x.domain as [number, number];
    const color = (i: number) => (i === 0 ? COLORS.current : COLORS.pinned);
    const two = o.series.length > 1;
    return {
      marginLeft: marginFor(yLabels(y)),
      marginRight: 24,
      x,
      y,
      ...(two
        ? {
            color: {
              legend: true,
              domain: o.series.map((s) => s.name),
              range: o.series.map((_, i) => color(i)),
            },
          }
        : {}),
      marks: [
        ...(o.rules ?? []).flatMap((r) => [
          Plot.ruleX([r.x], { stroke: COLORS.mark, strokeDasharray: "4,3" }),
          Plot.text([r.x], {
            x: (d: number) => d,
            frameAnchor: "top",
            dy: 6,
            dx: sideOf(r.x, span, o.x.log) === "start" ? 4 : -4,
            textAnchor: sideOf(r.x, span, o.x.log),
            text: () => r.label,
            fill: COLORS.mark,
            ...LABEL,
          }),
        ]),
        ...o.series.flatMap((s, i) => [
          Plot.line(s.points, {
            x: "x",
            y: "y",
            stroke: two ? () => s.name : color(i),
            strokeWidth: 2,
            ...(i > 0 ? { strokeDasharray: "5,3" } : {}),
          }),
          ...(s.chosen
            ? [
                Plot.dot([s.chosen], { x: "x", y: "y", r: 5, fill: color(i), stroke: "white" }),
                Plot.text([s.chosen], {
                  x: "x",
                  y: "y",
                  text: (p: XY) => `${two ? `${s.name}: ` : ""}${o.chosenLabel(p)}`,
                  dx: sideOf(s.chosen.x, span, o.x.log) === "start" ? 8 : -8,
                  dy: i === 0 ? -10 : 12,
                  textAnchor: sideOf(s.chosen.x, span, o.x.log),
                  fill: color(i),
                  ...LABEL,
                }),
              ]
            : []),
        ]),
      ],
    };
  });
}

/**
 * Steps to the target against batch size from a batch sweep (Shallue et al. 2018 Fig. 1 style, log-log):
 * measured steps, the fitted S(B) = S_min(1 + B_noise/B) (McCandlish et al. 2018 eq. 2.11), Shallue's
 * regimes as shaded, labelled bands, the critical batch and the recommended batch, labelled.
 */
export function sweepChart(
  meta: ChartMeta,
  o: {
    points: { batch: number; steps: number }[];
    curve: { batch: number; steps: number }[];
    regimes: { name: string; from: number; to: number }[];
    critical?: number;
    recommended?: { batch: number; steps: number };
  },
): Chart {
  return chart(meta, o, () => {
    const bs = [...o.curve.map((c) => c.batch), ...o.points.map((p) => p.batch)];
    const ss = [...o.curve.map((c) => c.steps), ...o.points.map((p) => p.steps)];
    const x = axis({ label: "batch size (samples)", kind: "count", log: true, values: bs });
    const y = axis({ label: "steps to the target", kind: "count", log: true, values: ss });
    const [lo, hi] = x.domain as [number, number];
    const bands = o.regimes
      .map((r) => ({ ...r, from: Math.max(r.from, lo), to: Math.min(r.to, hi) }))
      .filter((b) => b.to > b.from);
    const span: [number, number] = [lo, hi];
    const marks: Plot.Markish[] = [
      Plot.rectX(bands, { x1: "from", x2: "to", fill: "name", fillOpacity: 0.14 }),
      Plot.line(o.curve, { x: "batch", y: "steps", stroke: COLORS.current, strokeWidth: 2 }),
      Plot.dot(o.points, { x: "batch", y: "steps", fill: "black", r: 3.5 }),
    ];
    if (o.critical !== undefined && Number.isFinite(o.critical))
      marks.push(
        Plot.ruleX([o.critical], { stroke: COLORS.mark, strokeDasharray: "4,3" }),
        Plot.text([o.critical], {
          x: (d: number) => d,
          frameAnchor: "top",
          dy: 6,
          dx: sideOf(o.critical, span) === "start" ? 4 : -4,
          textAnchor: sideOf(o.critical, span),
          text: () => `critical batch ${formatTick(o.critical!, "count")}`,
          fill: COLORS.mark,
          ...LABEL,
        }),
      );
    if (o.recommended)
      marks.push(
        Plot.dot([o.recommended], { x: "batch", y: "steps", r: 6, fill: COLORS.mark, stroke: "white" }),
        Plot.text([o.recommended], {
          x: "batch",
          y: "steps",
          text: (d: { batch: number }) => `recommended ${formatTick(d.batch, "count")}`,
          dx: sideOf(o.recommended.batch, span) === "start" ? 9 : -9,
          dy: 12,
          textAnchor: sideOf(o.recommended.batch, span),
          fill: COLORS.mark,
          ...LABEL,
        }),
      );
    return {
      marginLeft: marginFor(yLabels(y)),
      marginRight: 24,
      x,
      y,
      color: {
        legend: true,
        label: "regime",
        domain: ["perfect-scaling", "diminishing-returns", "maximal-data-parallelism"],
        range: ["#2a9d8f", "#e9c46a", "#e76f51"],
      },
      marks,
    };
  });
}

/** One series as a line, with the axes named and formatted (the running B_simple of a gradient-norm log). */
export function lineChart(
  meta: ChartMeta,
  o: {
    points: XY[];
    x: { label: string; kind: TickKind; log?: boolean };
    y: { label: string; kind: TickKind; log?: boolean };
  },
): Chart {
  return chart(meta, o, () => {
    const x = axis({ ...o.x, values: o.points.map((p) => p.x) });
    const y = axis({ ...o.y, values: o.points.map((p) => p.y) });
    return {
      marginLeft: marginFor(yLabels(y)),
      marginRight: 24,
      x,
      y,
      marks: [Plot.line(o.points, { x: "x", y: "y", stroke: COLORS.current, strokeWidth: 2 })],
    };
  });
}
