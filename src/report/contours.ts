import type { Contour } from "./lawPlots.js";

/**
 * Iso-loss lines of a two-input law L(N, D) for plotting: for each loss and each of `steps` values of N
 * (log-spaced over `nRange`), the D with L(N, D) = loss, found by bisection on log D over `dRange` (L falls
 * with D, as every L(N, D) and L(N, S) family does); an N whose loss stays above the level at the top of
 * the range has no point. The same construction as the forecast's frontier series (src/plan/forecastSeries.ts).
 */
export function isoLossContours(
  loss: (n: number, d: number) => number,
  levels: readonly number[],
  nRange: [number, number],
  dRange: [number, number],
  steps = 40,
): Contour[] {
  const [n0, n1] = nRange;
  const ns = Array.from({ length: steps }, (_, i) => n0 * (n1 / n0) ** (i / (steps - 1)));
  return levels.map((level) => ({
    loss: level,
    points: ns.flatMap((n) => {
      let lo = Math.log(dRange[0]);
      let hi = Math.log(dRange[1]);
      if (loss(n, Math.exp(hi)) > level || loss(n, Math.exp(lo)) < level) return [];
      for (let i = 0; i < 50; i++) {
        const mid = (lo + hi) / 2;
        if (loss(n, Math.exp(mid)) > level) lo = mid;
        else hi = mid;
      }
      return [{ x: n, y: Math.exp(hi) }];
    }),
  }));
}

/** `count` loss levels spread evenly (in log) between the lowest and highest measured loss. */
export function lossLevels(losses: readonly number[], count = 5): number[] {
  const lo = Math.min(...losses);
  const hi = Math.max(...losses);
  if (!(hi > lo)) return [lo];
  return Array.from({ length: count }, (_, i) => lo * (hi / lo) ** ((i + 0.5) / count));
}
