import type { CorpusCase } from "./corpusCase.js";
import { casePeakFlopsPerSecond } from "./measuredStepSeconds.js";

/** The highest MFU a corpus reports on one accelerator, and the case that reports it. */
export interface BestMfu {
  mfu: number;
  case: string;
}

/**
 * MFU a case reports in its source's own FLOP convention, where the source gives it directly: `mfu`
 * cases, and `tflops-per-device` cases whose convention leaves recompute out (6n, palm, megatron,
 * stated): value / peak. HFU and recompute-counting conventions are not MFU and are skipped.
 */
export function reportedMfu(c: CorpusCase): number | undefined {
  if (c.metric === "mfu") return c.value;
  if (c.metric === "tflops-per-device" && c.flops !== undefined && c.flops !== "megatron-recompute")
    return (c.value * 1e12) / casePeakFlopsPerSecond(c);
  return undefined;
}

/**
 * The best MFU measured on `accelerator` in the corpus (issue 12 item 7: a prediction above it is
 * suspicious), or undefined when the corpus reports none there.
 */
export function bestMeasuredMfu(corpus: readonly CorpusCase[], accelerator: string): BestMfu | undefined {
  let best: BestMfu | undefined;
  for (const c of corpus) {
    if (c.accelerator !== accelerator) continue;
    const mfu = reportedMfu(c);
    if (mfu !== undefined && (best === undefined || mfu > best.mfu)) best = { mfu, case: c.name };
  }
  return best;
}
