import { formatCell } from "../units/formatNumber.js";

/**
 * Render rows as a plain-text table with a header. Columns after the first right-align cells that start
 * like a number, unless `align` says "left" for that column.
 */
export function renderTable(header: string[], rows: string[][], align: ("auto" | "left")[] = []): string {
  // a loop, not Math.max(...rows): a table of 200k rows (workload --by-op) would overflow the stack
  const widths = header.map((h) => h.length);
  for (const r of rows)
    for (let j = 0; j < widths.length; j++) widths[j] = Math.max(widths[j]!, (r[j] ?? "").length);
  const numeric = /^[-+$]?[\d.]/;
  const line = (cells: string[]) =>
    cells
      .map((c, j) =>
        numeric.test(c) && j > 0 && align[j] !== "left" ? c.padStart(widths[j]!) : c.padEnd(widths[j]!),
      )
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** A table cell: the core's number formatter in the tables' style (src/units `formatCell`). */
export const sig = formatCell;

/**
 * "[lo, hi]" for an interval, "-" when absent: three significant figures, more (up to six) when three
 * would print two different ends as one number ("[2, 2]" for a loss between 1.998 and 2.004).
 */
export function range95(ci: [number, number] | null | undefined): string {
  if (!ci) return "-";
  let digits = 3;
  while (digits < 6 && ci[0] !== ci[1] && sig(ci[0], digits) === sig(ci[1], digits)) digits++;
  return `[${sig(ci[0], digits)}, ${sig(ci[1], digits)}]`;
}

/** Two left-aligned columns, a label and its value, for a command's summary. */
export function keyValues(rows: readonly (readonly [string, string] | string[])[]): string {
  let width = 0;
  for (const r of rows) width = Math.max(width, r[0]!.length);
  return rows.map((r) => `${r[0]!.padEnd(width)}  ${r[1]}`).join("\n");
}
