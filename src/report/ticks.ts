import { formatBytes } from "../units/formatBytes.js";
import { formatCount } from "../units/formatCount.js";
import { formatDollars } from "../units/formatDollars.js";
import { formatDuration } from "../units/formatDuration.js";
import { formatNumber } from "../units/formatNumber.js";

/** How an axis writes its tick labels: a count with an SI-style suffix, bytes, dollars, seconds, or plain. */
export type TickKind = "count" | "bytes" | "dollars" | "seconds" | "plain";

/**
 * Drop the trailing zeros that the unit formatters keep to show precision ("10.0T" → "10T", "$1.20M" →
 * "$1.2M", "80.0 GiB" → "80 GiB", "1.00e21" → "1e21"): a tick value is exact, so the zeros say nothing.
 */
export function trimZeros(text: string): string {
  return text.replace(/(\d)\.(\d*?)0+(?![\d])/, (_m, a: string, b: string) => (b ? `${a}.${b}` : a));
}

/**
 * A tick label in the units' own formatters (src/units), 2 significant figures and no trailing zeros:
 * count 1e13 → "10T", 2.5e9 → "2.5B"; bytes 8.59e10 → "80 GiB"; dollars 1.2e6 → "$1.2M"; seconds 0.25 →
 * "0.25 s", 3e6 → "35 days"; plain 2.5 → "2.5".
 */
export function formatTick(x: number, kind: TickKind, significant = 2): string {
  if (x === 0) return kind === "dollars" ? "$0" : kind === "bytes" ? "0 B" : "0";
  switch (kind) {
    case "count":
      return trimZeros(formatCount(x, significant));
    case "bytes":
      return trimZeros(formatBytes(x, { significant }));
    case "dollars":
      return trimZeros(formatDollars(x, significant));
    case "seconds":
      return trimZeros(formatDuration(x, significant));
    case "plain":
      return trimZeros(formatNumber(x, significant));
  }
}

/**
 * Significant figures that tell evenly spaced ticks apart: enough digits for the step at the largest
 * tick (ticks $1.80M, $1.85M, $1.90M need 3), at least 2.
 */
export function digitsFor(ticks: readonly number[]): number {
  if (ticks.length < 2) return 2;
  const step = Math.abs(ticks[1]! - ticks[0]!);
  const top = Math.max(...ticks.map(Math.abs));
  if (!(step > 0) || !(top > 0)) return 2;
  return Math.min(6, Math.max(2, Math.floor(Math.log10(top)) - Math.floor(Math.log10(step)) + 1));
}

/** The tick formatter of an axis (Observable Plot's `tickFormat`). */
export function tickFormat(kind: TickKind): (x: number) => string {
  return (x) => formatTick(x, kind);
}

/** Nice linear ticks (steps of 1, 2 or 5 × 10^k) inside [lo, hi], at most about `count`. */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    out.push(Number(t.toPrecision(12)));
  return out;
}

/**
 * Ticks for a log axis over [lo, hi], readable at any width: the finest of 1–9, 1-2-5, 1-3 or 1 × 10^k
 * (then every 2nd, 3rd, 5th, ... power of ten) that gives at most `max` ticks; nice linear ticks when
 * the range is too narrow for two of them.
 */
export function logTicks(lo: number, hi: number, max = 6): number[] {
  if (!(lo > 0) || !(hi > lo)) return lo > 0 ? [lo] : [];
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const inside = (t: number) => t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9);
  const sets = [[1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 5], [1, 3], [1]];
  for (const mults of sets) {
    const ticks: number[] = [];
    for (let e = a; e <= b; e++) for (const m of mults) if (inside(m * 10 ** e)) ticks.push(m * 10 ** e);
    if (ticks.length < 2) return linearTicks(lo, hi, Math.min(max, 5));
    if (ticks.length <= max) return ticks;
  }
  for (let every = 2; ; every++) {
    const ticks: number[] = [];
    for (let e = Math.ceil(a / every) * every; e <= b; e += every) if (inside(10 ** e)) ticks.push(10 ** e);
    if (ticks.length <= max) return ticks;
  }
}

/** [min, max] of the finite positive values (a log axis's domain), or undefined when there are none. */
export function positiveExtent(values: Iterable<number>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values)
    if (Number.isFinite(v) && v > 0) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  return lo <= hi ? [lo, hi] : undefined;
}
