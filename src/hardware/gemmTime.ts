import type { GemmEfficiency } from "./efficiencySchema.js";

/** A (batched) matrix multiplication C[m×n] = A[m×k]·B[k×n], `batch` times. */
export interface GemmShape {
  m: number;
  n: number;
  k: number;
  /** Independent GEMMs of this shape in one launch (heads × samples for attention); default 1. */
  batch?: number;
}

/** A device's GEMM description bound to one precision (see {@link boundGemm}). */
export interface BoundGemm {
  /** Dense peak FLOP/s at the precision. */
  peakFlopsPerSecond: number;
  /** Fraction of peak a large GEMM reaches (the precision's `ceiling`). */
  ceiling: number;
  computeUnits: number;
  tiles: readonly (readonly [number, number])[];
  kHalf: number;
  launchSeconds: number;
  /** Achieved streaming bandwidth, bytes/s (the memory roof). */
  memoryBytesPerSecond: number;
  /** Bytes per operand element. */
  operandBytes: number;
}

/**
 * Bind a GEMM description to a precision's peak, ceiling, operand size and the achieved bandwidth.
 * `kHalf` is stated in the k loop of 16-bit operands; a tile's fixed cost is a time, so at a precision
 * whose k loop runs r times as fast (fp8 on Hopper and Blackwell: 2; tf32: 1/2) it is r·kHalf of that
 * precision's k (`sixteenBitPeakFlopsPerSecond` gives r = peak / 16-bit peak; absent, r = 1). Azure's
 * H100 FP8 cuBLASLt table fits kHalf 224 in fp8 k, 112 in 16-bit k (catalog/efficiencies.ts).
 */
export function boundGemm(
  g: GemmEfficiency,
  o: {
    peakFlopsPerSecond: number;
    ceiling: number;
    memoryBytesPerSecond: number;
    operandBytes: number;
    sixteenBitPeakFlopsPerSecond?: number;
  },
): BoundGemm {
  const rate = o.sixteenBitPeakFlopsPerSecond ? o.peakFlopsPerSecond / o.sixteenBitPeakFlopsPerSecond : 1;
  return {
    peakFlopsPerSecond: o.peakFlopsPerSecond,
    ceiling: o.ceiling,
    computeUnits: g.computeUnits,
    tiles: g.tiles,
    kHalf: g.kHalf * rate,
    launchSeconds: g.launchSeconds,
    memoryBytesPerSecond: o.memoryBytesPerSecond,
    operandBytes: o.operandBytes,
  };
}

/**
 * Seconds of one GEMM launch from its shape (REFERENCE (j), GEMM efficiency structure):
 *
 *   compute = min over tiles Tm×Tn of ⌈B·⌈m/Tm⌉·⌈n/Tn⌉ / U⌉ · 2·Tm·Tn·(k + kHalf) / (ceiling · peak / U)
 *   time    = max(compute, bytes / bandwidth) + launch,  bytes = e·B·(mk + kn + mn)
 *
 * with U compute units (SMs), B the batch. The first factor is the number of waves: tiles are padded
 * to whole tiles (tile quantisation) and run U at a time (wave quantisation), NVIDIA "Matrix
 * Multiplication Background" user guide §3; a tile's work grows with k plus a fixed kHalf (its
 * prologue and epilogue), so short-k GEMMs lose k/(k + kHalf); the library picks the tile that finishes
 * first. The memory roof is Williams et al., CACM 2009, with each operand read once.
 */
export function gemmSeconds(shape: GemmShape, g: BoundGemm): number {
  const { m, n, k } = shape;
  const batch = shape.batch ?? 1;
  const unitRate = (g.ceiling * g.peakFlopsPerSecond) / g.computeUnits;
  let compute = Infinity;
  for (const [tm, tn] of g.tiles) {
    const tiles = batch * Math.ceil(m / tm) * Math.ceil(n / tn);
    const waves = Math.ceil(tiles / g.computeUnits);
    const t = (waves * 2 * tm * tn * (k + g.kHalf)) / unitRate;
    if (t < compute) compute = t;
  }
  const bytes = g.operandBytes * batch * (m * k + k * n + m * n);
  return Math.max(compute, bytes / g.memoryBytesPerSecond) + g.launchSeconds;
}

/** Fraction of dense peak the GEMM reaches: 2·B·m·n·k / (seconds · peak). */
export function gemmFraction(shape: GemmShape, g: BoundGemm): number {
  const flops = 2 * (shape.batch ?? 1) * shape.m * shape.n * shape.k;
  return flops / (gemmSeconds(shape, g) * g.peakFlopsPerSecond);
}
