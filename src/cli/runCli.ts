import { type CommandDef, defineCommand, renderUsage, runCommand, type SubCommandsDef } from "citty";
import { InputError } from "../units/InputError.js";
import { checkArgs, UsageError } from "./checkArgs.js";
import { closest } from "./closest.js";
import type { Io } from "./io.js";
import { VERSION } from "../version.js";

/** Exit code for bad input (a one-line message names the field, the value and what was expected). */
export const EXIT_BAD_INPUT = 2;

/** A command's loader: imports its module and builds its definition (citty's lazy subcommand). */
type Loader = () => Promise<Extract<SubCommandsDef[string], CommandDef>>;

/**
 * The commands, each loaded only when it runs or its --help is asked for: `scalecast laws` loads
 * the laws and nothing of the report (linkedom, Observable Plot), the ONNX reader (protobuf) or the
 * fitting code, so it starts in about the time of a bare `node -e 0` (bench/startup.mjs measures it).
 *
 * To add a command, add ONE line here, a loader of its module (never a static import at the top of
 * this file, which would load it, and everything it imports, for every command):
 *
 *     sweep: () => import("./commands/sweep.js").then((m) => m.sweepCommand(io)),
 *
 * and its one-line summary to {@link SUMMARIES} (the root --help prints it without loading the module;
 * test/cli/startup.test.ts checks that it equals the command's own `meta.description`). Inside a
 * command, import heavy modules (report, plots, ONNX, zod schemas) where the code path needs them.
 */
function commands(io: Io, setExit: (code: number) => void): Record<string, Loader> {
  return {
    forecast: () => import("./commands/forecast.js").then((m) => m.forecastCommand(io)),
    budget: () => import("./commands/budget.js").then((m) => m.budgetCommand(io)),
    fit: () => import("./commands/fit.js").then((m) => m.fitCommand(io, setExit)),
    project: () => import("./commands/project.js").then((m) => m.projectCommand(io)),
    laws: () => import("./commands/laws.js").then((m) => m.lawsCommand(io)),
    hardware: () => import("./commands/hardware.js").then((m) => m.hardwareCommand(io)),
    workload: () => import("./commands/workload.js").then((m) => m.workloadCommand(io)),
    plan: () => import("./commands/plan.js").then((m) => m.planCommand(io, setExit)),
    batch: () => import("./commands/batch.js").then((m) => m.batchCommand(io, setExit)),
    serve: () => import("./commands/serve.js").then((m) => m.serveCommand(io)),
    calibrate: () => import("./commands/calibrate.js").then((m) => m.calibrateCommand(io)),
    inference: () => import("./commands/inference.js").then((m) => m.inferenceCommand(io)),
    finetune: () => import("./commands/finetune.js").then((m) => m.finetuneCommand(io)),
    sweep: () => import("./commands/sweep.js").then((m) => m.sweepCommand(io, setExit)),
    train: () => import("./commands/train.js").then((m) => m.trainCommand(io)),
    validate: () => import("./commands/validate.js").then((m) => m.validateCommand(io)),
  };
}

/**
 * One-line summary of each command for `scalecast --help`, equal to its `meta.description`. A command
 * missing here is still listed: its module is loaded to read the summary (slower, never wrong).
 */
export const SUMMARIES: Readonly<Record<string, string>> = {
  forecast: "From runs or a published law to data, model, devices, days, dollars, kWh and CO2",
  budget: "Budget -> compute-optimal N and D, predicted loss, time and cost",
  fit: "Fit a scaling law to measured runs (CSV, TSV or JSONL)",
  project: "Project the data, model and compute a target loss or error needs",
  laws: "List the published scaling laws (presets) with their sources",
  hardware: "The accelerator catalog: list, or show NAME with sources",
  workload: "Parameters, FLOP, bytes and memory of one training step",
  plan: "Step time, MFU, memory, time, cost, energy and CO2 of a layout; --search finds the best",
  batch: "How far data parallelism pays: steps to result vs batch size, critical batch, LR rule",
  serve: "Serve the browser app on localhost (build it first: npm run build:web)",
  calibrate: "Fit a system's GEMM ceiling to measured runs and write the calibrated system file",
  inference: "Serving: best batch and layout under TTFT/TPOT targets, tokens/s, $ and kWh per million tokens",
  finetune: "Fine-tuning (full, LoRA, QLoRA): trainable parameters, memory, FLOP per token, time and cost",
  sweep: "Design, run (local pool, Slurm, or print), collect and fit learning-curve and batch-size sweeps",
  validate:
    "Predict every measured run of the validation corpus: calibrated on a named subset, judged on the rest",
  train: "Train a width-w model on MNIST (TensorFlow.js) and log JSONL and TensorBoard metrics",
};

const ROOT_META = {
  name: "scalecast",
  version: VERSION,
  description:
    "Forecast what deep-learning accuracy will cost: fit scaling laws and project what a target needs",
};

/** Every command's loader, by name (for tests: each summary against the command's own meta). */
export function commandLoaders(io: Io): Record<string, Loader> {
  return commands(io, () => undefined);
}

/** The usage text for `argv` with --help: the root's from the summaries, a command's from its module. */
async function usageOf(root: CommandDef, subs: Record<string, Loader>, argv: string[]): Promise<string> {
  const name = argv.find((a) => !a.startsWith("-"));
  if (name && Object.hasOwn(subs, name)) {
    // `scalecast sweep run --help`: the subcommand's usage, not its group's
    let cmd = await subs[name]!();
    let path = `${ROOT_META.name} ${name}`;
    let parent = root;
    for (const word of argv.slice(argv.indexOf(name) + 1).filter((a) => !a.startsWith("-"))) {
      const children = cmd.subCommands ? await resolved(cmd.subCommands) : undefined;
      if (!children || !Object.hasOwn(children, word)) break;
      // the usage line names the whole path: scalecast sweep run
      parent = defineCommand({ meta: { ...ROOT_META, name: path } });
      path = `${path} ${word}`;
      cmd = (await resolved(children[word]!)) as CommandDef;
    }
    return renderUsage(cmd, parent);
  }
  const light: Record<string, CommandDef | Loader> = {};
  for (const [k, load] of Object.entries(subs))
    light[k] = Object.hasOwn(SUMMARIES, k) ? { meta: { name: k, description: SUMMARIES[k] } } : load;
  return renderUsage(defineCommand({ meta: ROOT_META, subCommands: light }));
}

/** ANSI SGR escape sequences (colours, bold), as citty's usage writes them. */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** A citty value that may be given as is, as a promise, or as a function returning either. */
async function resolved<T>(v: T | Promise<T> | (() => T | Promise<T>)): Promise<T> {
  return typeof v === "function" ? await (v as () => T | Promise<T>)() : await v;
}

/**
 * The central argument check: nothing before the command's name, then the subcommand's name (when the
 * command has subcommands), then {@link checkArgs} on the arguments of the command that will run.
 */
async function checkCommandLine(command: CommandDef, argv: string[], name: string): Promise<void> {
  const at = argv.indexOf(name);
  if (at > 0)
    throw new UsageError(
      argv[0]!,
      argv[0],
      `flags go after the command: scalecast ${name} ${argv.slice(0, at).join(" ")} ...`,
    );
  let leaf = command;
  let rest = argv.slice(at + 1);
  let path = name;
  while (leaf.subCommands) {
    const subs = await resolved(leaf.subCommands);
    const i = rest.findIndex((a) => !a.startsWith("-"));
    const sub = rest[i];
    if (sub === undefined || i > 0) {
      if (i > 0 || rest.length > 0)
        throw new UsageError(
          path,
          rest[0],
          `scalecast ${path} takes a subcommand first: ${Object.keys(subs).join(", ")} (see scalecast ${path} --help)`,
        );
      return; // citty names the missing subcommand
    }
    if (!Object.hasOwn(subs, sub)) {
      const guess = closest(sub, Object.keys(subs));
      throw new UsageError(
        path,
        sub,
        `unknown subcommand ${sub} of scalecast ${path}${guess ? `; did you mean ${guess}?` : ""} (one of ${Object.keys(subs).join(", ")})`,
      );
    }
    leaf = (await resolved(subs[sub]!)) as CommandDef;
    rest = rest.slice(i + 1);
    path = `${path} ${sub}`;
  }
  checkArgs(await resolved(leaf.args ?? {}), rest, path);
}

/**
 * Run the scalecast CLI on `argv` (without the node and script paths) and return the exit code; only
 * the entry point (`main.ts`) exits. Bad input prints one line and returns {@link EXIT_BAD_INPUT}.
 */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let code = 0;
  let flags: readonly string[] = [];
  // the help a citty error points to: the command's own once it is known
  let helpPath = "scalecast";
  const subs = commands(io, (c) => {
    code = c;
  });
  try {
    if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
      const root = defineCommand({ meta: ROOT_META, subCommands: subs });
      const usage = await usageOf(root, subs, argv);
      // citty colours its usage whatever the stream: keep escape codes out of pipes and files
      io.stdout(`${io.colour ? usage : usage.replace(ANSI, "")}\n`);
      return argv.length === 0 ? EXIT_BAD_INPUT : 0;
    }
    if (argv[0] === "--version") {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    // citty looks an unknown name up by loading every command (for aliases): answer here instead
    const name = argv.find((a) => !a.startsWith("-"));
    if (name === undefined || !Object.hasOwn(subs, name)) {
      const guess = name === undefined ? undefined : closest(name, Object.keys(subs));
      io.stderr(
        `scalecast: ${name === undefined ? "No command specified." : `Unknown command ${name}${guess ? `; did you mean ${guess}?` : ""}`} (see scalecast --help)\n`,
      );
      return EXIT_BAD_INPUT;
    }
    // load the command once, check every argument against it (and its subcommand) before anything runs
    const command = await subs[name]!();
    helpPath = `scalecast ${name}`;
    flags = Object.keys((await resolved(command.args ?? {})) as object);
    await checkCommandLine(command, argv, name);
    subs[name] = () => Promise.resolve(command);
    await runCommand(defineCommand({ meta: ROOT_META, subCommands: subs }), { rawArgs: argv });
    return code;
  } catch (e) {
    if (e instanceof InputError) {
      // one line, always: a message quoting a library's text (JSON.parse quotes file bytes) may hold newlines
      io.stderr(`scalecast: ${asFlag(e, flags).replace(/\s*[\r\n]+\s*/g, " ")}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof Error && e.name === "CLIError") {
      io.stderr(`scalecast: ${e.message} (see ${helpPath} --help)\n`);
      return EXIT_BAD_INPUT;
    }
    io.stderr(
      `scalecast: internal error: ${e instanceof Error ? e.message : String(e)} (a bug; please report it)\n`,
    );
    if (process.env.SCALECAST_DEBUG && e instanceof Error) io.stderr(`${e.stack}\n`);
    return 1;
  }
}

/**
 * A library error's message with its field named as the command's flag of the same name (the library
 * says `pue` or `region`, the user typed `--pue` or `--region`); otherwise as it is.
 */
function asFlag(e: InputError, flags: readonly string[]): string {
  if (!/^[a-z][a-z0-9-]*$/.test(e.field) || !flags.includes(e.field)) return e.message;
  return `--${e.field}${e.message.slice(e.field.length)}`;
}
