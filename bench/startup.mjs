#!/usr/bin/env node
/**
 * Startup benchmark (issue 17): CPU time (user + system) of short CLI commands against a bare `node -e 0`
 * measured in the same run, interleaved round by round so load on the machine hits both alike; medians
 * of the repeats. Target: `--help`, `laws` and `hardware list` at most 2x the bare node. Each child runs
 * with the same preload (bench/cpuAtExit.mjs), which writes its own process.cpuUsage() when it exits.
 * A benchmark, not a test: it prints and asserts nothing (exit 1 only with --check when a target fails).
 *
 * Usage: npm run build && node bench/startup.mjs [--repeats N] [--check] [--json]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const repeatsAt = argv.indexOf("--repeats");
const REPEATS = repeatsAt >= 0 ? Number(argv[repeatsAt + 1]) : 15;
if (!(Number.isInteger(REPEATS) && REPEATS > 0)) {
  console.error("startup: --repeats takes a positive integer");
  process.exit(2);
}
const root = fileURLToPath(new URL("..", import.meta.url));
const main = `${root}dist/cli/main.js`;
const preload = `${root}bench/cpuAtExit.mjs`;
const onnx = `${root}../shared/data/onnx/models/light_vgg19.onnx`;

/** [label, node arguments, target ratio or undefined]. */
const CASES = [
  ["node -e 0", ["-e", "0"], undefined],
  ["scalecast --help", [main, "--help"], 2],
  ["scalecast laws", [main, "laws"], 2],
  ["scalecast hardware list", [main, "hardware", "list"], 2],
  ["scalecast workload gpt2-small", [main, "workload", "gpt2-small"], undefined],
  ["scalecast workload light_vgg19.onnx", [main, "workload", onnx], undefined],
];

const dir = mkdtempSync(`${tmpdir()}/scalecast-startup-`);
const samples = CASES.map(() => ({ cpu: [], wall: [] }));
try {
  for (let r = 0; r < REPEATS; r++)
    CASES.forEach(([label, args], i) => {
      const out = `${dir}/cpu-${i}.json`;
      const t0 = process.hrtime.bigint();
      const p = spawnSync(process.execPath, ["--import", preload, ...args], {
        env: { ...process.env, SCALECAST_CPU_FILE: out },
        stdio: ["ignore", "ignore", "pipe"],
      });
      const wall = Number(process.hrtime.bigint() - t0) / 1e6;
      if (p.status !== 0) throw new Error(`${label} exited ${p.status}: ${p.stderr}`);
      const { user, system } = JSON.parse(readFileSync(out, "utf8"));
      samples[i].cpu.push((user + system) / 1000);
      samples[i].wall.push(wall);
    });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const base = median(samples[0].cpu);
const rows = CASES.map(([label, , target], i) => {
  const cpuMs = median(samples[i].cpu);
  return { command: label, cpuMs, wallMs: median(samples[i].wall), ratio: cpuMs / base, target };
});
if (flag("--json")) console.log(JSON.stringify({ repeats: REPEATS, rows }, null, 2));
else {
  console.log(`startup: CPU time (user+sys), median of ${REPEATS} interleaved runs each, against node -e 0`);
  for (const r of rows)
    console.log(
      `${r.command.padEnd(38)} ${r.cpuMs.toFixed(0).padStart(5)} ms CPU ${r.wallMs.toFixed(0).padStart(5)} ms wall  ${r.ratio.toFixed(2)}x${r.target ? `  (target <= ${r.target}x: ${r.ratio <= r.target ? "met" : "MISSED"})` : ""}`,
    );
}
if (flag("--check") && rows.some((r) => r.target && r.ratio > r.target)) process.exitCode = 1;
