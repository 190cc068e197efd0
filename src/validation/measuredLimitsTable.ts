import type { Precision } from "../workload/precision.js";
import { type BestMfu, mfuPrecisionClass } from "./bestMfu.js";
import type { LargestMeasured } from "./largestMeasured.js";
import { type MeasuredOn, measuredNames } from "./measuredOn.js";
import residualsDoc from "./stepTimeResiduals.json" with { type: "json" };

// What the corpus measured per accelerator, as forecasts, plans and the web app read it without loading
// the corpus: its best MFU and its reach (largest devices, model, sequence), each stored beside the
// step-time residuals by `npm run residuals` and checked by test/validation/stepTimeResiduals.slow.test.ts.

/** Accelerator → its largest measured run per axis, as `npm run residuals` stored it. */
const LARGEST = residualsDoc.largestMeasured as Readonly<Record<string, LargestMeasured>>;

/** Accelerator → precision class → best MFU, as `npm run residuals` stored it. */
const BEST_MFU = residualsDoc.bestMfu as Readonly<Record<string, Readonly<Record<string, BestMfu>>>>;

/**
 * The best MFU the corpus measured on an accelerator at precisions of `precision`'s class
 * (bestMeasuredMfu.ts, stored beside the step-time residuals by `npm run residuals` so that forecasts and
 * the web app need not load the corpus; test/validation/stepTimeResiduals.slow.test.ts checks it), or
 * undefined where it has no such run.
 */
export function bestMeasuredMfuOn(accelerator: MeasuredOn, precision: Precision): BestMfu | undefined {
  const cls = mfuPrecisionClass(precision);
  const { name, names } = measuredNames(accelerator);
  const on = names.find((n) => BEST_MFU[n]?.[cls] !== undefined);
  if (on === undefined) return undefined;
  const best = BEST_MFU[on]![cls]!;
  return on === name ? best : { ...best, on };
}

/**
 * `{ bestMeasuredMfu, largestMeasured }` for a forecast's input: the best MFU where the corpus has one
 * for the accelerator, and its reach (null where it has no run there, which is warned too).
 */
export function measuredLimitsFields(
  accelerator: MeasuredOn,
  precision: Precision,
): { bestMeasuredMfu?: BestMfu; largestMeasured: LargestMeasured | null } {
  const best = bestMeasuredMfuOn(accelerator, precision);
  return { ...(best ? { bestMeasuredMfu: best } : {}), largestMeasured: largestMeasuredOn(accelerator) };
}

/**
 * How far the corpus reaches on an accelerator (largestMeasured.ts: devices, parameters, sequence),
 * stored beside the residuals by `npm run residuals`, with the parent's where a variant has no runs of
 * its own; null where neither has any.
 */
export function largestMeasuredOn(accelerator: MeasuredOn): LargestMeasured | null {
  const { name, names } = measuredNames(accelerator);
  const on = names.find((n) => LARGEST[n] !== undefined);
  if (on === undefined) return null;
  return on === name ? LARGEST[on]! : { ...LARGEST[on]!, on };
}
