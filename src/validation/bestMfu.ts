import type { Precision } from "../workload/precision.js";

/** The highest MFU a corpus measured on one accelerator, and the case that measured it. */
export interface BestMfu {
  mfu: number;
  case: string;
  /** The accelerator it was measured on, where that is not the one asked about (its `variantOf`). */
  on?: string;
}

/**
 * Precisions whose MFU share a peak: bf16 and fp16 run at the same dense peak on every device in the
 * catalog, fp8 at its own (twice it on Hopper and Blackwell), tf32 and fp32 at theirs.
 */
export function mfuPrecisionClass(p: Precision): "16-bit" | "fp8" | "tf32" | "fp32" {
  return p === "bf16" || p === "fp16" ? "16-bit" : p;
}

/**
 * The warning a prediction of `mfu` on `accelerator` earns when it beats `best`, the best MFU the
 * validation corpus measured there (issue 12 item 7: such a prediction is optimistic), else undefined.
 */
export function mfuAboveBestWarning(mfu: number, accelerator: string, best: BestMfu | undefined) {
  if (best === undefined || !(mfu > best.mfu)) return undefined;
  const where = best.on ? `${best.on} (${accelerator}'s compute)` : accelerator;
  return `predicted MFU ${(100 * mfu).toFixed(1)}% beats the best measured on ${where} in the validation corpus (${(100 * best.mfu).toFixed(1)}%, ${best.case}): treat it as optimistic`;
}
