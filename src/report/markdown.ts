import type { Forecast } from "../plan/forecastTypes.js";
import { forecastTables, type TextTable } from "./forecastTables.js";

function mdTable(t: TextTable): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  const table = [`## ${t.title}`, "", line(t.header), line(t.header.map(() => "---")), ...t.rows.map(line)];
  return [...table, ...(t.note ? ["", ...t.note.split("\n").map((l) => `${l}  `)] : [])].join("\n");
}

/** The forecast report as Markdown: the same tables as the HTML report, and the warnings. */
export function renderReportMarkdown(f: Forecast): string {
  const title = `# scalecast forecast: ${f.law}${f.target !== null ? ` to ${f.target}` : ""}`;
  const warnings = f.warnings.length
    ? ["## Warnings", "", ...f.warnings.map((w) => `- ${w}`)].join("\n")
    : "";
  return [title, ...forecastTables(f).map(mdTable), warnings].filter(Boolean).join("\n\n") + "\n";
}
