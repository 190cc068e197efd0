/** Below this magnitude {@link formatNumber} switches to exponent notation. */
const SMALLEST_FIXED = 1e-3;
/** From this magnitude on {@link formatNumber} switches to exponent notation. */
const LARGEST_FIXED = 1e6;

/** How {@link formatNumber} writes a number; every field defaults to false. */
export interface NumberStyle {
  /**
   * Drop trailing zeros after the decimal point in fixed notation: "2.50" → "2.5", "7.00" → "7" (tables).
   * Exponent notation keeps its digits ("1.00e9"), so a large or small value still shows its precision.
   */
  trim?: boolean;
  /** Write a positive exponent with its sign, as JavaScript does: "9.02e+10" (the CLI's tables). */
  plusSign?: boolean;
  /** Write whole numbers below 1e6 exactly, as counts: 4567 → "4567" rather than "4570". */
  exactIntegers?: boolean;
}

/**
 * Format a number with a fixed count of significant figures, keeping trailing zeros so the precision
 * shows: `formatNumber(7)` → `"7.00"`, `formatNumber(14.81)` → `"14.8"`, `formatNumber(0.012345)` →
 * `"0.0123"`, `formatNumber(3.1416e23)` → `"3.14e23"`. Magnitudes in [1e-3, 1e6) are written in fixed
 * notation, others as `<mantissa>e<exponent>` (no `+` unless `style.plusSign`). Zero is `"0"`; non-finite
 * values are written as JavaScript writes them (`"NaN"`, `"Infinity"`). Whatever the style, reading the
 * text back with `Number` gives `x` rounded to `significant` figures (exactly `x` for `exactIntegers`):
 * the one number formatter of the project (the CLI's and the report's tables, the web app, the units'
 * formatters).
 *
 * @param x - the number.
 * @param significant - significant figures, an integer from 1 to 21; default 3.
 * @param style - trailing zeros, exponent sign and whole numbers; see {@link NumberStyle}.
 */
export function formatNumber(x: number, significant = 3, style: NumberStyle = {}): string {
  if (!Number.isInteger(significant) || significant < 1 || significant > 21) {
    throw new RangeError(`formatNumber: significant must be an integer from 1 to 21, got ${significant}`);
  }
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  if (style.exactIntegers && Number.isInteger(x) && Math.abs(x) < LARGEST_FIXED) return String(x);
  const rounded = Number(x.toPrecision(significant));
  const magnitude = Math.abs(rounded);
  let text: string;
  if (magnitude >= SMALLEST_FIXED && magnitude < LARGEST_FIXED) {
    const exponent = Math.floor(Math.log10(magnitude) + 1e-12);
    text = rounded.toFixed(Math.max(0, significant - 1 - exponent));
  } else text = rounded.toExponential(significant - 1);
  // split off the exponent first, so that trimming the mantissa never touches the exponent's digits
  const at = text.indexOf("e");
  let mantissa = at < 0 ? text : text.slice(0, at);
  let exponent = at < 0 ? "" : text.slice(at);
  if (style.trim && at < 0 && mantissa.includes(".")) mantissa = mantissa.replace(/\.?0+$/, "");
  if (!style.plusSign) exponent = exponent.replace("e+", "e");
  return mantissa + exponent;
}

/**
 * A number as a table cell: {@link formatNumber} in the tables' style (trailing zeros dropped, the
 * exponent's sign written, counts below 1e6 exact), `"-"` when absent or NaN, `"inf"` / `"-inf"`.
 * The CLI's and the report's tables use it.
 *
 * @param x - the number, or null/undefined when there is none.
 * @param significant - significant figures; default 3.
 */
export function formatCell(x: number | null | undefined, significant = 3): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "-";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  return formatNumber(x, significant, { trim: true, plusSign: true, exactIntegers: true });
}

/**
 * Format a mantissa already scaled into a unit range, with `significant` figures but never in exponent
 * notation: `formatMantissa(80, 3)` → `"80.0"`, `formatMantissa(1000, 3)` → `"1000"`.
 * Used by the formatters that pick a unit (`k`, `GiB`, `days`).
 */
export function formatMantissa(x: number, significant = 3): string {
  const rounded = Number(x.toPrecision(significant));
  if (rounded === 0) return "0";
  const exponent = Math.floor(Math.log10(Math.abs(rounded)) + 1e-12);
  return rounded.toFixed(Math.max(0, significant - 1 - exponent));
}

/**
 * Pick the largest unit whose size is at most `|x|` from a list sorted by ascending size, moving up
 * one unit when rounding to `significant` figures reaches the next unit (999.7 MB → 1.00 GB, 59.99 s → 1.00 min).
 *
 * @returns the unit and `x` expressed in it.
 */
export function pickUnit<U extends { size: number }>(
  x: number,
  units: readonly U[],
  significant = 3,
): { unit: U; scaled: number } {
  let index = 0;
  const magnitude = Math.abs(x);
  while (index + 1 < units.length && magnitude >= (units[index + 1] as U).size) index++;
  let unit = units[index] as U;
  const next = units[index + 1];
  if (
    next !== undefined &&
    Math.abs(Number((x / unit.size).toPrecision(significant))) * unit.size >= next.size
  ) {
    unit = next;
  }
  return { unit, scaled: x / unit.size };
}
