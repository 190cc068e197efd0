/**
 * B_simple = tr(Σ)/|G|² (McCandlish et al. 2018 eq. 2.9) pooled over many logged windows with equal
 * weights: the unbiased two-batch estimates of their App. A.1 (`twoBatchEstimates`, src/batch) are
 * averaged, then divided, which is the EMA of `estimateNoiseScale` in the limit β → 1. Used to pool the
 * windows of several runs near the same loss, where an EMA's order would be arbitrary. The interval is a
 * seeded bootstrap over windows (Efron 1979), 95% percentile.
 */

import { uniformInt } from "pure-rand/distribution/uniformInt";
import { type GradientNormSample, twoBatchEstimates } from "../batch/gradientNoiseScale.js";
import { rngFor } from "../fit/random.js";

/** The pooled B_simple with its interval and the averages it came from. */
export interface PooledNoiseScale {
  value: number;
  ci95: [number, number] | null;
  gradSq: number;
  traceSigma: number;
  windows: number;
}

/** Pooled B_simple over `samples`; null when there are none or the mean |G|² estimate is ≤ 0. */
export function pooledNoiseScale(
  samples: readonly GradientNormSample[],
  o: { bootstrap?: number; seed?: number } = {},
): PooledNoiseScale | null {
  const { bootstrap = 1000, seed = 0 } = o;
  const n = samples.length;
  if (n === 0) return null;
  const est = samples.map(twoBatchEstimates);
  const g = est.reduce((s, e) => s + e.gradSq, 0) / n;
  const t = est.reduce((s, e) => s + e.traceSigma, 0) / n;
  if (!(g > 0)) return null;
  let ci95: [number, number] | null = null;
  if (bootstrap > 0 && n > 1) {
    const draws: number[] = [];
    for (let b = 0; b < bootstrap; b++) {
      const rng = rngFor(seed, b);
      let sg = 0;
      let st = 0;
      for (let j = 0; j < n; j++) {
        const e = est[uniformInt(rng, 0, n - 1)]!;
        sg += e.gradSq;
        st += e.traceSigma;
      }
      draws.push(sg > 0 ? st / sg : Infinity);
    }
    draws.sort((a, b) => a - b);
    const q = (p: number) => draws[Math.min(bootstrap - 1, Math.max(0, Math.round(p * (bootstrap - 1))))]!;
    ci95 = [q(0.025), q(0.975)];
  }
  return { value: t / g, ci95, gradSq: g, traceSigma: t, windows: n };
}
