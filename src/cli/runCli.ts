import { type CommandDef, defineCommand, renderUsage, runCommand } from "citty";
import { InputError } from "../units/InputError.js";
import { batchCommand } from "./commands/batch.js";
import { budgetCommand } from "./commands/budget.js";
import { calibrateCommand } from "./commands/calibrate.js";
import { finetuneCommand } from "./commands/finetune.js";
import { fitCommand } from "./commands/fit.js";
import { forecastCommand } from "./commands/forecast.js";
import { hardwareCommand } from "./commands/hardware.js";
import { inferenceCommand } from "./commands/inference.js";
import { lawsCommand } from "./commands/laws.js";
import { planCommand } from "./commands/plan.js";
import { projectCommand } from "./commands/project.js";
import { serveCommand } from "./commands/serve.js";
import { validateCommand } from "./commands/validate.js";
import { sweepCommand } from "./commands/sweep.js";
import { trainCommand } from "./commands/train.js";
import { workloadCommand } from "./commands/workload.js";
import type { Io } from "./io.js";
import { VERSION } from "../version.js";

/** Exit code for bad input (a one-line message names the field, the value and what was expected). */
export const EXIT_BAD_INPUT = 2;

function rootCommand(io: Io, setExit: (code: number) => void) {
  return defineCommand({
    meta: {
      name: "scalecast",
      version: VERSION,
      description:
        "Forecast what deep-learning accuracy will cost: fit scaling laws and project what a target needs",
    },
    subCommands: {
      forecast: forecastCommand(io),
      budget: budgetCommand(io),
      fit: fitCommand(io, setExit),
      project: projectCommand(io),
      laws: lawsCommand(io),
      hardware: hardwareCommand(io),
      workload: workloadCommand(io),
      plan: planCommand(io, setExit),
      batch: batchCommand(io, setExit),
      serve: serveCommand(io),
      calibrate: calibrateCommand(io),
      validate: validateCommand(io),
      sweep: sweepCommand(io, setExit),
      train: trainCommand(io),
      inference: inferenceCommand(io),
      finetune: finetuneCommand(io),
    },
  });
}

async function usageOf(root: CommandDef, argv: string[]): Promise<string> {
  const subs = (await (typeof root.subCommands === "function" ? root.subCommands() : root.subCommands)) ?? {};
  const name = argv.find((a) => !a.startsWith("-"));
  const sub = name ? (subs as Record<string, CommandDef>)[name] : undefined;
  return sub ? renderUsage(sub, root) : renderUsage(root);
}

/**
 * Run the scalecast CLI on `argv` (without the node and script paths) and return the exit code; only
 * the entry point (`main.ts`) exits. Bad input prints one line and returns {@link EXIT_BAD_INPUT}.
 */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let code = 0;
  const root = rootCommand(io, (c) => {
    code = c;
  });
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
    io.stdout(`${await usageOf(root, argv)}\n`);
    return argv.length === 0 ? EXIT_BAD_INPUT : 0;
  }
  if (argv[0] === "--version") {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  try {
    await runCommand(root, { rawArgs: argv });
    return code;
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`scalecast: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof Error && e.name === "CLIError") {
      io.stderr(`scalecast: ${e.message} (see scalecast --help)\n`);
      return EXIT_BAD_INPUT;
    }
    io.stderr(
      `scalecast: internal error: ${e instanceof Error ? e.message : String(e)} (a bug; please report it)\n`,
    );
    if (process.env.SCALECAST_DEBUG && e instanceof Error) io.stderr(`${e.stack}\n`);
    return 1;
  }
}
