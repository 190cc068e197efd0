import { InputError } from "../../units/InputError.js";

/** The flags (of `plan` and `finetune`) that only a run's length gives a meaning to. */
const RUN_FLAGS = [
  "region",
  "pue",
  "failure-rate",
  "restart-minutes",
  "checkpoint-bandwidth",
  "checkpoint-every",
  "eval-fraction",
] as const;

/** Refuses run flags (energy, CO2, goodput) on a plan that has no `--tokens` to train, rather than ignore them. */
export function requireTokensFor(args: Record<string, unknown>): void {
  if (args.goodput === false)
    throw new InputError("--no-goodput", "given", "--tokens as well: goodput applies to a run's length");
  for (const k of RUN_FLAGS)
    if (args[k] !== undefined)
      throw new InputError(`--${k}`, args[k], "--tokens as well: it applies to a run's length");
}
