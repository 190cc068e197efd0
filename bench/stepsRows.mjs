/**
 * Synthetic steps-to-result tables for the batch benchmark: `rows` distinct batch sizes, log-spaced from
 * 16 to 16,384, with steps drawn from S(B) = S_min(1 + B_noise/B) (McCandlish et al. 2018 eq. 2.11),
 * S_min = 2,000, B_noise = 512 (as test/validation/batch-synthetic-sweeps.test.ts), times log-normal noise
 * of σ = 0.05 (small enough that neighbouring batch sizes never rise by the 50% `batch` rejects). Seeded.
 */

import { normal, rngFor } from "../dist/fit/random.js";

/** The table as CSV text (columns batch, steps). */
export function stepsCsv(rows, seed = 23) {
  const rng = rngFor(seed, 0);
  const lines = ["batch,steps"];
  for (let i = 0; i < rows; i++) {
    const batch = 16 * 1024 ** (i / Math.max(1, rows - 1));
    lines.push(`${batch},${2000 * (1 + 512 / batch) * Math.exp(0.05 * normal(rng))}`);
  }
  return `${lines.join("\n")}\n`;
}
