import { accelerator as catalogAccelerator } from "../hardware/catalog.js";
import { peakFlopsFor } from "../hardware/peakFlops.js";
import type { Precision } from "../workload/precision.js";
import { type BestMfu, mfuPrecisionClass } from "./bestMfu.js";
import type { CorpusCase } from "./corpusCase.js";
import { measuredTokensPerSecond } from "./measuredStepSeconds.js";
import { caseProfile } from "./predictCase.js";

/**
 * The MFU a case measured, in the convention of scalecast's own predictions (PaLM App. B, as
 * `LayoutResult.mfu`): its measured tokens per second ({@link measuredTokensPerSecond}, which inverts the
 * source's own metric and FLOP convention) times the model's FLOP per token (6N + 12·L·H·Q·T, the step
 * profile's `modelFlopsPerUnit`), over devices × the catalog's dense peak at the case's precision (what a
 * prediction's MFU divides by, `peakFlopsFor`; a source's own peak may differ, e.g. an fp8 run's MFU
 * quoted against the bf16 peak). Every case has one, whatever it reported (step time, tokens/s, TFLOP/s
 * with or without recompute, MFU or HFU), and all are comparable with a prediction.
 */
export function measuredMfu(c: CorpusCase): number {
  const peak = peakFlopsFor(catalogAccelerator(c.accelerator), c.precision as Precision).flopsPerSecond;
  return (measuredTokensPerSecond(c) * caseProfile(c).modelFlopsPerUnit) / (c.devices * peak);
}

/**
 * The best MFU measured on `accelerator` at precisions of `precision`'s class (issue 12 item 7: a
 * prediction above it is suspicious), or undefined when the corpus has no such run. Cases whose source
 * documents something the model does not model (`notModelled`, e.g. CPU offload) count too: they did
 * run that fast.
 */
export function bestMeasuredMfu(
  corpus: readonly CorpusCase[],
  accelerator: string,
  precision: Precision,
): BestMfu | undefined {
  const cls = mfuPrecisionClass(precision);
  let best: BestMfu | undefined;
  for (const c of corpus) {
    if (c.accelerator !== accelerator || mfuPrecisionClass(c.precision as Precision) !== cls) continue;
    const mfu = measuredMfu(c);
    if (best === undefined || mfu > best.mfu) best = { mfu, case: c.name };
  }
  return best;
}
