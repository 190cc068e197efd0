#!/usr/bin/env node
/**
 * Large runs files (issue 16 item 1, issue 17 CSV ingest): generate a 6M-row, ~200 MB runs file and time
 * `fit`, `forecast` and `batch` on it (bootstrap 0), printing wall time, CPU time and peak resident memory
 * against a bare `node -e 0` and against the same command on a 1k-row file, all measured in this run.
 * Target: the 6M-row fit under a minute with under 1 GB resident. Each child runs with the preload
 * bench/cpuAtExit.mjs, which writes its own CPU time and peak RSS (worker threads included) at exit.
 * A benchmark, not a test: it prints and asserts nothing (exit 1 only with --check when a target fails).
 *
 * Usage: npm run build && node bench/large-runs.mjs [--rows N] [--check] [--json]
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const rowsAt = argv.indexOf("--rows");
const ROWS = rowsAt >= 0 ? Number(argv[rowsAt + 1]) : 6_000_000;
if (!(Number.isInteger(ROWS) && ROWS >= 1000)) {
  console.error("large-runs: --rows takes an integer of at least 1000");
  process.exit(2);
}
const root = fileURLToPath(new URL("..", import.meta.url));
const main = `${root}dist/cli/main.js`;
const preload = `${root}bench/cpuAtExit.mjs`;

/**
 * A runs file with a learning curve (x: data size, y: loss = 5 x^-0.3 + 0.5 with 1% noise, Hestness et
 * al.'s power law with a floor; params: model size 50 x^0.7, HAD19's p(m)) and a batch-size sweep (batch, step, metric, trial: metric falling as
 * 1/(1 + step batch / 2^16) plus noise), plus two columns no command reads. Two seeded linear
 * congruential streams (Park and Miller 1988) keep it deterministic.
 */
async function writeRuns(path, rows) {
  const out = createWriteStream(path);
  out.write("trial,x,y,params,batch,step,metric,note\n");
  let a = 12345;
  let b = 67890;
  const u = () => (a = (a * 16807) % 2147483647) / 2147483647;
  const v = () => (b = (b * 48271) % 2147483647) / 2147483647;
  let buf = "";
  for (let i = 0; i < rows; i++) {
    const x = Math.round(1e3 * 10 ** (6 * u()));
    const y = (5 * x ** -0.3 + 0.5) * (1 + 0.01 * (v() - 0.5));
    const batch = 2 ** (4 + (i % 10));
    const step = 10 * (1 + (Math.floor(i / 10) % 2000));
    const metric = 1 / (1 + (step * batch) / 2 ** 16) + 0.02 * v();
    const params = Math.round(50 * x ** 0.7 * (1 + 0.01 * (v() - 0.5)));
    buf += `${i % 7},${x},${y.toPrecision(7)},${params},${batch},${step},${metric.toPrecision(5)},ok\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await new Promise((r) => out.once("drain", r));
      buf = "";
    }
  }
  out.end(buf);
  await new Promise((r) => out.once("finish", r));
}

const COMMANDS = [
  ["fit", (f) => ["fit", f, "--x", "x", "--y", "y", "--bootstrap", "0"]],
  [
    "forecast",
    (f) => [
      ...["forecast", f, "--law", "power", "--x", "x", "--y", "y", "--params", "params"],
      ...["--bootstrap", "0", "--target", "0.55"],
    ],
  ],
  ["batch", (f) => ["batch", f, "--target", "0.3", "--bootstrap", "0"]],
];

const dir = mkdtempSync(`${tmpdir()}/scalecast-large-runs-`);
function measure(label, args) {
  const out = `${dir}/usage.json`;
  const t0 = process.hrtime.bigint();
  const p = spawnSync(process.execPath, ["--import", preload, ...args], {
    env: { ...process.env, SCALECAST_CPU_FILE: out },
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 1 << 24,
  });
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  if (p.status !== 0) throw new Error(`${label} exited ${p.status}: ${String(p.stderr).slice(0, 500)}`);
  const { user, system, maxRSS } = JSON.parse(readFileSync(out, "utf8"));
  return { label, wallS, cpuS: (user + system) / 1e6, rssMB: maxRSS / 1024 };
}

let rows;
try {
  const small = `${dir}/runs-1k.csv`;
  const large = `${dir}/runs-large.csv`;
  await writeRuns(small, 1000);
  await writeRuns(large, ROWS);
  const bytes = statSync(large).size;
  const base = measure("node -e 0", ["-e", "0"]);
  rows = [{ ...base, command: "node -e 0", rows: 0 }];
  for (const [name, args] of COMMANDS) {
    const one = measure(`${name} 1k`, [main, ...args(small)]);
    const big = measure(`${name} ${ROWS}`, [main, ...args(large)]);
    rows.push({ ...one, command: name, rows: 1000 });
    rows.push({
      ...big,
      command: name,
      rows: ROWS,
      vs1k: { wall: big.wallS / one.wallS, rss: big.rssMB / one.rssMB },
    });
  }
  if (flag("--json")) console.log(JSON.stringify({ rows: ROWS, bytes, base, results: rows }, null, 2));
  else {
    console.log(
      `large runs: ${ROWS} rows, ${(bytes / 1e6).toFixed(0)} MB CSV (8 columns, at most 4 read); bootstrap 0`,
    );
    for (const r of rows)
      console.log(
        `${`${r.command} ${r.rows ? `${r.rows} rows` : ""}`.padEnd(24)} ${r.wallS.toFixed(2).padStart(7)} s wall ${r.cpuS.toFixed(2).padStart(7)} s CPU ${r.rssMB.toFixed(0).padStart(5)} MB peak RSS` +
          `  ${(r.wallS / base.wallS).toFixed(1).padStart(6)}x / ${(r.rssMB / base.rssMB).toFixed(1)}x node -e 0` +
          (r.vs1k ? `  ${r.vs1k.wall.toFixed(1)}x / ${r.vs1k.rss.toFixed(1)}x the 1k-row run` : ""),
      );
    const fit = rows.find((r) => r.command === "fit" && r.rows === ROWS);
    console.log(
      `target (the ${ROWS}-row fit under 60 s and 1 GB): ${fit.wallS < 60 && fit.rssMB < 1024 ? "met" : "MISSED"} (${fit.wallS.toFixed(1)} s, ${fit.rssMB.toFixed(0)} MB)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (flag("--check") && rows) {
  const fit = rows.find((r) => r.command === "fit" && r.rows === ROWS);
  if (!(fit.wallS < 60 && fit.rssMB < 1024)) process.exitCode = 1;
}
