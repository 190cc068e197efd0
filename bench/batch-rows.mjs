#!/usr/bin/env node
/**
 * `batch` bootstrap that scales with rows (issue 17): the S(B) fit of a steps-to-result table with a
 * residual bootstrap, as `scalecast batch` runs it now (each resample refitted by Newton on the profile SSE
 * from the full-data optimum, chunks on worker threads), against the baseline measured in the same run: the
 * behaviour before, every resample refitted by the whole grid of 9 L-BFGS starts in this thread
 * (`starts: "all"`, no workers). Prints wall and CPU seconds (CPU includes the worker threads), the ratio,
 * and the largest relative difference of the point estimates and the 95% interval ends between the two.
 * A benchmark, not a test: nothing here asserts a time.
 *
 * Rows: bench/stepsRows.mjs (S_min = 2,000, B_noise = 512, log-normal noise σ = 0.05, batch 16…16,384).
 *
 * Usage: npm run build && node bench/batch-rows.mjs [--rows 10000] [--resamples 1000] [--workers N]
 *        [--baseline-resamples N] (fewer baseline resamples: its time is then scaled up linearly, and
 *        the intervals are not compared) [--no-baseline] [--json]
 */

import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { analyzeBatchSweepPlan } from "../dist/batch/analyzeBatchSweep.js";
import { runStepsPlanOnWorkers, stepsWorkersFor } from "../dist/cli/parallelSteps.js";
import { stepsCsv } from "./stepsRows.mjs";

const { values: opt } = parseArgs({
  options: {
    rows: { type: "string", default: "10000" },
    resamples: { type: "string", default: "1000" },
    workers: { type: "string" },
    "baseline-resamples": { type: "string" },
    "no-baseline": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const rows = Number(opt.rows);
const resamples = Number(opt.resamples);
const baseResamples = Number(opt["baseline-resamples"] ?? resamples);
const workers = stepsWorkersFor(resamples, rows, opt.workers === undefined ? undefined : Number(opt.workers));
const log = opt.json ? () => {} : (s) => process.stderr.write(`${s}\n`);

const csv = stepsCsv(rows);
const clock = () => ({ wall: process.hrtime.bigint(), cpu: process.cpuUsage() });
const since = (t) => {
  const c = process.cpuUsage(t.cpu);
  return { wall: Number(process.hrtime.bigint() - t.wall) / 1e9, cpu: (c.user + c.system) / 1e6 };
};
/** The table as `batch` reads it: rows of (batch, steps). */
function input() {
  const lines = csv.trim().split("\n").slice(1);
  return {
    kind: "steps",
    rows: lines.map((l) => {
      const [batch, steps] = l.split(",").map(Number);
      return { batch, steps };
    }),
  };
}

log(`${rows} rows, ${resamples} resamples, ${workers} worker threads`);
log("now: refits from the optimum (Newton on the profile SSE), on the pool…");
let t = clock();
const now = await runStepsPlanOnWorkers(analyzeBatchSweepPlan(input(), { bootstrap: resamples }), workers);
const timeNow = since(t);
if (now.status !== "converged") throw new Error(`fit did not converge: ${now.reason}`);

let base = null;
if (!opt["no-baseline"]) {
  log(`baseline: every resample refitted by the grid of 9 L-BFGS starts, one thread (${baseResamples})…`);
  t = clock();
  const fit = await runStepsPlanOnWorkers(
    analyzeBatchSweepPlan(input(), { bootstrap: baseResamples, starts: "all" }),
    0,
  );
  const measured = since(t);
  if (fit.status !== "converged") throw new Error(`baseline did not converge: ${fit.reason}`);
  const scale = resamples / baseResamples;
  base = { fit, measured, seconds: { wall: measured.wall * scale, cpu: measured.cpu * scale } };
}

const KEYS = ["sMin", "bNoise", "eMin"];
let maxRel = null;
if (base) {
  maxRel = { value: 0, ci95: null };
  for (const k of KEYS) {
    maxRel.value = Math.max(maxRel.value, Math.abs(now.fit[k].value / base.fit.fit[k].value - 1));
    if (baseResamples === resamples) {
      maxRel.ci95 ??= 0;
      for (const j of [0, 1])
        maxRel.ci95 = Math.max(maxRel.ci95, Math.abs(now.fit[k].ci95[j] / base.fit.fit[k].ci95[j] - 1));
    }
  }
}
const result = {
  node: process.version,
  cpu: cpus()[0]?.model,
  rows,
  resamples,
  workers,
  now: { seconds: timeNow, used: now.fit.bootstrap.used, starts: now.fit.starts },
  baseline: base && { resamples: baseResamples, measured: base.measured, seconds: base.seconds },
  ratio: base && { wall: base.seconds.wall / timeNow.wall, cpu: base.seconds.cpu / timeNow.cpu },
  maxRelDiff: maxRel,
  estimates: Object.fromEntries(
    KEYS.map((k) => [k, { now: now.fit[k], baseline: base?.fit.fit[k] ?? null }]),
  ),
};
if (opt.json) {
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}
const s = (x) => x.toFixed(2).padStart(7);
const out = [
  `batch S(B) fit, ${rows} rows, bootstrap ${resamples}, ${workers} worker threads (${result.cpu})`,
  "",
];
out.push("                                         wall s    CPU s");
if (base)
  out.push(
    `baseline: grid refits, one thread      ${s(base.seconds.wall)}  ${s(base.seconds.cpu)}` +
      (baseResamples !== resamples
        ? `  (${baseResamples} resamples measured, scaled ×${resamples / baseResamples})`
        : ""),
  );
out.push(`now: refits from the optimum, pool     ${s(timeNow.wall)}  ${s(timeNow.cpu)}`);
if (base)
  out.push(
    `ratio baseline / now                   ${result.ratio.wall.toFixed(1).padStart(6)}x  ${result.ratio.cpu.toFixed(1).padStart(6)}x`,
  );
out.push("(target: under 10 s wall at 10k rows with bootstrap 1,000)", "");
out.push("         now: value [95%]                                   baseline: value [95%]");
for (const k of KEYS) {
  const f = (e) =>
    e ? `${e.value.toPrecision(8)} [${e.ci95.map((x) => x.toPrecision(8)).join(", ")}]` : "—";
  out.push(`${k.padEnd(8)} ${f(now.fit[k]).padEnd(50)} ${f(base?.fit.fit[k])}`);
}
if (maxRel)
  out.push(
    `largest relative difference: point ${maxRel.value.toExponential(1)}` +
      (maxRel.ci95 !== null ? `, interval ends ${maxRel.ci95.toExponential(1)}` : ""),
  );
out.push(`bootstrap: ${now.fit.bootstrap.used}/${resamples} refits converged`);
console.log(out.join("\n"));
