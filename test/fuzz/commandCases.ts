import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ArgsDef, CommandDef } from "citty";
import { commandLoaders } from "../../src/cli/runCli.js";
import { eventFileHeader, scalarRecord } from "../../src/ingest/tensorboard/readEventFile.js";
import { runCase } from "./fuzzHarness.js";

// The inputs the fuzz suite starts from: one small valid invocation per command (a "base", each a few
// milliseconds to a few hundred), and the options of every command read from its citty definition, so a
// new option is fuzzed without editing this file.

/** A runs file `fit`, `forecast` and `batch --gns` read: loss falling as a power of data. */
export const RUNS_CSV = "x,y,params\n1e6,4.1,1e6\n1e7,3.3,1e7\n1e8,2.8,1e8\n1e9,2.5,1e9\n1e10,2.3,1e10\n";
/** Batch-size sweep: steps to result per batch (Shallue et al. 2018 form). */
export const BATCH_CSV = "batch,steps\n512,100000\n1024,50000\n2048,25000\n4096,13000\n8192,7000\n";
/** Measured step times `calibrate` reads (layout, global batch, seconds). */
export const CALIBRATE_CSV = [
  "model,layout,global_batch,step_seconds",
  'gpt3-1.3b,"dp=8,tp=1,pp=1,vp=1,mb=2,recompute=none,sp=off,zero=1",64,1.2',
  'gpt3-1.3b,"dp=4,tp=2,pp=1,vp=1,mb=4,recompute=full,sp=on,zero=0",64,1.9',
].join("\n");
/** A model spec (workload, plan, inference, finetune read it). */
export const MODEL_JSON = JSON.stringify({
  family: "decoder",
  layers: 4,
  hidden: 256,
  heads: 4,
  vocab: 1000,
  seq: 128,
});
/** A catalog with one accelerator (`--catalog`). */
export const CATALOG_JSON = JSON.stringify({
  accelerators: [
    {
      name: "fuzz-chip",
      vendor: "Acme",
      kind: "npu",
      peakFlopsPerSecond: { fp32: 1e13, bf16: 2e14 },
      memoryBytes: 64e9,
      memoryBytesPerSecond: 2e12,
      intraNode: { name: "AcmeLink", bytesPerSecond: 100e9, latencySeconds: 3e-6 },
      interNode: { name: "Ethernet", bytesPerSecond: 12.5e9, latencySeconds: 10e-6 },
      devicesPerNode: 4,
      tdpWatts: 350,
      sources: { all: "fuzz (test)" },
    },
  ],
});

/** Virtual files every base may name. */
export const FILES: Record<string, string> = {
  "runs.csv": RUNS_CSV,
  "batch.csv": BATCH_CSV,
  "cal.csv": CALIBRATE_CSV,
  "m.json": MODEL_JSON,
  "cat.json": CATALOG_JSON,
};

/**
 * A results folder as `sweep run` leaves it, in a temporary directory: the sweep file, and for each
 * point a result, a JSONL metric log and a TensorBoard event file (for `sweep collect|fit`).
 */
export async function sweepFixture(): Promise<{
  dir: string;
  sweep: string;
  results: string;
  remove: () => void;
}> {
  const dir = mkdtempSync(join(tmpdir(), "scalecast-fuzz-"));
  try {
    const sweep = join(dir, "s.json");
    const results = join(dir, "res");
    const d = await runCase([
      "sweep",
      "design",
      "--kind",
      "learning-curve",
      "--data",
      "100,200,400,800,1600,3200",
      "--widths",
      "8,16,32",
      "--seeds",
      "1",
      "--out",
      sweep,
    ]);
    const r = await runCase(["sweep", "run", sweep, "--results", results, "--executor", "print"]);
    if (d.code !== 0 || r.code !== 0) throw new Error(`sweep fixture: ${d.stderr}${r.stderr}`);
    const points = (
      JSON.parse((await import("node:fs")).readFileSync(join(results, "sweep.json"), "utf8")) as {
        points: { id: string; data: number; width: number }[];
      }
    ).points;
    for (const p of points) {
      const out = join(results, "runs", p.id, "out");
      mkdirSync(out, { recursive: true });
      const err = 2 / Math.sqrt(p.data) + 1 / p.width;
      writeFileSync(join(results, "runs", p.id, "result.json"), '{"seconds": 1}\n');
      writeFileSync(
        join(out, "metrics.jsonl"),
        `{"step": 5, "val_error": ${err}}\n{"step": 5, "test_error": ${err}, "params": ${p.width * 10}, "final": true}\n`,
      );
      const tb = [
        eventFileHeader(1),
        scalarRecord(5, 2, { val_error: err, test_error: err, params: p.width * 10 }),
      ];
      writeFileSync(join(out, "events.out.tfevents.1.fuzz"), Buffer.concat(tb));
    }
    return { dir, sweep, results, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true }); // a fixture that failed half-made leaves nothing
    throw e;
  }
}

/**
 * Commands not fuzzed, with the reason: each would start unbounded work on a VALID value, which is
 * what most fuzz values of a count are (`serve` listens until stopped; `train` trains a network on
 * MNIST for minutes). Their options are checked by test/cli/serveHardening.test.ts and
 * test/sweep/train.slow.test.ts.
 */
export const NOT_FUZZED: Record<string, string> = {
  serve: "listens until stopped",
  train: "trains a TensorFlow.js network for minutes on a valid value",
  validate: "takes no value option (only --json); predicts the whole corpus (seconds)",
};

/** Options not fuzzed, with the reason (each would run a user command on a valid value). */
export const OPTIONS_NOT_FUZZED: Record<string, string> = {
  "sweep run --command": "a shell command the local executor runs",
  "sweep run --executor": "local or slurm would start the base sweep's command",
  "sweep run --results":
    "a folder it creates through the file system: a fuzz value would be made in the working directory",
};

/** The small valid invocation each command's options are fuzzed on. `{sweep}`/`{results}`: the fixture. */
export const BASES: Record<string, string[]> = {
  forecast: [
    "forecast",
    "--law",
    "chinchilla-epoch",
    "--budget-flops",
    "1e21",
    "--hardware",
    "h100-sxm",
    "--devices",
    "8",
    "--no-sensitivity",
  ],
  "forecast runs": [
    "forecast",
    "runs.csv",
    "--law",
    "power",
    "--params",
    "params",
    "--target",
    "2.6",
    "--bootstrap",
    "0",
    "--hardware",
    "h100-sxm",
    "--devices",
    "8",
    "--no-sensitivity",
  ],
  budget: ["budget", "--flops", "1e21", "--hardware", "h100-sxm", "--devices", "8"],
  fit: ["fit", "runs.csv", "--law", "power", "--bootstrap", "0"],
  project: ["project", "--law", "chinchilla-epoch", "--target", "2.5"],
  laws: ["laws"],
  "hardware list": ["hardware", "list", "--catalog", "cat.json"],
  "hardware show": ["hardware", "show", "h100-sxm"],
  workload: ["workload", "m.json", "--batch", "4"],
  plan: [
    "plan",
    "m.json",
    "--hardware",
    "h100-sxm",
    "--devices",
    "8",
    "--global-batch",
    "64",
    "--layout",
    "tp=2,pp=1,dp=4",
  ],
  batch: ["batch", "batch.csv", "--bootstrap", "0"],
  calibrate: ["calibrate", "cal.csv", "--hardware", "a100-80gb"],
  inference: ["inference", "m.json", "--hardware", "h100-sxm", "--prompt", "64", "--output", "16"],
  finetune: ["finetune", "m.json", "--hardware", "h100-sxm", "--method", "lora"],
  "sweep design": [
    "sweep",
    "design",
    "--kind",
    "learning-curve",
    "--data",
    "100,200",
    "--widths",
    "8,16,32",
    "--seeds",
    "1",
    "--out",
    "{dir}/d.json",
  ],
  "sweep run": ["sweep", "run", "{sweep}", "--results", "{dir}/run", "--executor", "print"],
  "sweep collect": ["sweep", "collect", "{results}"],
  "sweep fit": ["sweep", "fit", "{results}", "--bootstrap", "0"],
};

/** Every string option of every (sub)command, read from the citty definitions: [command path, option]. */
export async function stringOptions(): Promise<[string, string][]> {
  const io = { stdout() {}, stderr() {}, readText: () => "", writeText() {}, isTTY: false };
  const resolve = async <T>(v: T | Promise<T> | (() => T | Promise<T>)): Promise<T> =>
    typeof v === "function" ? await (v as () => T | Promise<T>)() : await v;
  const out: [string, string][] = [];
  const walk = async (path: string, cmd: CommandDef) => {
    const args: ArgsDef = await resolve(cmd.args ?? {});
    for (const [name, a] of Object.entries(args)) if (a.type === "string") out.push([path, name]);
    if (cmd.subCommands)
      for (const [k, s] of Object.entries(await resolve(cmd.subCommands)))
        await walk(`${path} ${k}`, (await resolve(s)) as CommandDef);
  };
  for (const [name, load] of Object.entries(commandLoaders(io))) await walk(name, await load());
  return out;
}

/** The bases an option of `command` is fuzzed on (a command may have more than one, e.g. forecast). */
export function basesOf(command: string): string[][] {
  return Object.entries(BASES)
    .filter(([k, argv]) => k === command || argv.slice(0, command.split(" ").length).join(" ") === command)
    .map(([, argv]) => argv);
}

/** `base` with `--option value` set (replacing the base's own value) and placeholders filled. */
export function withOption(
  base: string[],
  option: string,
  value: string,
  fill: Record<string, string>,
): string[] {
  const argv = base.map((a) => a.replace(/\{(\w+)\}/g, (_, k: string) => fill[k] ?? `{${k}}`));
  const at = argv.indexOf(`--${option}`);
  if (at >= 0) argv.splice(at, 2, `--${option}`, value);
  else argv.push(`--${option}`, value);
  return argv;
}
