#!/usr/bin/env node
/* global performance */
/**
 * Sweep benchmark: (a) `scalecast train` steps per second against a bare TensorFlow.js loop on the same
 * model, batch and backend (the baseline, measured in the same run: the ratio is the trainer's own
 * overhead: batch assembly from MNIST bytes, evaluation bookkeeping, logging); (b) the sweep executor's
 * overhead per point: wall time of `sweep run --executor local` over points whose command does nothing,
 * against spawning the same command directly (the floor). A benchmark, not a test: nothing asserts a time.
 *
 * Usage: npm run build && node bench/sweep.mjs [--json]
 */

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadTf } from "../dist/cli/train/tf.js";
import { trainRun } from "../dist/cli/train/trainRun.js";

const json = process.argv.includes("--json");
const main = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "scalecast-bench-"));
const results = { trainer: [], sweep: null };

async function bareLoop(backend, width, batch, steps) {
  const tf = await loadTf(backend);
  const w1 = tf.variable(tf.randomNormal([784, width], 0, 0.05, "float32", 1));
  const b1 = tf.variable(tf.zeros([width]));
  const w2 = tf.variable(tf.randomNormal([width, 10], 0, 0.05, "float32", 2));
  const b2 = tf.variable(tf.zeros([10]));
  const x = tf.randomUniform([batch, 784], 0, 1, "float32", 3);
  const y = tf.oneHot(tf.randomUniform([batch], 0, 10, "int32", 4), 10);
  const opt = tf.train.adam(0.001);
  const loss = () =>
    tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2));
  for (let i = 0; i < 10; i++) tf.dispose(opt.minimize(loss, true));
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const l = opt.minimize(loss, true);
    l.dataSync();
    l.dispose();
  }
  const s = (performance.now() - t0) / 1000;
  tf.dispose([w1, b1, w2, b2, x, y]);
  opt.dispose();
  return steps / s;
}

for (const backend of ["wasm", "cpu"]) {
  for (const width of [32, 128]) {
    const steps = backend === "cpu" ? 100 : 300;
    const bare = await bareLoop(backend, width, 64, steps);
    const s = await trainRun({
      data: 8192,
      width,
      batch: 64,
      steps,
      gnsEvery: 0,
      evalGrowth: 1e9,
      testSamples: 1000,
      evalSamples: 500,
      backend,
      out: join(tmp, `train-${backend}-${width}`),
    });
    results.trainer.push({
      backend,
      width,
      batch: 64,
      trainerStepsPerSecond: s.stepsPerSecond,
      bareStepsPerSecond: bare,
      ratio: s.stepsPerSecond / bare,
    });
  }
}

// sweep overhead: 24 points of `true`, one at a time, through the executor vs spawned directly
const sweep = join(tmp, "lc.json");
execFileSync(process.execPath, [
  main,
  "sweep",
  "design",
  "--kind",
  "learning-curve",
  "--data",
  "100,200,400,800,1600,3200",
  "--widths",
  "8,16,32,64",
  "--out",
  sweep,
]);
const points = 24;
const t0 = performance.now();
execFileSync(process.execPath, [
  main,
  "sweep",
  "run",
  sweep,
  "--results",
  join(tmp, "res"),
  "--command",
  "true",
  "--concurrency",
  "1",
]);
const sweepSeconds = (performance.now() - t0) / 1000;
const t1 = performance.now();
for (let i = 0; i < points; i++) spawnSync("bash", ["-c", "true"]);
const floorSeconds = (performance.now() - t1) / 1000;
const startup = performance.now();
execFileSync(process.execPath, [main, "--version"]);
const cliStartSeconds = (performance.now() - startup) / 1000;
results.sweep = {
  points,
  seconds: sweepSeconds,
  cliStartSeconds,
  overheadPerPointSeconds: (sweepSeconds - cliStartSeconds) / points,
  directSpawnPerPointSeconds: floorSeconds / points,
};
rmSync(tmp, { recursive: true, force: true });
const require = createRequire(import.meta.url);
const tfVersion = require("@tensorflow/tfjs/package.json").version;

if (json) console.log(JSON.stringify({ tfjs: tfVersion, ...results }, null, 2));
else {
  console.log(
    `trainer (MLP 784-w-10 on MNIST, batch 64, Adam; TensorFlow.js ${tfVersion}) vs a bare TensorFlow.js loop:`,
  );
  console.log("backend  width  trainer steps/s  bare loop steps/s  ratio");
  for (const r of results.trainer)
    console.log(
      `${r.backend.padEnd(7)}  ${String(r.width).padStart(5)}  ${r.trainerStepsPerSecond.toFixed(1).padStart(15)}  ${r.bareStepsPerSecond.toFixed(1).padStart(17)}  ${r.ratio.toFixed(2).padStart(5)}`,
    );
  const s = results.sweep;
  console.log(
    `sweep overhead: ${s.points} no-op points in ${s.seconds.toFixed(2)} s (CLI start ${s.cliStartSeconds.toFixed(2)} s): ${(1000 * s.overheadPerPointSeconds).toFixed(1)} ms per point, vs ${(1000 * s.directSpawnPerPointSeconds).toFixed(1)} ms to spawn the command directly (${(s.overheadPerPointSeconds / s.directSpawnPerPointSeconds).toFixed(1)}x)`,
  );
}
