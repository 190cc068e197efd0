import type { CorpusCase } from "./corpusCase.js";

/** Sources never calibrated on: Narayanan et al. 2021 Table 1 is predicted without fitting on it (issue 12). */
export const NEVER_CALIBRATE_SOURCES: readonly string[] = ["narayanan2021"];

/**
 * The calibration subset, by a rule fixed before any residual was looked at: within each source, in
 * corpus order, the 1st, 4th, 7th … case (every third, starting with the first), except sources in
 * {@link NEVER_CALIBRATE_SOURCES}, cases quoted from memory (`verified: "memory"`, which the corpus
 * contract forbids calibrating on) and cases whose source documents something the model does not model
 * (`notModelled`). Skipped cases keep their place in the count, so excluding one never moves another
 * case in or out. Every other case is out of sample. The names it picks are printed
 * by `scalecast validate` and listed in the JSON (`summary.inSample.cases`).
 */
export function calibrationSubset(corpus: readonly CorpusCase[]): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const c of corpus) {
    const i = seen.get(c.source.id) ?? 0;
    seen.set(c.source.id, i + 1);
    if (NEVER_CALIBRATE_SOURCES.includes(c.source.id) || c.verified === "memory" || c.notModelled) continue;
    if (i % 3 === 0) out.add(c.name);
  }
  return out;
}
