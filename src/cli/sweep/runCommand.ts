import { writeFileSync } from "node:fs";
import { parseJsonDocument } from "../../ingest/parseJsonDocument.js";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineCommand } from "citty";
import { checkTemplate } from "../../sweep/commandTemplate.js";
import { parseSweepFile, type SweepFile } from "../../sweep/sweepFile.js";
import { InputError } from "../../units/InputError.js";
import type { Io } from "../io.js";
import { countOption, LIMITS } from "../limits.js";
import { enumOption, integerOption, numberOption } from "../options.js";
import { runLocal } from "./localExecutor.js";
import { logTail, pointState, prepareResults, type ResultsDir } from "./resultsDir.js";
import { runSlurm } from "./slurmExecutor.js";
import { arraySpec, kubernetesJob, slurmScript } from "./slurmScript.js";
import { formatEta, sweepProgress } from "./sweepProgress.js";
import { trainerTemplate } from "./trainerModel.js";
import { checkExecutorFlags } from "./executorFlags.js";

const EXECUTORS = ["local", "slurm", "print"] as const;

const args = {
  sweep: { type: "positional", description: "sweep file (from sweep design)", required: true },
  results: { type: "string", description: "results folder (created; reopened to resume)", required: true },
  command: {
    type: "string",
    description:
      "command template with {data} {width} {batch} {lr} {seed} {optimizer} {out} {target} {id} {index}; default the built-in trainer",
  },
  executor: { type: "string", description: "local|slurm|print (default local)", default: "local" },
  concurrency: {
    type: "string",
    description: "points at once (local default 1; slurm: array limit %K, default none)",
  },
  retries: { type: "string", description: "extra attempts for a failing point (default 1)" },
  partition: { type: "string", description: "slurm: partition" },
  account: { type: "string", description: "slurm: account" },
  "gpus-per-task": { type: "string", description: "slurm: GPUs per array task" },
  "cpus-per-task": { type: "string", description: "slurm: CPUs per array task" },
  mem: { type: "string", description: "slurm: memory per node (e.g. 16G)" },
  time: { type: "string", description: "slurm: time limit per task (e.g. 01:00:00)" },
  "job-template": {
    type: "string",
    description: "slurm: file whose lines go after the generated #SBATCH lines",
  },
  poll: { type: "string", description: "slurm: seconds between squeue polls (default 10)" },
  image: { type: "string", description: "print: container image of the Kubernetes Job (default node:20)" },
  claim: {
    type: "string",
    description: "print: volume claim holding the results folder (default scalecast-results)",
  },
  json: { type: "boolean", description: "print a JSON summary" },
} as const;

/** Path of the built CLI (dist/cli/main.js) that the built-in trainer command runs. */
function mainJs(): string {
  return fileURLToPath(new URL("../main.js", import.meta.url));
}

function readSweep(io: Io, path: string): SweepFile {
  let text: string;
  try {
    text = io.readText(path);
  } catch {
    throw new InputError("SWEEP", path, "a readable sweep file (from scalecast sweep design)");
  }
  return parseSweepFile(parseJsonDocument(text, "SWEEP", "a JSON sweep file"), path);
}

/** Failed points with the tail of their logs, as printed after a run. */
export function failureReport(
  rd: ResultsDir,
  maxAttempts: number,
): { id: string; attempts: number; exitCode: number | null; logTail: string }[] {
  return rd.sweep.points.flatMap((p) => {
    const s = pointState(rd.dir, p, maxAttempts);
    return s.state === "failed"
      ? [{ id: p.id, attempts: s.attempts, exitCode: s.exitCode, logTail: logTail(rd.dir, p.id) }]
      : [];
  });
}

/** `scalecast sweep run`: run every point with an executor; resumable. */
export function runSweepCommand(io: Io, setExit: (code: number) => void) {
  return defineCommand({
    meta: {
      name: "run",
      description: "Run a sweep's points: local pool, Slurm job arrays, or print the job scripts",
    },
    args,
    async run({ args: a }) {
      const sweep = readSweep(io, a.sweep);
      const executor = enumOption(a.executor, "--executor", EXECUTORS) ?? "local";
      checkExecutorFlags(executor, a);
      const retries =
        countOption(a.retries, "--retries", {
          min: 0,
          max: LIMITS.repeats,
          limitName: "1,000 retries per point",
        }) ?? 1;
      const template =
        a.command ?? trainerTemplate(process.execPath, mainJs(), sweep.trainer, sweep.kind === "batch");
      checkTemplate(template);
      const rd = prepareResults(a.results, sweep, template, process.cwd());
      const concurrency = integerOption(a.concurrency, "--concurrency");
      const slurm = {
        ...(a.partition ? { partition: a.partition } : {}),
        ...(a.account ? { account: a.account } : {}),
        ...(a["gpus-per-task"] ? { gpusPerTask: integerOption(a["gpus-per-task"], "--gpus-per-task")! } : {}),
        ...(a["cpus-per-task"] ? { cpusPerTask: integerOption(a["cpus-per-task"], "--cpus-per-task")! } : {}),
        ...(a.mem ? { memory: a.mem } : {}),
        ...(a.time ? { time: a.time } : {}),
        ...(a["job-template"] ? { template: readJobTemplate(io, a["job-template"]) } : {}),
      };
      if (executor === "print") {
        const all = sweep.points.map((p) => p.index);
        const scriptPath = join(rd.dir, ".scalecast", "slurm-array.sh");
        writeFileSync(scriptPath, slurmScript(rd.dir, slurm, arraySpec(all, concurrency ?? 0)));
        const k8sPath = join(rd.dir, ".scalecast", "k8s-indexed-job.json");
        const job = kubernetesJob(rd.dir, {
          points: sweep.points.length,
          parallelism: concurrency ?? Math.min(sweep.points.length, 8),
          image: a.image ?? "node:20",
          claim: a.claim ?? "scalecast-results",
          retries,
          ...(slurm.gpusPerTask ? { gpusPerTask: slurm.gpusPerTask } : {}),
        });
        writeFileSync(k8sPath, `${JSON.stringify(job, null, 2)}\n`);
        const out = {
          executor,
          results: rd.dir,
          points: sweep.points.length,
          slurmScript: scriptPath,
          kubernetesJob: k8sPath,
        };
        if (a.json) io.stdout(`${JSON.stringify(out, null, 2)}\n`);
        else
          io.stdout(
            [
              `prepared ${sweep.points.length} points in ${rd.dir} (nothing run)`,
              `slurm       sbatch ${scriptPath}`,
              `kubernetes  kubectl apply -f ${k8sPath}   (mount the results folder at ${rd.dir} in the pods)`,
              `then        scalecast sweep collect ${a.results}`,
              "",
            ].join("\n"),
          );
        return;
      }
      const started = performance.now();
      const bar = sweepProgress(io, executor === "local" ? "sweep" : "slurm");
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.once("SIGINT", onSigint);
      let summary: Record<string, unknown>;
      try {
        if (executor === "local") {
          const s = await runLocal(rd, {
            concurrency: concurrency ?? 1,
            retries,
            signal: abort.signal,
            onProgress: (d, t, f) => bar.update(d, t, f > 0 ? `(${f} failed)` : ""),
          });
          summary = { ...s };
        } else {
          const poll = numberOption(a.poll, "--poll", "seconds between squeue polls") ?? 10;
          const s = await runSlurm(rd, {
            ...slurm,
            concurrency: concurrency ?? 0,
            retries,
            pollSeconds: poll,
            signal: abort.signal,
            onProgress: (d, t, f, q) => bar.update(d, t, `${q} queued${f > 0 ? `, ${f} failed` : ""}`),
          });
          summary = { ...s };
        }
      } finally {
        process.removeListener("SIGINT", onSigint);
        bar.done();
      }
      const failed = failureReport(rd, 1 + retries);
      const seconds = (performance.now() - started) / 1000;
      const out = {
        executor,
        results: rd.dir,
        ...summary,
        failed,
        seconds,
        interrupted: abort.signal.aborted,
      };
      if (failed.length > 0 || abort.signal.aborted) setExit(1);
      if (a.json) {
        io.stdout(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const total = sweep.points.length;
      const lines = [
        `sweep    ${rd.dir}: ${String(summary.done)} of ${total} points finished, ${failed.length} failed, in ${formatEta(seconds)}` +
          (executor === "local"
            ? ` (${String(summary.started)} attempts started here, ${String(summary.alreadyDone)} found finished, ${String(summary.adopted)} adopted from a previous runner)`
            : ` (jobs ${(summary.jobs as string[]).join(", ") || "none"}; ${String(summary.accounting)})`),
      ];
      if (abort.signal.aborted)
        lines.push(
          `interrupted: run the same command again to resume${executor === "slurm" ? " (submitted jobs keep running)" : ""}`,
        );
      for (const f of failed)
        lines.push(
          `failed   ${f.id}: ${f.attempts} attempt(s)${f.exitCode !== null ? `, exit code ${f.exitCode}` : ""}; left out of the fit. Last lines of its log:`,
          ...f.logTail.split("\n").map((l) => `         | ${l}`),
        );
      io.stdout(`${lines.join("\n")}\n`);
    },
  });
}

function readJobTemplate(io: Io, path: string): string {
  try {
    return io.readText(path);
  } catch {
    throw new InputError("--job-template", path, "a readable file of #SBATCH lines and shell commands");
  }
}

export { readSweep };
