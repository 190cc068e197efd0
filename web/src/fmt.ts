/** Numbers as the pages show them, written by the units' formatters (src/units), never by hand. */
import type { Interval } from "../../src/project/interval.js";
import { formatBytes } from "../../src/units/formatBytes.js";
import { formatCount } from "../../src/units/formatCount.js";
import { formatDollars } from "../../src/units/formatDollars.js";
import { formatDuration } from "../../src/units/formatDuration.js";
import { formatNumber } from "../../src/units/formatNumber.js";
import type { Explanation } from "../../src/report/explain.js";
import type { Cell } from "./ui.js";

/** How a quantity is written: a count (7.00B), FLOP (5.88e23), dollars ($1.23M), bytes, seconds, plain. */
export type Style = "count" | "flop" | "dollars" | "bytes" | "seconds" | "plain";

/** A number as the page shows it: 4 significant figures (units' formatNumber); "-" when absent. */
export function num(x: number | null | undefined, digits = 4): string {
  return x === null || x === undefined ? "-" : formatNumber(x, digits, { exactIntegers: true });
}

/** A number in a style, 3 significant figures; "-" when absent. */
export function fmt(x: number | null | undefined, style: Style = "plain"): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "-";
  if (!Number.isFinite(x)) return "∞";
  switch (style) {
    case "count":
      return formatCount(x);
    case "flop":
      return formatNumber(x, 3);
    case "dollars":
      return formatDollars(x);
    case "bytes":
      return formatBytes(x);
    case "seconds":
      return formatDuration(x);
    case "plain":
      return formatNumber(x, 3);
  }
}

/** "[lo, hi]" of a 95% interval, "-" when absent. */
export function ci(c: [number, number] | null | undefined, style: Style = "plain"): string {
  if (!c) return "-";
  return style === "plain"
    ? `[${num(c[0], 3)}, ${num(c[1], 3)}]`
    : `[${fmt(c[0], style)}, ${fmt(c[1], style)}]`;
}

/** A table cell holding a number (exact value in data-value). */
export function numCell(x: number | null | undefined, key?: string, text = num(x), why?: Explanation): Cell {
  return { text, value: x ?? null, ...(key ? { key } : {}), ...(why ? { why } : {}) };
}

/** Cells for an interval: value and 95% interval. */
export function intervalCells(
  i: Interval | null,
  key: string,
  style: Style = "plain",
  why?: Explanation,
): Cell[] {
  return i ? [numCell(i.value, key, fmt(i.value, style), why), ci(i.ci95, style)] : ["-", "-"];
}

/** A percentage with one decimal. */
export function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** A signed relative change, "+12.3%" (current against a pinned value); "-" when undefined. */
export function change(current: number | null | undefined, pinned: number | null | undefined): string {
  if (current == null || pinned == null || pinned === 0 || !Number.isFinite(current / pinned)) return "-";
  const d = 100 * (current / pinned - 1);
  if (Math.abs(d) < 0.05) return "0%";
  return `${d > 0 ? "+" : "−"}${Math.abs(d) >= 100 ? Math.abs(d).toFixed(0) : Math.abs(d).toFixed(1)}%`;
}

/** A latency in milliseconds, 3 significant figures ("35.1 ms"); "-" when absent. */
export function ms(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? "-" : `${formatNumber(1e3 * seconds, 3)} ms`;
}
