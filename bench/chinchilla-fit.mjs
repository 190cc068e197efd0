#!/usr/bin/env node
/**
 * Fit benchmark: scalecast vs a SciPy reference (bench/scipy_chinchilla.py) on Chinchilla Approach 3,
 * Epoch's replication (Besiroglu et al. 2024; shared/REFERENCE.md section (e)).
 *
 * Times (a) the full-data fit from Epoch's 4,500-point grid of starts and (b) 4,000 bootstrap resamples
 * refitted from the full-data optimum, single-threaded and on worker threads (fitLawParallel); then runs
 * the SciPy reference on the same starts and resample count, and prints times, the SciPy/scalecast ratio,
 * parameter agreement and bootstrap SEs next to Epoch's published ones. A benchmark, not a test: nothing
 * here asserts a time.
 *
 * Usage: npm run build && node bench/chinchilla-fit.mjs [--quick] [--no-scipy] [--json]
 *   --quick     every 10th grid start (450) and 400 resamples on both sides (about a minute)
 *   --no-scipy  skip the SciPy reference
 *   --json      one JSON object instead of the table
 */

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { runFitPlanOnWorkers, SLICES_PER_WORKER } from "../dist/cli/parallelFit.js";
import { WorkerPool } from "../dist/cli/workerPool.js";
import { bootstrapChunk } from "../dist/fit/bootstrap.js";
import { standardDeviation } from "../dist/fit/summary.js";
import { bindLaw } from "../dist/laws/bindLaw.js";
import { prepareLawData } from "../dist/laws/lawData.js";
import { FAMILIES, fitLawPlan, fitMultiStart, readTable, selectColumns } from "../dist/index.js";

// the CLI's fit on worker threads: the core's fit plan driven on a pool
const fitLawParallel = (name, data, { workers, ...options }) =>
  runFitPlanOnWorkers(
    fitLawPlan(name, data, { ...options, startSlices: workers * SLICES_PER_WORKER }),
    workers,
  );

const args = new Set(process.argv.slice(2));
for (const a of args) {
  if (!["--quick", "--no-scipy", "--json"].includes(a)) {
    console.error(`chinchilla-fit: unknown option ${a} (expected --quick, --no-scipy, --json)`);
    process.exit(2);
  }
}
const quick = args.has("--quick");
const asJson = args.has("--json");
const GRID_SIZE = 4500;
const startsWanted = quick ? 450 : GRID_SIZE;
const resamples = quick ? 400 : 4000;
const seed = 0;
const workers = availableParallelism();
const NAMES = ["E", "A", "B", "alpha", "beta"];
/** Besiroglu et al. 2024, bootstrap SEs of their refit (REFERENCE (e)). */
const EPOCH = {
  params: { E: 1.82, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 },
  se: { E: 0.026, A: 124.5, B: 1293, alpha: 0.015, beta: 0.021 },
};

const log = asJson ? () => {} : (s) => process.stderr.write(`${s}\n`);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const dataPath = here("../../shared/data/chinchilla/svg_extracted_data.csv");

// Data, through the library's own ingest: D = C/(6N), the 5 highest-loss points dropped.
const table = readTable(readFileSync(dataPath, "utf8"), { fileName: "svg_extracted_data.csv" });
const runs = selectColumns(
  table,
  { n: "Model Size", compute: "Training FLOP", loss: "loss" },
  { tokensFromCompute: true, dropHighest: { role: "loss", count: 5 }, positive: ["n", "compute", "loss"] },
);
const data = { inputs: [runs.columns.n, runs.columns.d], y: runs.columns.loss };
const family = FAMILIES.chinchilla;
const prepared = prepareLawData(family, data);
const problem = { model: bindLaw(family, prepared.logInputs), logY: prepared.logY };

// Same subset as scipy_chinchilla.py --starts K: every ceil(4500/K)-th grid point, in grid order.
const grid = [...family.starts(prepared.logInputs, prepared.logY)];
const step = Math.ceil(grid.length / startsWanted);
const starts = grid.filter((_, i) => i % step === 0);

const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;
const sesOf = (draws) => Object.fromEntries(NAMES.map((k) => [k, standardDeviation(draws.map((d) => d[k]))]));

// (a) single thread: multi-start fit.
log(`scalecast: ${runs.columns.loss.length} points; ${starts.length} starts, single thread…`);
let t0 = process.hrtime.bigint();
const multi = fitMultiStart(problem, starts, {});
const singleStarts = seconds(t0);
if (!multi.best) {
  console.error(`chinchilla-fit: none of ${multi.starts} starts converged (${multi.bestAny.status})`);
  process.exit(1);
}
const theta = multi.best.x;
const params = family.toPublic(theta);

// (b) single thread: bootstrap from the full-data optimum.
log(`scalecast: ${resamples} bootstrap resamples, single thread…`);
t0 = process.hrtime.bigint();
const draws = bootstrapChunk({ problem, theta0: theta, seed, from: 0, count: resamples });
const singleBootstrap = seconds(t0);
const used = draws.filter((d) => d.status === "converged").map((d) => family.toPublic(d.theta));
const se = sesOf(used);

// Worker threads. (a) the starts through fitLawParallel (bootstrap 0); (b) the bootstrap exactly as
// fitLawParallel runs it (chunks of 50 resamples from the full-data optimum on a pool of fit workers),
// timed on its own; then the whole fit through fitLawParallel once more, end to end. Pool start-up and
// teardown are included in every time. Same seed and starts, so the draws must equal the single-thread
// ones exactly (resample k depends only on (seed, k)).
log(`scalecast: the same on ${workers} worker threads…`);
t0 = process.hrtime.bigint();
const parStartsFit = await fitLawParallel("chinchilla", data, { workers, bootstrap: 0, seed, starts });
const parallelStarts = seconds(t0);
const job = {
  family: "chinchilla",
  inputs: data.inputs.map((c) => Array.from(c)),
  y: Array.from(data.y),
  theta0: Array.from(theta),
  seed,
  objective: {},
};
t0 = process.hrtime.bigint();
const pool = new WorkerPool(new URL("../dist/cli/fitWorker.js", import.meta.url), workers);
const chunks = [];
for (let from = 0; from < resamples; from += 50) {
  chunks.push(pool.run({ kind: "bootstrap", job, from, count: Math.min(50, resamples - from) }));
}
const poolDraws = (await Promise.all(chunks)).flat();
await pool.close();
const parallelBootstrap = seconds(t0);
t0 = process.hrtime.bigint();
const parFit = await fitLawParallel("chinchilla", data, { workers, bootstrap: resamples, seed, starts });
const parallelEndToEnd = seconds(t0);
const parallelSame =
  parStartsFit.status === "converged" &&
  parStartsFit.theta.every((v, i) => v === theta[i]) &&
  poolDraws.every((d, i) => d.index === draws[i].index && d.theta.every((v, j) => v === draws[i].theta[j])) &&
  parFit.status === "converged" &&
  parFit.bootstrap.used === used.length &&
  parFit.bootstrap.draws.every((d, i) => NAMES.every((k) => d[k] === used[i][k]));

const scalecast = {
  rows: runs.columns.loss.length,
  starts: multi.starts,
  converged: multi.converged,
  objective: multi.best.fx,
  params,
  seconds: {
    starts: singleStarts,
    bootstrap: singleBootstrap,
    parallelStarts,
    parallelBootstrap,
    parallelEndToEnd,
  },
  workers,
  bootstrap: { resamples, used: used.length, seed },
  se,
  parallelMatchesSingle: parallelSame,
};

// The SciPy reference, as a child process, single-threaded BLAS (so both sides run on one core).
let scipy = null;
let scipyNote = null;
if (args.has("--no-scipy")) {
  scipyNote = "SciPy reference skipped (--no-scipy)";
} else {
  const probe = spawnSync("python3", ["-c", "import numpy, scipy; print(scipy.__version__)"], {
    encoding: "utf8",
  });
  if (probe.status !== 0) {
    scipyNote =
      probe.error?.code === "ENOENT"
        ? "SciPy reference unavailable: python3 not found (install Debian's python3-scipy)"
        : "SciPy reference unavailable: python3 cannot import numpy/scipy (install Debian's python3-scipy)";
  } else {
    const version = probe.stdout.trim();
    log(`scipy ${version}: ${starts.length} starts, ${resamples} resamples (finite differences, as Epoch)…`);
    const one = "1";
    const r = spawnSync(
      "python3",
      [
        here("./scipy_chinchilla.py"),
        "--data",
        dataPath,
        "--starts",
        String(startsWanted),
        "--bootstrap",
        String(resamples),
        "--seed",
        String(seed),
        "--json",
      ],
      {
        encoding: "utf8",
        maxBuffer: 1 << 24,
        env: { ...process.env, OPENBLAS_NUM_THREADS: one, OMP_NUM_THREADS: one, MKL_NUM_THREADS: one },
      },
    );
    if (r.status !== 0) scipyNote = `SciPy reference failed (exit ${r.status}): ${r.stderr.trim()}`;
    else scipy = { version, ...JSON.parse(r.stdout) };
  }
}

const relDiff = (a, b) => (100 * (a - b)) / b;
const comparison = scipy && {
  ratioStarts: scipy.seconds_starts / singleStarts,
  ratioBootstrap: scipy.seconds_bootstrap / singleBootstrap,
  ratioTotal: (scipy.seconds_starts + scipy.seconds_bootstrap) / (singleStarts + singleBootstrap),
  ratioTotalParallel: (scipy.seconds_starts + scipy.seconds_bootstrap) / (parallelStarts + parallelBootstrap),
  paramRelDiffPercent: Object.fromEntries(NAMES.map((k) => [k, relDiff(params[k], scipy.params[k])])),
};

if (asJson) {
  console.log(
    JSON.stringify(
      {
        quick,
        node: process.version,
        cpu: cpus()[0]?.model,
        scalecast,
        scipy,
        scipyNote,
        comparison,
        epoch: EPOCH,
      },
      null,
      2,
    ),
  );
  process.exit(0);
}

const fmt = (x, d = 4) => (x === null || x === undefined || Number.isNaN(x) ? "—" : Number(x).toPrecision(d));
const pad = (s, w) => String(s).padStart(w);
const row = (cells, widths) =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[0]) : pad(c, widths[i]))).join("  ");
const out = [];
out.push(
  `Chinchilla Approach 3 fit (Epoch's replication): ${scalecast.rows} points, ${starts.length} grid starts, ${resamples} bootstrap resamples${quick ? " (--quick)" : ""}`,
);
out.push(`Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"}, ${workers} threads available`);
out.push("");
const tw = [34, 12, 12, 14];
out.push(row(["time (s)", "full fit", "bootstrap", "total"], tw));
const trow = (label, a, b) => row([label, a.toFixed(2), b.toFixed(2), (a + b).toFixed(2)], tw);
out.push(trow("scalecast, 1 thread", singleStarts, singleBootstrap));
out.push(trow(`scalecast, ${workers} worker threads`, parallelStarts, parallelBootstrap));
out.push(row([`  fitLawParallel end to end`, "", "", parallelEndToEnd.toFixed(2)], tw));
if (scipy) {
  out.push(
    trow(`SciPy ${scipy.version} L-BFGS-B (finite diff.)`, scipy.seconds_starts, scipy.seconds_bootstrap),
  );
  out.push(
    row(
      [
        "ratio SciPy / scalecast 1 thread",
        `${comparison.ratioStarts.toFixed(1)}×`,
        `${comparison.ratioBootstrap.toFixed(1)}×`,
        `${comparison.ratioTotal.toFixed(1)}×`,
      ],
      tw,
    ),
  );
  out.push(
    row(
      [
        `ratio SciPy / scalecast ${workers} threads`,
        `${(scipy.seconds_starts / parallelStarts).toFixed(1)}×`,
        `${(scipy.seconds_bootstrap / parallelBootstrap).toFixed(1)}×`,
        `${comparison.ratioTotalParallel.toFixed(1)}×`,
      ],
      tw,
    ),
  );
  out.push("(target: SciPy / scalecast ≥ 20×)");
} else {
  out.push(scipyNote);
}
out.push("");
const pw = [8, 12, 12, 10, 12, 12, 12, 10];
out.push(row(["param", "scalecast", "SciPy", "diff %", "Epoch", "SE scalec.", "SE SciPy", "SE Epoch"], pw));
for (const k of NAMES) {
  out.push(
    row(
      [
        k,
        fmt(params[k], 6),
        scipy ? fmt(scipy.params[k], 6) : "—",
        scipy ? comparison.paramRelDiffPercent[k].toFixed(3) : "—",
        EPOCH.params[k],
        fmt(se[k]),
        scipy ? fmt(scipy.se[k]) : "—",
        EPOCH.se[k],
      ],
      pw,
    ),
  );
}
out.push("(parameter target: |diff| ≤ 1%)");
out.push("");
out.push(
  `scalecast: ${multi.converged}/${multi.starts} starts converged, objective ${fmt(multi.best.fx, 7)}; ` +
    `${used.length}/${resamples} resamples converged; worker-thread fit identical to single-thread: ${parallelSame ? "yes" : "NO"}`,
);
if (scipy) {
  out.push(
    `SciPy: ${scipy.converged}/${scipy.starts} starts converged, objective ${fmt(scipy.objective, 7)}; ` +
      `${scipy.bootstrap.used}/${resamples} resamples converged (refits with ftol=0, as scalecast; numpy resamples, so SEs differ by sampling noise)`,
  );
}
console.log(out.join("\n"));
