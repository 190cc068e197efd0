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

/**
 * The forms sbatch accepts for the limits `sweep run` passes through (sbatch(1), --mem and --time):
 * memory a whole size with an optional K, M, G or T suffix (megabytes without one); time minutes,
 * minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes, days-hours:minutes:seconds,
 * or UNLIMITED.
 */
const SLURM_FORMS: readonly { flag: "mem" | "time"; form: RegExp; expected: string }[] = [
  {
    flag: "mem",
    form: /^\d+[KMGT]?$/,
    expected: "sbatch's memory per node: a whole number with K, M, G or T (e.g. 16G)",
  },
  {
    flag: "time",
    form: /^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d+|\d+-\d+:\d{1,2}|\d+-\d+:\d{1,2}:\d{1,2}|UNLIMITED)$/,
    expected: "sbatch's time limit: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (e.g. 01:00:00)",
  },
];

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
  for (const { flag, form, expected } of SLURM_FORMS) {
    const value = args[flag] as string | undefined;
    if (value !== undefined && !form.test(value)) throw new InputError(`--${flag}`, value, expected);
  }
}
