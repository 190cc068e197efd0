import type { Accelerator } from "../hardware/accelerator.js";
import { FAMILIES } from "../laws/families.js";
import type { Law } from "../laws/law.js";
import type { Forecast } from "../plan/forecastTypes.js";
import { forecastExplanations } from "./explain.js";
import { forecastPlots } from "./forecastPlots.js";
import { forecastTables, type TextTable } from "./forecastTables.js";
import type { XY } from "./plots.js";
import { formatNumber } from "../units/formatNumber.js";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function htmlTable(t: TextTable): string {
  const head = t.header.map((h) => `<th>${esc(h)}</th>`).join("");
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("\n");
  const note = t.note
    ? `\n${t.note
        .split("\n")
        .map((l) => `<p class="note">${esc(l)}</p>`)
        .join("\n")}`
    : "";
  return `<h2>${esc(t.title)}</h2>\n<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${note}`;
}

/** Options of {@link renderReportHtml}. */
export interface ReportOptions {
  /** Measured runs behind a fitted learning curve. */
  points?: XY[];
  title?: string;
  /** The law the forecast used: its formula, parameters and source are stated. */
  law?: Law;
  /** The accelerator the forecast used: its price and the price's source are stated. */
  accelerator?: Accelerator;
  /** The scalecast version that made the report. */
  version?: string;
  /** The date the report was made (the caller's clock: the core has none), e.g. "2025-06-30". */
  date?: string;
}

/** The law, its parameters and source; the system and price; the tool version and date, as a table. */
export function provenanceTable(f: Forecast, o: ReportOptions): TextTable {
  const rows: string[][] = [];
  const law = o.law;
  if (law) {
    const fam = FAMILIES[law.family];
    rows.push(["law", `${law.name} (${law.family}): ${fam.formula}`]);
    rows.push([
      "law parameters",
      Object.entries(law.params)
        .map(([k, v]) => `${k} = ${formatNumber(v, 4)}`)
        .join(", "),
    ]);
    if (law.units)
      rows.push([
        "law units",
        Object.entries(law.units)
          .map(([k, v]) => `${k}: ${v}`)
          .join(", "),
      ]);
    rows.push([
      "law uncertainty",
      law.draws?.length
        ? `${law.draws.length} bootstrap draws (${f.draws} pushed through the chain)`
        : "none (a point estimate)",
    ]);
    rows.push(["law source", [law.source, fam.source].filter(Boolean).join("; ")]);
  } else rows.push(["law", f.law]);
  const acc = o.accelerator;
  rows.push(["system", `${f.devices} × ${f.hardware}`]);
  if (f.cost.dollarsPerDeviceHour !== null)
    rows.push([
      "price",
      `$${f.cost.dollarsPerDeviceHour.toFixed(2)} per device-hour${acc?.price ? ` (${acc.price.source}; quoted ${acc.price.date})` : ""}`,
    ]);
  else rows.push(["price", "none in the catalog: no cost is given"]);
  rows.push([
    "energy",
    `${f.energy.powerModel}; PUE ${f.energy.pue}; grid ${f.co2.region} at ${f.co2.kgPerKWh} kg CO2/kWh`,
  ]);
  rows.push(["scalecast version", o.version ?? "not given"]);
  rows.push(["date", o.date ?? "not given"]);
  return { title: "Law, system and provenance", header: ["item", "value"], rows };
}

/**
 * One self-contained HTML report of a forecast: the law with its parameters and source, the system and
 * price used, the tool version and date, the tables, how each number is computed, warnings and the
 * same charts as the web app as inline SVG; no scripts, no fonts and no requests, so it opens offline.
 */
export function renderReportHtml(f: Forecast, o: ReportOptions = {}): string {
  const title = o.title ?? `scalecast forecast: ${f.law}${f.target !== null ? ` to ${f.target}` : ""}`;
  const plots = forecastPlots(f, o.points ? { points: o.points } : {});
  const warnings = f.warnings.length
    ? `<h2>Warnings</h2><ul>${f.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul>`
    : "";
  const why = forecastExplanations(f, {
    ...(o.law ? { law: o.law } : {}),
    ...(o.accelerator ? { accelerator: o.accelerator } : {}),
  });
  const how: TextTable = {
    title: "How each number is computed",
    header: ["output", "formula", "source"],
    rows: Object.entries(why).map(([k, e]) => [k, e.formula, e.source]),
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 980px; margin: 2em auto; padding: 0 1em; color: #1b1f24; line-height: 1.45; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; display: block; max-width: 100%; overflow-x: auto; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.75em; text-align: left; vertical-align: top; }
td:nth-child(n+2) { font-variant-numeric: tabular-nums; }
figure { margin: 1em 0 2em; } figure.plot > strong { display: block; margin-bottom: 0.3em; }
figcaption { color: #556; font-size: 0.9em; }
svg { max-width: 100%; height: auto; }
.warn li { color: #8a4b00; }
</style></head><body>
<h1>${esc(title)}</h1>
<p>Made by scalecast ${esc(o.version ?? "")}${o.date ? ` on ${esc(o.date)}` : ""}. Hardware: ${f.devices} × ${esc(f.hardware)}. Bootstrap draws pushed through the chain: ${f.draws}.</p>
${htmlTable(provenanceTable(f, o))}
${forecastTables(f).map(htmlTable).join("\n")}
<div class="warn">${warnings}</div>
<h2>Charts</h2>
${plots.map((p) => `<figure class="plot"><strong>${esc(p.title)}</strong>${p.svg}<figcaption>${esc(p.caption)}</figcaption></figure>`).join("\n")}
${htmlTable(how)}
</body></html>
`;
}
