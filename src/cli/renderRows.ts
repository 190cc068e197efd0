import type { RowReport } from "../ingest/RunTable.js";

/** The row report's lines: counts by reason and the first rejected rows. */
export function renderRows(report: RowReport, shown = 10): string[] {
  const reasons = Object.entries(report.byReason)
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
  const lines = [
    `rows     ${report.read} read, ${report.kept} kept, ${report.rejectedCount} rejected${reasons ? ` (${reasons})` : ""}`,
  ];
  for (const r of report.rejected.slice(0, shown))
    lines.push(
      `         row ${r.row}: ${r.reason}${r.column ? ` in ${r.column}` : ""}${r.value !== undefined ? ` (${String(r.value)})` : ""}${r.duplicateOf !== undefined ? ` (repeats row ${r.duplicateOf})` : ""}`,
    );
  if (report.rejectedCount > shown)
    lines.push(
      `         ... ${report.rejectedCount - shown} more (${report.rejectedCount > report.rejected.length ? `the first ${report.rejected.length} in --json` : "see --json"})`,
    );
  return lines;
}
