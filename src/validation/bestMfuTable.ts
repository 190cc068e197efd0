import type { Accelerator } from "../hardware/accelerator.js";
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
export function bestMeasuredMfuOn(
  accelerator: string | Pick<Accelerator, "name" | "variantOf">,
  precision: Precision,
): BestMfu | undefined {
  const a = typeof accelerator === "string" ? { name: accelerator } : accelerator;
  const cls = mfuPrecisionClass(precision);
  const own = BEST_MFU[a.name]?.[cls];
  if (own || a.variantOf === undefined) return own;
  // an export variant without runs of its own: the runs on the compute it shares (`variantOf`)
  const shared = BEST_MFU[a.variantOf]?.[cls];
  return shared ? { ...shared, on: a.variantOf } : undefined;
}

/** `{ bestMeasuredMfu }` for a forecast's input where the corpus has one for the accelerator, else `{}`. */
export function bestMeasuredMfuField(
  accelerator: string | Pick<Accelerator, "name" | "variantOf">,
  precision: Precision,
): { bestMeasuredMfu?: BestMfu } {
  const best = bestMeasuredMfuOn(accelerator, precision);
  return best ? { bestMeasuredMfu: best } : {};
}
