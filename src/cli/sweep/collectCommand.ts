import { defineCommand } from "citty";
import { bestPerSize } from "../../sweep/bestPerSize.js";
import {
  type CollectedRuns,
  collectRuns,
  gnsSamplesOf,
  type RunRow,
  seriesOf,
} from "../../sweep/collectRuns.js";
import type { Io } from "../io.js";
import { enumOption, integerOption } from "../options.js";
import { renderTable, sig } from "../table.js";
import { readResults } from "./readResults.js";

const args = {
  dir: { type: "positional", description: "results folder of sweep run", required: true },
  out: { type: "string", description: "write the runs table (.csv or .jsonl)" },
  best: {
    type: "string",
    description: "learning curves: write the best model per data size (CSV) for scalecast fit",
  },
  series: {
    type: "string",
    description:
      "batch sweeps: write batch,step,metric,trial of the main optimizer (CSV) for scalecast batch",
  },
  gns: {
    type: "string",
    description: "batch sweeps: write the gradient-noise rows (CSV) for scalecast batch --gns",
  },
  source: {
    type: "string",
    description: "auto|logs|tensorboard: which logs to read (default auto: metric logs, else event files)",
  },
  retries: {
    type: "string",
    description: "retries the run used (a point failed after 1 + retries attempts; default 1)",
  },
  json: { type: "boolean", description: 'print {"rows", "missing", "failed"} as JSON' },
} as const;

const PARAM_COLUMNS = ["id", "data", "width", "batch", "lr", "seed", "optimizer"];

/** Columns of a runs table: the parameters, then every metric in order of first appearance. */
export function runColumns(rows: readonly RunRow[]): string[] {
  const cols = [...PARAM_COLUMNS];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  return cols;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The runs table as CSV (header + one line per run) or JSONL. */
export function renderRuns(rows: readonly RunRow[], format: "csv" | "jsonl"): string {
  if (format === "jsonl") return rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
  const cols = runColumns(rows);
  return [cols.join(","), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n";
}

/** Read and collect a results folder (shared by collect and fit). */
export function collectDir(dir: string, source: "auto" | "logs" | "tensorboard", retries: number) {
  const res = readResults(dir, source, 1 + retries);
  const collected = collectRuns(res.sweep, res.outcomes);
  return { ...res, collected };
}

/** The text summary of a collection. */
export function renderCollected(
  c: CollectedRuns,
  rejected: { id: string; where: string; reason: string }[],
  metric: string,
): string {
  const lines = [
    `runs     ${c.rows.length} finished, ${c.missing.length} missing, ${c.failed.length} failed`,
  ];
  const cols = [
    "id",
    metric,
    ...(c.rows.some((r) => r.steps_to_target !== undefined) ? ["steps_to_target"] : []),
    "steps",
  ];
  if (c.rows.length > 0)
    lines.push(
      renderTable(
        cols,
        c.rows.map((r) =>
          cols.map((k) => (typeof r[k] === "number" ? sig(r[k] as number, 4) : String(r[k] ?? "-"))),
        ),
      ),
    );
  for (const m of c.missing) lines.push(`missing  ${m.id}: ${m.reason}`);
  for (const f of c.failed) lines.push(`failed   ${f.id}: ${f.reason}; left out of the fit`);
  for (const r of rejected) lines.push(`rejected ${r.id}: ${r.where}: ${r.reason}`);
  return lines.join("\n");
}

/** `scalecast sweep collect DIR`: the runs table from every finished point's logs. */
export function collectCommand(io: Io) {
  return defineCommand({
    meta: {
      name: "collect",
      description: "Collect a sweep's runs table (CSV/JSONL) from the points' logs and event files",
    },
    args,
    run({ args: a }) {
      const source = enumOption(a.source, "--source", ["auto", "logs", "tensorboard"] as const) ?? "auto";
      const { sweep, collected, rejected, outcomes } = collectDir(
        a.dir,
        source,
        integerOption(a.retries, "--retries") ?? 1,
      );
      if (a.out) io.writeText(a.out, renderRuns(collected.rows, /\.jsonl$/i.test(a.out) ? "jsonl" : "csv"));
      if (a.best) {
        const best = bestPerSize(collected.rows, sweep.metric);
        io.writeText(
          a.best,
          `data,width,params,${sweep.metric}\n${best.map((b) => `${b.data},${b.width},${b.params ?? ""},${b.error}`).join("\n")}\n`,
        );
      }
      const main = String(sweep.design.optimizer ?? "momentum");
      const finished = sweep.points.filter(
        (p) => p.optimizer === main && collected.rows.some((r) => r.id === p.id),
      );
      const rowsOf = (id: string) => {
        const o = outcomes.get(id);
        return o?.status === "done" ? o.rows : [];
      };
      if (a.series)
        io.writeText(
          a.series,
          `batch,step,metric,trial\n${finished.flatMap((p) => seriesOf(rowsOf(p.id), sweep.metric).map((s) => `${p.batch},${s.step},${s.value},${p.id}`)).join("\n")}\n`,
        );
      if (a.gns)
        io.writeText(
          a.gns,
          `step,b_small,b_big,g_small_sq,g_big_sq\n${finished.flatMap((p) => gnsSamplesOf(rowsOf(p.id)).map((g) => `${g.step},${g.bSmall},${g.bBig},${g.gSmallSq},${g.gBigSq}`)).join("\n")}\n`,
        );
      if (a.json) {
        io.stdout(
          `${JSON.stringify({ rows: collected.rows, missing: collected.missing, failed: collected.failed, rejected }, null, 2)}\n`,
        );
        return;
      }
      const wrote = [a.out, a.best, a.series, a.gns].filter(Boolean);
      io.stdout(
        `${renderCollected(collected, rejected, sweep.metric)}${wrote.length ? `\nwrote    ${wrote.join(", ")}` : ""}\n`,
      );
    },
  });
}
