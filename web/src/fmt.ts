import { formatNumber } from "../../src/units/formatNumber.js";
import type { Interval } from "../../src/project/interval.js";
import type { Cell } from "./ui.js";

/** A number as the page shows it: 4 significant figures (units' formatNumber); "-" when absent. */
export function num(x: number | null | undefined, digits = 4): string {
  return x === null || x === undefined ? "-" : formatNumber(x, digits, { exactIntegers: true });
}

/** "[lo, hi]" of a 95% interval, "-" when absent. */
export function ci(c: [number, number] | null | undefined): string {
  return c ? `[${num(c[0], 3)}, ${num(c[1], 3)}]` : "-";
}

/** A table cell holding a number (exact value in data-value). */
export function numCell(x: number | null | undefined, key?: string, text = num(x)): Cell {
  return { text, value: x ?? null, ...(key ? { key } : {}) };
}

/** Cells for an interval: value and 95% interval. */
export function intervalCells(i: Interval | null, key: string): Cell[] {
  return i ? [numCell(i.value, key), ci(i.ci95)] : ["-", "-"];
}

/** A percentage with one decimal. */
export function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
