#!/usr/bin/env node
/**
 * ONNX benchmark (issue 17): scalecast against ONNX's own Python tools on the same files, measured in
 * the same run. The reference is bench/onnx_python.py: `onnx.load` + `onnx.shape_inference.infer_shapes`
 * + a MAC count over the inferred shapes. scalecast runs `scalecast workload FILE` (decode, shape
 * inference, costs, the training step, the footprint walk and the printed report).
 *
 * Per model, medians of interleaved runs:
 *   - process CPU seconds (user + system, interpreter start and imports included) and the ratio;
 *   - work CPU seconds: the pipeline alone, after imports (Python: load + infer + count, by
 *     time.process_time; scalecast: analyzeOnnx + graphStep in a child process, by process.cpuUsage)
 *     and the ratio;
 *   - peak resident memory of each process and the ratio, and for generated graphs the bytes per node
 *     above the process's resident size before it read the file (target: at most 4 KB per node);
 *   - both MAC counts (free dimensions at 1), which must agree.
 * Models: the light models of ../shared/data/onnx/models and generated residual chains
 * (bench/onnxChain.mjs) of 100k and 200k nodes with a free batch. Targets: ratios at most 1.
 * A benchmark, not a test: it prints; with --check it exits 1 when a target is missed.
 *
 * Usage: npm run build && node bench/onnx-python.mjs [--repeats N] [--nodes 100000,200000] [--check] [--json]
 * Python: the first of $SCALECAST_PYTHON, python3, /usr/bin/python3 that imports onnx (Debian: python3-onnx).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const argv = process.argv.slice(2);

if (argv[0] === "--child") {
  // in-process work time and memory of scalecast's pipeline on one file
  const { analyzeOnnx } = await import("../dist/graph/analyzeGraph.js");
  const { graphStep } = await import("../dist/graph/graphStep.js");
  const rssBefore = process.memoryUsage().rss;
  const c0 = process.cpuUsage();
  const a = analyzeOnnx(new Uint8Array(readFileSync(argv[1])), { field: argv[1] });
  const step = graphStep(a);
  const c = process.cpuUsage(c0);
  const seconds = (c.user + c.system) / 1e6;
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ seconds, rssBefore, peak, nodes: a.nodes.length, macs: step.graph.macs }));
  process.exit(0);
}

const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const REPEATS = Number(option("--repeats", "3"));
const NODES = option("--nodes", "100000,200000").split(",").filter(Boolean).map(Number);
if (!(Number.isInteger(REPEATS) && REPEATS > 0) || NODES.some((n) => !(Number.isInteger(n) && n > 0))) {
  console.error("onnx-python: --repeats takes a positive integer, --nodes a comma-separated list of them");
  process.exit(2);
}

const python = [process.env.SCALECAST_PYTHON, "python3", "/usr/bin/python3"]
  .filter(Boolean)
  .find((p) => spawnSync(p, ["-c", "import onnx"], { stdio: "ignore" }).status === 0);
if (!python)
  console.log(
    "onnx-python: Python reference unavailable (no python3 that imports onnx; Debian: apt-get install python3-onnx): scalecast alone",
  );

const dir = mkdtempSync(`${tmpdir()}/scalecast-onnx-bench-`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One run of the CLI: CPU seconds and peak RSS from bench/cpuAtExit.mjs. */
function runCli(file) {
  const out = `${dir}/cpu.json`;
  const p = spawnSync(
    process.execPath,
    ["--import", `${root}bench/cpuAtExit.mjs`, `${root}dist/cli/main.js`, "workload", file],
    { env: { ...process.env, SCALECAST_CPU_FILE: out }, maxBuffer: 1 << 28, encoding: "utf8" },
  );
  if (p.status !== 0) throw new Error(`scalecast workload ${file} exited ${p.status}: ${p.stderr}`);
  const { user, system, maxRSS } = JSON.parse(readFileSync(out, "utf8"));
  return { cpu: (user + system) / 1e6, rss: maxRSS * 1024 };
}

function runChild(file) {
  const p = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", file], {
    encoding: "utf8",
  });
  if (p.status !== 0) throw new Error(`child on ${file} exited ${p.status}: ${p.stderr}`);
  return JSON.parse(p.stdout);
}

function runPython(file) {
  const p = spawnSync(python, [`${root}bench/onnx_python.py`, file], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (p.status !== 0) throw new Error(`onnx_python.py ${file} exited ${p.status}: ${p.stderr}`);
  return JSON.parse(p.stdout);
}

const models = [];
const shared = `${root}../shared/data/onnx/models`;
if (existsSync(shared))
  for (const f of readdirSync(shared)
    .filter((f) => f.endsWith(".onnx"))
    .sort())
    models.push({ name: f.replace(/\.onnx$/, ""), file: `${shared}/${f}`, generated: false });
else console.log(`onnx-python: ${shared} is absent: light models skipped`);
const { chainModel } = await import("./onnxChain.mjs");
for (const n of NODES) {
  const file = `${dir}/chain-${n}.onnx`;
  writeFileSync(file, chainModel(n));
  models.push({ name: `chain ${n / 1000}k nodes`, file, generated: true, repeats: n > 50_000 ? 1 : REPEATS });
}

const rows = [];
try {
  for (const m of models) {
    const s = { cpu: [], rss: [], work: [], perNode: [], macs: 0, nodes: 0 };
    const p = { cpu: [], rss: [], work: [], macs: 0 };
    for (let r = 0; r < (m.repeats ?? REPEATS); r++) {
      const cli = runCli(m.file);
      s.cpu.push(cli.cpu);
      s.rss.push(cli.rss);
      const child = runChild(m.file);
      s.macs = child.macs;
      s.work.push(child.seconds);
      s.nodes = child.nodes;
      s.perNode.push((child.peak - child.rssBefore) / child.nodes);
      if (python) {
        const py = runPython(m.file);
        p.cpu.push(py.cpuSeconds);
        p.rss.push(py.peakRssBytes);
        p.work.push(py.seconds.total);
        p.macs = py.macs;
      }
    }
    const row = {
      model: m.name,
      nodes: s.nodes,
      scalecast: { cpuSeconds: median(s.cpu), workSeconds: median(s.work), peakRssBytes: median(s.rss) },
      bytesPerNode: m.generated ? median(s.perNode) : undefined,
      macs: s.macs,
    };
    if (python) {
      row.python = { cpuSeconds: median(p.cpu), workSeconds: median(p.work), peakRssBytes: median(p.rss) };
      row.ratio = {
        cpu: row.scalecast.cpuSeconds / row.python.cpuSeconds,
        work: row.scalecast.workSeconds / row.python.workSeconds,
        rss: row.scalecast.peakRssBytes / row.python.peakRssBytes,
      };
      row.pythonMacs = p.macs;
    }
    rows.push(row);
    if (!argv.includes("--json")) print(row);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function print(r) {
  if (rows.length === 1) {
    console.log(
      `ONNX: scalecast workload vs ${python ? `${python} onnx (load + infer_shapes + MACs)` : "(no Python reference)"}; medians of ${REPEATS} interleaved runs (1 for >50k nodes)`,
    );
    console.log(
      "model                   nodes | process CPU s: scalecast python ratio | work CPU s: scalecast python ratio | peak RSS MB: scalecast python ratio | KB/node | MACs agree",
    );
  }
  const f = (x, d = 3) => (x === undefined ? "-" : x.toFixed(d));
  const mb = (x) => (x === undefined ? "-" : (x / 2 ** 20).toFixed(0));
  const agree =
    r.pythonMacs === undefined ? "-" : r.pythonMacs === r.macs ? "yes" : `NO (${r.macs} vs ${r.pythonMacs})`;
  console.log(
    `${r.model.padEnd(22)} ${String(r.nodes).padStart(6)} | ${f(r.scalecast.cpuSeconds).padStart(8)} ${f(r.python?.cpuSeconds).padStart(7)} ${f(r.ratio?.cpu, 2).padStart(5)}x | ${f(r.scalecast.workSeconds).padStart(8)} ${f(r.python?.workSeconds).padStart(7)} ${f(r.ratio?.work, 2).padStart(5)}x | ${mb(r.scalecast.peakRssBytes).padStart(6)} ${mb(r.python?.peakRssBytes).padStart(6)} ${f(r.ratio?.rss, 2).padStart(5)}x | ${r.bytesPerNode === undefined ? "-" : (r.bytesPerNode / 1024).toFixed(2)} | ${agree}`,
  );
}

if (argv.includes("--json"))
  console.log(JSON.stringify({ python: python ?? null, repeats: REPEATS, rows }, null, 2));
const missed = rows.some(
  (r) =>
    (r.ratio && (r.ratio.cpu > 1 || r.ratio.work > 1 || r.ratio.rss > 1)) ||
    (r.bytesPerNode !== undefined && r.bytesPerNode > 4096) ||
    (r.pythonMacs !== undefined && r.pythonMacs !== r.macs),
);
if (argv.includes("--check") && missed) process.exitCode = 1;
