import * as Plot from "@observablehq/plot";
import { svgDocument } from "./svgDocument.js";
import { digitsFor, formatTick, linearTicks, logTicks, positiveExtent, type TickKind } from "./ticks.js";

/** Colours shared by every chart: the current scenario, a pinned one, and marks of note. */
export const COLORS = {
  current: "#1f6fb2",
  pinned: "#8a8f98",
  mark: "#b3261e",
  band: "#1f6fb2",
  ink: "#1b1f24",
} as const;

/**
 * A chart ready to draw: its Observable Plot options without a width (the caller sizes it to its
 * container), a title, a caption saying what every mark is, and a key that changes whenever the drawn
 * data does (callers skip redrawing a chart whose key and width did not change).
 */
export interface Chart {
  id: string;
  title: string;
  caption: string;
  key: string;
  options: () => Plot.PlotOptions;
}

/** An axis: what it shows with its unit, how ticks are written, log or linear, and the values it spans. */
export interface AxisSpec {
  label: string;
  kind: TickKind | "integer";
  log?: boolean;
  values: number[];
  /** Include zero in a linear domain (bars). */
  zero?: boolean;
}

function tick(kind: AxisSpec["kind"], significant = 2): (x: number) => string {
  return kind === "integer"
    ? (x) => (Math.abs(x) < 1e5 ? String(Math.round(x)) : formatTick(x, "count"))
    : (x) => formatTick(x, kind, significant);
}

/**
 * Observable Plot scale options for an axis: log axes get explicit ticks from {@link logTicks} (powers of
 * ten, or 1-2-5 steps on short ranges) and a domain fitted to the values; every tick is written by the
 * units' formatters ("10T", "80 GiB", "$1.2M") instead of digits with thousands separators.
 */
export function axis(a: AxisSpec): Plot.ScaleOptions {
  if (a.log) {
    const format = tick(a.kind);
    const ext = positiveExtent(a.values) ?? [1, 10];
    const [lo, hi] = ext[0] === ext[1] ? [ext[0] / 2, ext[1] * 2] : ext;
    const ticks = a.kind === "integer" ? integerTicks(lo, hi) : logTicks(lo, hi);
    return { type: "log", label: a.label, grid: true, domain: [lo, hi], ticks, tickFormat: format };
  }
  const finite = a.values.filter(Number.isFinite);
  let lo = Math.min(...finite, ...(a.zero ? [0] : []));
  let hi = Math.max(...finite, ...(a.zero ? [0] : []));
  if (!finite.length) [lo, hi] = [0, 1];
  else if (!(hi > lo)) [lo, hi] = [lo * 0.9, hi * 1.1 || 1];
  // bytes tick at whole binary units (0, 20, 40 GiB), other quantities at 1-2-5 steps
  const unit =
    a.kind === "bytes" && hi > 0 ? 1024 ** Math.max(0, Math.floor(Math.log(hi) / Math.log(1024))) : 1;
  const ticks = linearTicks(lo / unit, hi / unit, 5);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : (hi - lo) / unit;
  // widen the domain to whole ticks, as d3's nice() would
  const domain = [
    Math.min(lo / unit, Math.floor(lo / unit / step) * step),
    Math.max(hi / unit, Math.ceil(hi / unit / step) * step),
  ];
  const all = linearTicks(domain[0]!, domain[1]!, 5);
  return {
    type: "linear",
    label: a.label,
    grid: true,
    domain: domain.map((d) => d * unit),
    ticks: all.map((t) => t * unit),
    tickFormat: tick(a.kind, digitsFor(all)),
  };
}

/** Powers of two inside [lo, hi] (device counts), thinned to at most 8. */
function integerTicks(lo: number, hi: number): number[] {
  const all: number[] = [];
  for (let p = 2 ** Math.ceil(Math.log2(lo) - 1e-9); p <= hi * (1 + 1e-9); p *= 2) all.push(p);
  if (all.length < 2) return logTicks(lo, hi);
  const every = Math.ceil(all.length / 8);
  return all.filter((_, i) => i % every === 0);
}

/** Left margin that fits the longest y tick label (about 7 px a character at 11 px). */
export function marginFor(labels: string[], min = 44): number {
  return Math.max(min, 12 + 7 * Math.max(0, ...labels.map((l) => l.length)));
}

/** The y tick labels an axis will show (to size the left margin). */
export function yLabels(a: Plot.ScaleOptions): string[] {
  const format = a.tickFormat as (x: number) => string;
  const ticks = Array.isArray(a.ticks) ? (a.ticks as number[]) : ((a.domain as number[] | undefined) ?? []);
  return ticks.map((t) => format(t));
}

/**
 * Text that stays readable over lines and grid: a white halo behind 11 px text. Give every text mark a
 * `fill` too: with a stroke set, Observable Plot leaves text unfilled by default.
 */
export const LABEL = { fontSize: 11, stroke: "white", strokeWidth: 3, paintOrder: "stroke" } as const;

/**
 * A label beside a point, on the side with room: right of the point in the left 60% of a log or linear
 * span, left of it otherwise.
 */
export function sideOf(x: number, span: [number, number], log = true): "start" | "end" {
  const f = log
    ? Math.log(x / span[0]) / Math.log(span[1] / span[0])
    : (x - span[0]) / (span[1] - span[0] || 1);
  return f > 0.6 ? "end" : "start";
}

/**
 * Log axes as explicit axis and grid marks at the chosen ticks: given a log scale, Observable Plot hands
 * a function tickFormat to d3's log tickFormat, which blanks every label but those of 1-2-5 × 10^k;
 * an axis mark with a `text` channel writes every tick label as given.
 */
function explicitLogAxes(o: Plot.PlotOptions): Plot.PlotOptions {
  const out: Plot.PlotOptions = { ...o };
  const extra: Plot.Markish[] = [];
  for (const k of ["x", "y"] as const) {
    const s = o[k];
    if (!s || s.type !== "log" || typeof s.tickFormat !== "function" || !Array.isArray(s.ticks)) continue;
    const format = s.tickFormat as (x: number) => string;
    const ticks = s.ticks as number[];
    const { ticks: _t, tickFormat: _f, grid: _g, label, ...rest } = s;
    out[k] = { ...rest, axis: null };
    const text = { text: (d: number) => format(d), label: label ?? null };
    extra.push(
      ...(k === "x"
        ? [Plot.gridX(ticks), Plot.axisX(ticks, text)]
        : [Plot.gridY(ticks), Plot.axisY(ticks, text)]),
    );
  }
  out.marks = [...extra, ...(o.marks ?? [])];
  return out;
}

/** Draw a chart at a width into `document` (the page's, or linkedom's for the report). */
export function drawChart(chart: Chart, width: number, document: Document): SVGElement | HTMLElement {
  const options = explicitLogAxes(chart.options());
  const height = options.height ?? Math.round(Math.min(380, Math.max(240, width * 0.55)));
  return Plot.plot({ style: { background: "white" }, ...options, width, height, document });
}

/** A chart as an SVG (or figure) string for the self-contained HTML report. */
export function chartSvg(chart: Chart, width = 760): string {
  const el = drawChart(chart, width, svgDocument());
  return (el as unknown as { outerHTML: string }).outerHTML;
}

/** A point of a learning curve or frontier, in the units of the axes. */
export interface XY {
  x: number;
  y: number;
}

/** A band: lower and upper y at each x. */
export interface Band {
  x: number;
  lo: number;
  hi: number;
}

/** What every chart builder takes besides its data: an id, a title and a caption. */
export interface ChartMeta {
  id: string;
  title: string;
  caption: string;
}

/** A chart from its meta, the data its key is made of, and its options. */
export const chart = (meta: ChartMeta, data: unknown, options: () => Plot.PlotOptions): Chart => ({
  ...meta,
  key: JSON.stringify(data),
  options,
});
