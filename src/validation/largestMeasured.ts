import type { CorpusCase } from "./corpusCase.js";
import { corpusParams } from "./corpusModel.js";

/** The largest value of one axis the corpus measured on an accelerator, and the case that measured it. */
export interface Extreme {
  value: number;
  case: string;
}

/**
 * How far the validation corpus reaches on one accelerator: its largest device count, model (total
 * parameters) and sequence. The step-time model's error was measured inside these; past them it is not.
 */
export interface LargestMeasured {
  devices: Extreme;
  params: Extreme;
  seq: Extreme;
  /** The accelerator the runs were measured on, where that is not the one asked about (its `variantOf`). */
  on?: string;
}

/** The axes a plan can take past the corpus, in the words of the warning. */
const AXES = { devices: "devices", params: "parameters", seq: "tokens per sequence" } as const;

/**
 * The corpus's reach on `accelerator` ({@link LargestMeasured}), or undefined where it has no run there.
 * Runs whose source documents something the model leaves out (`notModelled`, e.g. CPU offload) do not
 * count: the model's error was not measured on them.
 */
export function largestMeasured(
  corpus: readonly CorpusCase[],
  accelerator: string,
): LargestMeasured | undefined {
  const runs = corpus.filter((c) => c.accelerator === accelerator && c.notModelled === undefined);
  if (runs.length === 0) return undefined;
  const most = (value: (c: CorpusCase) => number): Extreme =>
    runs.reduce<Extreme>((best, c) => (value(c) > best.value ? { value: value(c), case: c.name } : best), {
      value: -Infinity,
      case: "",
    });
  return {
    devices: most((c) => c.devices),
    params: most((c) => corpusParams(c).total),
    seq: most((c) => c.seq),
  };
}

/**
 * The warning a plan earns when it goes past the largest run the corpus measured on its accelerator in
 * devices, parameters or sequence: the step-time model's error (and the interval drawn from it) was
 * measured inside that range, not beyond it; and, where the corpus has no run on the accelerator at all
 * (`largest` null: TPU v3, MI300X, Gaudi, the inference cards), that no prediction there has been
 * checked against a measured training run, unless the system was calibrated on the user's own runs
 * (`calibratedRuns`, a `scalecast calibrate` file's count: they are its check). Undefined when the plan
 * is inside the range on every axis.
 */
export function beyondMeasuredWarning(
  plan: { devices: number; params: number; seq: number },
  accelerator: string,
  largest: LargestMeasured | null,
  calibratedRuns = 0,
): string | undefined {
  if (largest === null && calibratedRuns > 0) return undefined;
  if (largest === null)
    return `no training run on ${accelerator} in the validation corpus: its step time is the model's alone, never checked against a measurement there (its error is borrowed from the other accelerators' runs)`;
  const past = (Object.keys(AXES) as (keyof typeof AXES)[])
    .filter((axis) => plan[axis] > largest[axis].value)
    .map(
      (axis) =>
        `${count(plan[axis])} ${AXES[axis]} (largest measured ${count(largest[axis].value)}, ${largest[axis].case})`,
    );
  if (past.length === 0) return undefined;
  const where = largest.on ? `${largest.on} (${accelerator}'s compute)` : accelerator;
  return `beyond the validation corpus on ${where}: ${past.join("; ")}; the step-time model's error was measured only inside that range (a forecast's interval assumes it holds here too)`;
}

/** A count as the warning prints it: integers below a million in full, larger ones in engineering form. */
function count(x: number): string {
  return x < 1e6 ? Math.round(x).toLocaleString("en-US") : x.toPrecision(3);
}
