/**
 * Numerically stable log(e^a + e^b), writing the softmax weights (the partial
 * derivatives with respect to each argument) into `weights`. Used by every law written in the
 * log-sum-exp form of Hoffmann et al. 2022 App. D.2.
 */
export function logSumExp2(a: number, b: number, weights: Float64Array | null): number {
  const m = Math.max(a, b);
  if (m === Number.NEGATIVE_INFINITY) {
    if (weights) {
      weights[0] = 0.5;
      weights[1] = 0.5;
    }
    return m;
  }
  const ea = Math.exp(a - m);
  const eb = Math.exp(b - m);
  const s = ea + eb;
  if (weights) {
    weights[0] = ea / s;
    weights[1] = eb / s;
  }
  return m + Math.log(s);
}
