/**
 * Model FLOP per token of one training step of a transformer with L layers, H heads of dimension Q over a
 * context of T tokens: 6N + 12·L·H·Q·T, with N the (active) parameters (Chowdhery et al. 2022 PaLM,
 * App. B): the MFU numerator published MFUs use, so that scalecast's MFU compares with theirs.
 */
export function palmModelFlops(
  spec: { layers: number; heads: number; headDim: number },
  o: { seq: number; activeParams: number },
): number {
  return 6 * o.activeParams + 12 * spec.layers * spec.heads * spec.headDim * o.seq;
}
