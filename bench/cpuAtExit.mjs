// Preload for bench/startup.mjs: when the process exits, write its CPU time (process.cpuUsage(), in
// microseconds) as JSON to the file named by SCALECAST_CPU_FILE.
import { writeFileSync } from "node:fs";

const file = process.env.SCALECAST_CPU_FILE;
if (file) process.on("exit", () => writeFileSync(file, JSON.stringify(process.cpuUsage())));
