import type { Precision } from "../workload/precision.js";
import { type BestMfu, mfuPrecisionClass } from "./bestMfu.js";
import residualsDoc from "./stepTimeResiduals.json" with { type: "json" };

/** Accelerator → precision class → best MFU, as `npm run residuals` stored it. */
const BEST_MFU = residualsDoc.bestMfu as Readonly<Record<string, Readonly<Record<string, BestMfu>>>>;

/**
 * The best MFU the corpus measured on an accelerator at precisions of `precision`'s class
 * (bestMeasuredMfu.ts, stored beside the step-time residuals by `npm run residuals` so that forecasts and
 * the web app need not load the corpus; test/validation/stepTimeResiduals.slow.test.ts checks it), or
 * undefined where it has no such run.
 */
export function bestMeasuredMfuOn(accelerator: string, precision: Precision): BestMfu | undefined {
  return BEST_MFU[accelerator]?.[mfuPrecisionClass(precision)];
}

/** `{ bestMeasuredMfu }` for a forecast's input where the corpus has one for the accelerator, else `{}`. */
export function bestMeasuredMfuField(
  accelerator: string,
  precision: Precision,
): { bestMeasuredMfu?: BestMfu } {
  const best = bestMeasuredMfuOn(accelerator, precision);
  return best ? { bestMeasuredMfu: best } : {};
}
