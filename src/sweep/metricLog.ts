/**
 * A run's metric log as rows of numbers: JSON Lines (one object per line) or CSV/TSV with a header, as a
 * training script writes them, or the scalars of a TensorBoard event file merged by step. A malformed
 * line is rejected with its line number and the other lines are kept (a run killed mid-write leaves a
 * partial last line).
 */

import { readTable } from "../ingest/readTable.js";
import type { ScalarPoint } from "../ingest/tensorboard/readEventFile.js";

/** One logged row: numeric fields only (strings and booleans other than `final` are dropped). */
export type MetricRow = Record<string, number>;

/** Rows read from one log, and the lines rejected. */
export interface MetricLog {
  rows: MetricRow[];
  rejected: { where: string; reason: string }[];
}

function numericRow(o: Record<string, unknown>): MetricRow {
  const row: MetricRow = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === "number" && Number.isFinite(v)) row[k] = v;
    else if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) row[k] = Number(v);
    else if (k === "final" && v === true) row[k] = 1;
  }
  return row;
}

/**
 * Parse a metric log. `format` "jsonl" or "csv"/"tsv"; the file name is used in reasons.
 */
export function parseMetricLog(text: string, format: "jsonl" | "csv" | "tsv", fileName: string): MetricLog {
  const rejected: MetricLog["rejected"] = [];
  if (format !== "jsonl") {
    if (text.trim() === "") return { rows: [], rejected: [{ where: fileName, reason: "empty file" }] };
    try {
      const t = readTable(text, { format, fileName });
      return { rows: t.rows.map((r) => numericRow(r)), rejected };
    } catch (e) {
      return {
        rows: [],
        rejected: [{ where: fileName, reason: e instanceof Error ? e.message : String(e) }],
      };
    }
  }
  const rows: MetricRow[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      rejected.push({
        where: `${fileName} line ${i + 1}`,
        reason: "not a JSON object (truncated or corrupt line)",
      });
      return;
    }
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      rejected.push({ where: `${fileName} line ${i + 1}`, reason: "not a JSON object" });
      return;
    }
    rows.push(numericRow(v as Record<string, unknown>));
  });
  return { rows, rejected };
}

/** TensorBoard scalars as rows: one row per step holding every tag logged at that step. */
export function scalarsToRows(scalars: readonly ScalarPoint[]): MetricRow[] {
  const bySteps = new Map<number, MetricRow>();
  for (const s of scalars) {
    let row = bySteps.get(s.step);
    if (!row) {
      row = { step: s.step };
      bySteps.set(s.step, row);
    }
    row[s.tag] = s.value;
  }
  return [...bySteps.values()].sort((a, b) => a.step! - b.step!);
}
