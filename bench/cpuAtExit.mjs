// Preload for the benchmarks that time whole processes (bench/startup.mjs, bench/onnx-python.mjs): when
// the process exits, write its CPU time (process.cpuUsage(), microseconds) and peak resident memory
// (process.resourceUsage().maxRSS, KiB) as JSON to the file named by SCALECAST_CPU_FILE.
import { writeFileSync } from "node:fs";

const file = process.env.SCALECAST_CPU_FILE;
if (file)
  process.on("exit", () =>
    writeFileSync(file, JSON.stringify({ ...process.cpuUsage(), maxRSS: process.resourceUsage().maxRSS })),
  );
