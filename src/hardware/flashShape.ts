/**
 * How a fused (flash) attention kernel's rate depends on the shape it runs: its sequence length, head
 * dimension and mask. Each thread block of FlashAttention-2 (Dao 2023, §3.1–3.2) loads a block of
 * queries, loops over the keys and values, and writes its output: a fixed cost per block (load, rescale,
 * write) beside a loop whose length is the key sequence, so the rate grows as s/(s + sHalf); a causal
 * mask leaves partly masked blocks on the diagonal and uneven rows of blocks, a larger sHalf. Per block,
 * the matmul work grows with the head dimension d while the softmax's exponentials do not (§3.1: the
 * non-matmul FLOPs), so the rate grows as d/(d + dHalf). Fitted (least squares on log rates, one
 * asymptote per device) to the 44 labelled bars of FlashAttention-2's forward + backward benchmark on
 * A100 80GB SXM4 and H100 80GB SXM5 (flash-attention assets/flash2_a100_fwd_bwd_benchmark.png and
 * flash2_h100_fwd_bwd_benchmark.png, 4f285b35; seq 512–16k, head dim 64 and 128, causal and not; batch
 * × seq = 16k tokens, hidden 2048): sHalf 545 causal and 175 full, dHalf 20, RMS 1.6%. [fitted]
 *
 * The catalog's flash fractions are rates at one measured shape (`FlashShape` in the device's
 * efficiency, default {@link FLASH_REFERENCE}); other shapes scale by {@link flashRateScale}.
 */

/** A fused attention kernel's shape: key sequence per call, head dimension, causal mask. */
export interface FlashShape {
  seq: number;
  headDim: number;
  causal: boolean;
}

/** Sequence length at which a flash kernel reaches half its long-sequence rate, by mask. [fitted] */
export const FLASH_SEQ_HALF = { causal: 545, full: 175 } as const;

/** Head dimension at which a flash kernel reaches half its large-head rate. [fitted] */
export const FLASH_HEAD_DIM_HALF = 20;

/**
 * Where a device's flash fractions are taken when its efficiency does not say: the common benchmark
 * point, 8,192 tokens of head dimension 128 without a mask (Azure's AI-benchmarking-guide runs
 * benchmark_flash_attention.py at batch 2, seqlen 8192, and reads its first, non-causal block).
 */
export const FLASH_REFERENCE: FlashShape = { seq: 8192, headDim: 128, causal: false };

/** The shape-dependent share of a flash kernel's asymptotic rate: s/(s + sHalf) · d/(d + dHalf). */
export function flashShapeFactor(shape: FlashShape): number {
  const sHalf = shape.causal ? FLASH_SEQ_HALF.causal : FLASH_SEQ_HALF.full;
  return (shape.seq / (shape.seq + sHalf)) * (shape.headDim / (shape.headDim + FLASH_HEAD_DIM_HALF));
}

/** The rate at `shape` over the rate at `reference` (the shape a device's fractions were measured at). */
export function flashRateScale(shape: FlashShape, reference: FlashShape = FLASH_REFERENCE): number {
  return flashShapeFactor(shape) / flashShapeFactor(reference);
}

/**
 * An older kernel's rate against FlashAttention-2's at head dimension d, from its ratios at 64 (1) and
 * 128 (`atHeadDim128`, src/parallel/systemFor.ts `OF_FLASH2`, read off the same benchmark's bars):
 * linear between, held beyond either end.
 */
export function olderKernelHeadDimScale(headDim: number, atHeadDim128: number): number {
  const wide = Math.min(1, Math.max(0, (headDim - 64) / 64));
  return 1 + (atHeadDim128 - 1) * wide;
}
