import { accelerator } from "../hardware/catalog.js";
import { peakFlopsFor } from "../hardware/peakFlops.js";
import type { Precision } from "../workload/precision.js";
import type { CorpusCase } from "./corpusCase.js";
import { sourceFlopsPerStep } from "./sourceFlopsPerStep.js";

/**
 * Peak FLOP/s per device a case's MFU or HFU is a fraction of: the source's own (`peakFlopsPerSecond`)
 * when it says, else the catalog's dense peak of the case's accelerator at its precision
 * ({@link peakFlopsFor}, which falls back, e.g. fp8 to bf16 where a device has no fp8 units).
 */
export function casePeakFlopsPerSecond(c: CorpusCase): number {
  return (
    c.peakFlopsPerSecond ?? peakFlopsFor(accelerator(c.accelerator), c.precision as Precision).flopsPerSecond
  );
}

/**
 * Seconds per optimizer step that a corpus case measured, whatever the source reported:
 * - `step-seconds`: the value;
 * - `tokens-per-second` (all devices): tokens per step (globalBatch × seq) / value;
 * - `tflops-per-device`: F / (value × 1e12 × devices);
 * - `mfu`, `hfu`: F / (value × peak × devices), peak from {@link casePeakFlopsPerSecond};
 * where F is the step's FLOP in the source's own convention ({@link sourceFlopsPerStep}). This inverts
 * the source's definition of its metric (e.g. Narayanan et al. 2021 §5.1: TFLOP/s per GPU = eq. 3 FLOP
 * per iteration / (iteration time × GPUs); Chowdhery et al. 2022 App. B: MFU = achieved model FLOP/s /
 * peak), so the step time is the one the source measured, independent of scalecast's own FLOP count.
 *
 * @throws InputError naming the case when its FLOP convention is missing or does not apply.
 */
export function measuredStepSeconds(c: CorpusCase): number {
  switch (c.metric) {
    case "step-seconds":
      return c.value;
    case "tokens-per-second":
      return (c.globalBatch * c.seq) / c.value;
    case "tflops-per-device":
      return sourceFlopsPerStep(c) / (c.value * 1e12 * c.devices);
    case "mfu":
    case "hfu":
      return sourceFlopsPerStep(c) / (c.value * casePeakFlopsPerSecond(c) * c.devices);
  }
}

/** Tokens per second over all devices that a case measured: globalBatch × seq / {@link measuredStepSeconds}. */
export function measuredTokensPerSecond(c: CorpusCase): number {
  return (c.globalBatch * c.seq) / measuredStepSeconds(c);
}
