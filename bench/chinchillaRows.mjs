/**
 * Synthetic Chinchilla-like runs for the fit benchmarks: `rows` points drawn from Epoch's fitted law
 * (Besiroglu et al. 2024, Table 1: E = 1.82, A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658), with N and D
 * log-uniform over the range of Hoffmann et al.'s points (N 5.7e7–1.6e10, D = C/(6N) 2.5e8–3.2e11, from
 * shared/data/chinchilla/svg_extracted_data.csv) and log-normal noise of σ = 0.00755 on the loss (the
 * RMSE of log loss of the Approach 3 fit on those points). Seeded: the same rows on every run.
 */

import { normal, rngFor, uniform01 } from "../dist/fit/random.js";

/** Epoch's published Approach 3 parameters (REFERENCE (e)). */
export const EPOCH_LAW = { E: 1.82, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 };

/** `{ inputs: [N, D], y: loss }` as Float64Arrays, ready for fitLaw("chinchilla", …). */
export function chinchillaRows(rows, seed = 17) {
  const rng = rngFor(seed, 0);
  const n = new Float64Array(rows);
  const d = new Float64Array(rows);
  const y = new Float64Array(rows);
  const { E, A, B, alpha, beta } = EPOCH_LAW;
  const span = (lo, hi) => Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * uniform01(rng));
  for (let i = 0; i < rows; i++) {
    n[i] = span(5.7e7, 1.6e10);
    d[i] = span(2.5e8, 3.2e11);
    y[i] = (E + A / n[i] ** alpha + B / d[i] ** beta) * Math.exp(0.00755 * normal(rng));
  }
  return { inputs: [n, d], y };
}

/** The rows as CSV text (columns n, d, loss), for the CLI benchmarks. */
export function chinchillaCsv(rows, seed = 17) {
  const { inputs, y } = chinchillaRows(rows, seed);
  const lines = ["n,d,loss"];
  for (let i = 0; i < rows; i++) lines.push(`${inputs[0][i]},${inputs[1][i]},${y[i]}`);
  return `${lines.join("\n")}\n`;
}
