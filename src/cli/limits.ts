import { availableParallelism } from "node:os";
import { InputError } from "../units/InputError.js";
import { parseCount } from "../units/parseCount.js";

/**
 * Upper bounds on the counts a command line may ask for, checked before any work so that a typo
 * (`--workers 1000000`, `--devices 1e9`) is a one-line error naming the limit, not a process that runs
 * until memory runs out (issue 16 item 3). Each is far above any real use:
 *
 * - devices: 2^20 (1,048,576); the largest training clusters reported are ~100k accelerators
 *   (xAI Colossus, 2024; Meta's 2 x 24k H100 clusters, 2024), so a million is a ten-fold margin.
 * - global batch: 2^24 sequences (16.7M); LLM batches are ~1-16M tokens, i.e. thousands of sequences
 *   (GPT-3 3.2M tokens = 1,536 sequences; Brown et al. 2020, Table 2.1).
 * - bootstrap draws: 100,000; percentile intervals settle within ~1% by 10,000 draws (Efron and
 *   Tibshirani 1993, Section 19.3 recommend 1,000 for percentile intervals).
 * - workers: the machine's cores (`os.availableParallelism()`); more threads only add memory.
 * - top/search sizes: 10,000 printed layouts.
 * - multi-start starts: 10,000; Epoch's Chinchilla refit grid, the largest in use, is 4,500 starts
 *   (5·5·5·6·6 points of α, β, e, a, b; Besiroglu et al. 2024, /work/shared/REFERENCE.md (e)), and
 *   `batch` runs N starts itself, so `--starts 1e9` ran for hours.
 * - training steps (`train`, `sweep design`): 10,000,000; the longest published LLM runs take ~10^5-10^6
 *   optimizer steps (GPT-3 ~93k, Brown et al. 2020 Table 2.1; PaLM 255k, Chowdhery et al. 2022 §5).
 * - seeds per sweep point and retries per point: 1,000; a sweep repeats a point a handful of times.
 * - optimizer iterations per start: 1,000,000; the default is 15,000 and L-BFGS on a five-parameter
 *   law converges in tens to hundreds of iterations (Nocedal and Wright 2006, Sec. 7.2).
 */
export const LIMITS = {
  devices: 2 ** 20,
  globalBatch: 2 ** 24,
  bootstrap: 100_000,
  top: 10_000,
  starts: 10_000,
  iterations: 1_000_000,
  trainSteps: 10_000_000,
  repeats: 1_000,
} as const;

/** The device-count limit as every command names it in its error. */
export const DEVICES_LIMIT: CountOptionOptions = {
  max: LIMITS.devices,
  limitName: "2^20, ten times the largest cluster",
};

/** The global-batch limit as every command names it in its error. */
export const GLOBAL_BATCH_LIMIT: CountOptionOptions = {
  max: LIMITS.globalBatch,
  limitName: "2^24 sequences",
};

/** A training-step count option, at most {@link LIMITS}.trainSteps (`min` 0 for a floor such as --min-steps). */
export const stepsOption = (value: string | undefined, field: string, min = 1) =>
  countOption(value, field, {
    min,
    max: LIMITS.trainSteps,
    limitName: "10M steps, ~40x the longest published runs",
  });

/** Most worker threads a command may start: the cores this process may use. */
export function maxWorkers(): number {
  return availableParallelism();
}

/** Options for {@link countOption}. */
export interface CountOptionOptions {
  /** Smallest allowed value (default 1). */
  min?: number;
  /** Largest allowed value, named in the error with `limitName` (default: no limit). */
  max?: number;
  /** What the limit is, for the error, e.g. "the cores of this machine" (default: "the limit"). */
  limitName?: string;
}

/**
 * Parse a count option (`64`, `1.5k`, `2^`-free SI forms, see {@link parseCount}) as an integer in
 * `[min, max]`, or undefined when absent. An empty string is refused (not read as "absent").
 *
 * @throws InputError naming the flag, the value and the range (and the limit's reason).
 */
export function countOption(
  value: string | undefined,
  field: string,
  { min = 1, max = Number.POSITIVE_INFINITY, limitName = "the limit" }: CountOptionOptions = {},
): number | undefined {
  if (value === undefined) return undefined;
  const range =
    max === Number.POSITIVE_INFINITY
      ? `an integer of at least ${min}`
      : `an integer from ${min} to ${max} (${limitName})`;
  if (value.trim() === "") throw new InputError(field, value, range);
  const n = parseCount(value, field);
  if (!Number.isInteger(n) || n < min || n > max) throw new InputError(field, value, range);
  return n;
}
