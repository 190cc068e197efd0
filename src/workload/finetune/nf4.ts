/**
 * Bits per weight of QLoRA's 4-bit NormalFloat storage with its quantisation constants (Dettmers et al.
 * 2023, "QLoRA", §3): 4-bit NF4 codes in blocks of 64 weights, one absmax constant per block. Stored in
 * fp32 the constants add 32/64 = 0.5 bits per parameter; double quantisation stores them as 8-bit
 * floats in blocks of 256 with one fp32 second-level constant each: 8/64 + 32/(64·256) = 0.127 bits
 * ("reducing the memory footprint per parameter from 0.5 bits to 0.127 bits", §3 Double Quantization).
 */
export const NF4 = {
  /** Bits per NF4 code. */
  codeBits: 4,
  /** Weights per first-level block (one absmax constant each). */
  blockSize: 64,
  /** Bits of a first-level constant without double quantisation (fp32). */
  constantBits: 32,
  /** Double quantisation: bits of a quantised constant (8-bit float) and constants per second-level block. */
  doubleQuantBits: 8,
  doubleQuantBlockSize: 256,
} as const;

/**
 * Bits per parameter of NF4 storage, constants included: 4 + 32/64 = 4.5 without double quantisation,
 * 4 + 8/64 + 32/(64·256) = 4.1270 with it (the default).
 */
export function nf4BitsPerParam(doubleQuant = true): number {
  const { codeBits, blockSize, constantBits, doubleQuantBits, doubleQuantBlockSize } = NF4;
  if (!doubleQuant) return codeBits + constantBits / blockSize;
  return codeBits + doubleQuantBits / blockSize + constantBits / (blockSize * doubleQuantBlockSize);
}

/**
 * FLOP per weight to dequantise NF4 to bf16 in a forward or backward pass: look up the code (1), scale
 * by the block constant (1), and with double quantisation first dequantise that constant (2, amortised
 * over the 64-weight block: 2/64). An assumption counted from the QLoRA dequantisation
 * doubleDequant(c1, c2, W) = dequant(dequant(c1, c2), W) (§3, eq. 6), not a measured kernel cost.
 */
export function nf4DequantFlopsPerParam(doubleQuant = true): number {
  return 2 + (doubleQuant ? 2 / NF4.blockSize : 0);
}
