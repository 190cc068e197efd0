import type { Goodput } from "../../plan/goodput.js";
import { InputError } from "../../units/InputError.js";
import { formatDuration } from "../../units/formatDuration.js";

/** The `plan` flags that only a run's length gives a meaning to. */
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

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** One line: how much of the wall time trains, and what the rest goes to (the `plan` goodput line). */
export function formatGoodput(g: Goodput, productiveSeconds: number): string {
  if (!g.enabled) return "off (--no-goodput): every second is a training step";
  const o = g.overhead;
  const parts = [
    `failures and restarts +${pct(o.failures)}`,
    `checkpoint writes +${pct(o.checkpoints)}`,
    ...(o.evaluation > 0 ? [`evaluation +${pct(o.evaluation)}`] : []),
  ];
  const every = Number.isFinite(g.mtbfSeconds) ? `, an interrupt every ${formatDuration(g.mtbfSeconds)}` : "";
  return `${pct(g.fraction)} of the wall time trains (${formatDuration(productiveSeconds)} of steps); ${parts.join(", ")}${every} (forecast's goodput model; --no-goodput for steps only)`;
}
