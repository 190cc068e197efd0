#!/usr/bin/env node
/**
 * Forecast benchmark (issue 17, "Forecast from runs"): the chain with every bootstrap draw pushed
 * through it, against the same forecast with no draws (the baseline, measured in the same run), on a
 * law fitted to Chinchilla's 245 points (shared/data/chinchilla/svg_extracted_data.csv, Epoch's
 * extraction; D = C / 6N). Also times the CLI's whole `forecast RUNS` (fit + chain) wall clock. A
 * benchmark, not a test: nothing here asserts a time.
 *
 * Usage: npm run build && node bench/forecast-draws.mjs [--no-cli]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { loadLaw } from "../dist/cli/commands/project.js";
import { accelerator } from "../dist/hardware/catalog.js";
import { forecastCache } from "../dist/plan/forecastCache.js";
import { forecastCore } from "../dist/plan/forecastCore.js";
import { stepTimeError } from "../dist/validation/stepTimeError.js";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const data = here("../../shared/data/chinchilla/svg_extracted_data.csv");
if (!existsSync(data)) {
  console.log(`forecast-draws: ${data} is absent (shared data): skipped`);
  process.exit(0);
}
const cli = here("../dist/cli/main.js");
const runsArgs = [data, "--law", "chinchilla", "--n", "Model Size", "--compute", "Training FLOP"];
const fitArgs = [...runsArgs, "--tokens-from-compute", "--y", "loss", "--target", "2.1"];
const dir = mkdtempSync(join(tmpdir(), "scalecast-bench-"));
try {
  const t0 = performance.now();
  const fit = spawnSync(process.execPath, [cli, "fit", ...fitArgs, "--json"], { encoding: "utf8" });
  const fitSeconds = (performance.now() - t0) / 1000;
  if (fit.status !== 0) throw new Error(fit.stderr);
  const lawPath = join(dir, "law.json");
  writeFileSync(lawPath, fit.stdout);
  const io = {
    readText: (p) => (p === lawPath ? fit.stdout : ""),
    stdout() {},
    stderr() {},
    writeText() {},
    isTTY: false,
  };
  const law = loadLaw(io, lawPath);
  const h100 = accelerator("h100-sxm");
  const base = {
    law,
    target: 2.1,
    accelerator: h100,
    devices: 256,
    series: false,
    modelError: stepTimeError("h100-sxm"),
  };
  // one warm-up each, then the median of 5 with a fresh cache (a layout search per run, as the CLI does)
  const time = (input) => {
    forecastCore({ ...input, cache: forecastCache() });
    const t = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      forecastCore({ ...input, cache: forecastCache() });
      t.push(performance.now() - s);
    }
    return t.sort((a, b) => a - b)[2];
  };
  const none = time({ ...base, maxDraws: 0 });
  const all = time(base);
  const draws = law.draws?.length ?? 0;
  console.log(
    `law fitted to Chinchilla's 245 points with ${draws} bootstrap draws (fit --json: ${fitSeconds.toFixed(2)} s wall)`,
  );
  console.log(`forecast chain, no draws (baseline): ${none.toFixed(1)} ms`);
  console.log(
    `forecast chain, all ${draws} draws:  ${all.toFixed(1)} ms (ratio ${(all / none).toFixed(2)}x the baseline)`,
  );
  if (!process.argv.includes("--no-cli")) {
    const t1 = performance.now();
    const f = spawnSync(process.execPath, [cli, "forecast", ...fitArgs, "--devices", "256", "--json"], {
      encoding: "utf8",
    });
    if (f.status !== 0) throw new Error(f.stderr);
    const wall = (performance.now() - t1) / 1000;
    console.log(
      `scalecast forecast RUNS (fit + every draw + sensitivity): ${wall.toFixed(2)} s wall, ${(wall / fitSeconds).toFixed(2)}x fit --json alone`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
