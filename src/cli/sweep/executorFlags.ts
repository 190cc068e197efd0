import { InputError } from "../../units/InputError.js";

/** Which executors each executor-specific `sweep run` flag applies to (the rest would be ignored). */
const APPLIES_TO: Record<string, readonly string[]> = {
  partition: ["slurm", "print"],
  account: ["slurm", "print"],
  "gpus-per-task": ["slurm", "print"],
  "cpus-per-task": ["slurm", "print"],
  mem: ["slurm", "print"],
  time: ["slurm", "print"],
  "job-template": ["slurm", "print"],
  poll: ["slurm"],
  image: ["print"],
  claim: ["print"],
};

/** sbatch's --mem: a whole size with an optional K, M, G or T suffix (megabytes without one). */
const SLURM_MEMORY = /^\d+[KMGT]?$/;
/**
 * sbatch's --time forms: minutes, minutes:seconds, hours:minutes:seconds, days-hours,
 * days-hours:minutes, days-hours:minutes:seconds, or UNLIMITED.
 */
const SLURM_TIME =
  /^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d+|\d+-\d+:\d{1,2}|\d+-\d+:\d{1,2}:\d{1,2}|UNLIMITED)$/;

/**
 * Refuse a flag the chosen executor would ignore (a Slurm partition on the local pool), and Slurm
 * memory and time limits sbatch would reject, before anything is submitted.
 */
export function checkExecutorFlags(executor: string, args: Record<string, unknown>): void {
  for (const [flag, executors] of Object.entries(APPLIES_TO))
    if (args[flag] !== undefined && !executors.includes(executor))
      throw new InputError(
        `--${flag}`,
        args[flag],
        `--executor ${executors.join(" or ")}: the ${executor} executor does not use it`,
      );
  const mem = args.mem as string | undefined;
  if (mem !== undefined && !SLURM_MEMORY.test(mem))
    throw new InputError(
      "--mem",
      mem,
      "sbatch's memory per node: a whole number with K, M, G or T (e.g. 16G)",
    );
  const time = args.time as string | undefined;
  if (time !== undefined && !SLURM_TIME.test(time))
    throw new InputError(
      "--time",
      time,
      "sbatch's time limit: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (e.g. 01:00:00)",
    );
}
