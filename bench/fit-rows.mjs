#!/usr/bin/env node
/**
 * Fits that scale with rows (issue 17): a Chinchilla fit with a bootstrap on many rows, as `scalecast fit`
 * runs it now (the K-hits multi-start rule, the fused objective, bootstrap refits preconditioned by the
 * full-data inverse Hessian on the drawn rows only, on worker threads), against the full-grid baseline
 * measured in the same run: Epoch's 4,500 starts on the same pool, then the bootstrap refitted as before
 * (plain L-BFGS from the optimum over all rows; bench/baselineBootstrapWorker.mjs). Prints wall and CPU
 * seconds, the ratio, how many starts the rule used, the parameters against the full grid's, and the
 * bootstrap SEs of both. A benchmark, not a test: nothing here asserts a time.
 *
 * Rows: bench/chinchillaRows.mjs (Epoch's fitted law, N and D over Hoffmann's range, σ = 0.00755 on log L);
 * `--rows 0` uses Hoffmann's 240 points (shared/data/chinchilla, Epoch's selection) instead.
 *
 * Usage: npm run build && node bench/fit-rows.mjs [--rows 10000] [--resamples 1000] [--workers N]
 *        [--no-baseline] [--json]
 */

import { readFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runFitPlanOnWorkers, SLICES_PER_WORKER } from "../dist/cli/parallelFit.js";
import { WorkerPool } from "../dist/cli/workerPool.js";
import { standardDeviation } from "../dist/fit/summary.js";
import { fitLawPlan, FAMILIES, readTable, selectColumns } from "../dist/index.js";
import { chinchillaRows } from "./chinchillaRows.mjs";

const { values: opt } = parseArgs({
  options: {
    rows: { type: "string", default: "10000" },
    resamples: { type: "string", default: "1000" },
    workers: { type: "string", default: String(availableParallelism()) },
    "no-baseline": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const rows = Number(opt.rows);
const resamples = Number(opt.resamples);
const workers = Number(opt.workers);
const seed = 0;
const log = opt.json ? () => {} : (s) => process.stderr.write(`${s}\n`);
const NAMES = ["E", "A", "B", "alpha", "beta"];

function hoffmannPoints() {
  const path = fileURLToPath(new URL("../../shared/data/chinchilla/svg_extracted_data.csv", import.meta.url));
  const run = selectColumns(
    readTable(readFileSync(path, "utf8"), { fileName: "svg_extracted_data.csv" }),
    { n: "Model Size", compute: "Training FLOP", loss: "loss" },
    { tokensFromCompute: true, dropHighest: { role: "loss", count: 5 }, positive: ["n", "compute", "loss"] },
  );
  return { inputs: [run.columns.n, run.columns.d], y: run.columns.loss };
}

const data = rows > 0 ? chinchillaRows(rows) : hoffmannPoints();
const n = data.y.length;
const clock = () => ({ wall: process.hrtime.bigint(), cpu: process.cpuUsage() });
const since = (t) => {
  const c = process.cpuUsage(t.cpu);
  return { wall: Number(process.hrtime.bigint() - t.wall) / 1e9, cpu: (c.user + c.system) / 1e6 };
};
const slices = Math.max(1, workers * SLICES_PER_WORKER);
const fit = (options) =>
  runFitPlanOnWorkers(fitLawPlan("chinchilla", data, { seed, startSlices: slices, ...options }), workers);

log(`${n} rows, ${resamples} resamples, ${workers} worker threads`);
log("new: the K-hits rule, fused objective, preconditioned compacted bootstrap…");
let t = clock();
const now = await fit({ bootstrap: resamples });
const timeNew = since(t);
if (now.status !== "converged") throw new Error(`fit did not converge: ${now.reason}`);

let base = null;
if (!opt["no-baseline"]) {
  log("baseline: the full grid (4,500 starts) on the same pool…");
  t = clock();
  const grid = await fit({ bootstrap: 0, startBudget: "all" });
  const timeGrid = since(t);
  if (grid.status !== "converged") throw new Error(`full-grid fit did not converge: ${grid.reason}`);
  log("baseline: the bootstrap as before (plain L-BFGS over all rows)…");
  t = clock();
  const pool = new WorkerPool(new URL("./baselineBootstrapWorker.mjs", import.meta.url), workers);
  const job = {
    family: "chinchilla",
    inputs: data.inputs.map((c) => Array.from(c)),
    y: Array.from(data.y),
    theta0: grid.theta,
    seed,
    objective: {},
  };
  const chunks = [];
  for (let from = 0; from < resamples; from += 50)
    chunks.push(pool.run({ job, from, count: Math.min(50, resamples - from) }));
  const draws = (await Promise.all(chunks)).flat();
  await pool.close();
  const timeBoot = since(t);
  const used = draws
    .filter((d) => d.status === "converged")
    .map((d) => FAMILIES.chinchilla.toPublic(d.theta));
  base = {
    fit: grid,
    seconds: { grid: timeGrid, bootstrap: timeBoot },
    se: Object.fromEntries(NAMES.map((k) => [k, standardDeviation(used.map((d) => d[k]))])),
    used: used.length,
  };
}

const se = Object.fromEntries(NAMES.map((k) => [k, now.params[k].se]));
const relDiff = base
  ? Object.fromEntries(NAMES.map((k) => [k, now.params[k].value / base.fit.params[k].value - 1]))
  : null;
const baseTotal = base && {
  wall: base.seconds.grid.wall + base.seconds.bootstrap.wall,
  cpu: base.seconds.grid.cpu + base.seconds.bootstrap.cpu,
};
const result = {
  node: process.version,
  cpu: cpus()[0]?.model,
  rows: n,
  resamples,
  workers,
  now: { seconds: timeNew, starts: now.starts, bootstrapUsed: now.bootstrap.used, se },
  baseline: base && {
    seconds: { ...base.seconds, total: baseTotal },
    starts: base.fit.starts,
    bootstrapUsed: base.used,
    se: base.se,
  },
  ratio: baseTotal && { wall: baseTotal.wall / timeNew.wall, cpu: baseTotal.cpu / timeNew.cpu },
  paramRelDiff: relDiff,
};
if (opt.json) {
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}

const s = (x) => x.toFixed(2);
const out = [];
out.push(`Chinchilla fit, ${n} rows, bootstrap ${resamples}, ${workers} worker threads (${result.cpu})`);
out.push("");
out.push("                                      wall s    CPU s");
if (base) {
  out.push(
    `baseline: full grid (4,500 starts)    ${s(base.seconds.grid.wall).padStart(7)}  ${s(base.seconds.grid.cpu).padStart(7)}`,
  );
  out.push(
    `baseline: bootstrap, plain refits     ${s(base.seconds.bootstrap.wall).padStart(7)}  ${s(base.seconds.bootstrap.cpu).padStart(7)}`,
  );
  out.push(
    `baseline: total                       ${s(baseTotal.wall).padStart(7)}  ${s(baseTotal.cpu).padStart(7)}`,
  );
}
out.push(
  `now: fit end to end                   ${s(timeNew.wall).padStart(7)}  ${s(timeNew.cpu).padStart(7)}`,
);
if (base)
  out.push(
    `ratio baseline / now                  ${(baseTotal.wall / timeNew.wall).toFixed(1).padStart(6)}x  ${(baseTotal.cpu / timeNew.cpu).toFixed(1).padStart(6)}x`,
  );
out.push("(target: under 15 s wall at 10k rows with bootstrap 1,000)");
out.push("");
const st = now.starts;
out.push(
  `starts now: ${st.tried} of ${st.available} (rule: best reached from ${st.required}; ${st.hits} reached it)` +
    (base ? `; full grid: ${base.fit.starts.hits} of 4500 reached it` : ""),
);
out.push("");
out.push("param   now               full grid         rel. diff   SE now     SE baseline");
for (const k of NAMES)
  out.push(
    `${k.padEnd(7)} ${String(now.params[k].value.toPrecision(10)).padEnd(17)} ${base ? String(base.fit.params[k].value.toPrecision(10)).padEnd(17) : "—".padEnd(17)} ` +
      `${relDiff ? relDiff[k].toExponential(1).padStart(9) : "—".padStart(9)}   ${se[k].toPrecision(4).padEnd(10)} ${base ? base.se[k].toPrecision(4) : "—"}`,
  );
out.push(
  `bootstrap: ${now.bootstrap.used}/${resamples} refits converged now` +
    (base
      ? `, ${base.used}/${resamples} in the baseline (same resamples, SEs should agree to sampling noise)`
      : ""),
);
console.log(out.join("\n"));
