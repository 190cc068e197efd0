import { z } from "zod";

const fraction = z.number().gt(0).lte(1);
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

/**
 * How fast dense GEMMs run on one device, from vendor-library microbenchmarks (cuBLAS, hipBLASLt, XLA),
 * never from end-to-end training runs. The time model is `gemmSeconds` (gemmTime.ts):
 * - `ceiling`: the fraction of dense peak a large, well-shaped GEMM reaches at each precision;
 * - `tiles`: the output tiles the library picks from (rows × columns); a GEMM of m×n outputs runs
 *   ⌈m/Tm⌉·⌈n/Tn⌉ tiles in ⌈tiles/computeUnits⌉ waves (tile and wave quantisation, NVIDIA "Matrix
 *   Multiplication Background" user guide, DU-09799-001, §3.1–3.2), the best tile wins;
 * - `kHalf`: a tile's fixed cost (prologue, epilogue, pipeline fill) in units of its k loop at 16-bit
 *   operands: a tile's time is proportional to k + kHalf, so short-k GEMMs run at k/(k + kHalf) of the
 *   ceiling; a precision whose k loop runs r times the 16-bit rate pays r·kHalf (gemmTime.ts `boundGemm`);
 * - `launchSeconds`: a fixed cost per kernel.
 */
export const GemmEfficiencySchema = z.object({
  ceiling: z
    .object({
      fp32: fraction.optional(),
      tf32: fraction.optional(),
      bf16: fraction.optional(),
      fp16: fraction.optional(),
      fp8: fraction.optional(),
    })
    .refine((c) => Object.values(c).some((v) => v !== undefined), "at least one precision"),
  computeUnits: z.number().int().positive(),
  tiles: z.array(z.tuple([z.number().int().positive(), z.number().int().positive()])).min(1),
  kHalf: nonNegative,
  launchSeconds: nonNegative,
  /**
   * Time multiplier of an fp8 GEMM accumulating in split mode (cuBLASLt `CUBLASLT_MATMUL_DESC_FAST_ACCUM`
   * 0: partial sums promoted to fp32 as it goes), which fp8 recipes use for the backward's GEMMs, against
   * the fast-accumulation GEMMs the fp8 ceiling was measured with; absent, 1 (no such mode, or no
   * measurement: Blackwell has none, "there is no fastAccuMode for sm100", NVIDIA/TransformerEngine#2748).
   */
  fp8SplitAccumulation: z.number().min(1).optional(),
});

/**
 * One link tier at the bandwidth collectives really reach on it, in the nccl-tests "bus bandwidth"
 * convention (NVIDIA/nccl-tests PERFORMANCE.md, REFERENCE (j)): busbw = algbw·2(n−1)/n for all-reduce,
 * algbw·(n−1)/n for all-gather, reduce-scatter and all-to-all, so that one figure per tier prices every
 * collective at any group size. `latencySeconds` is the per-step α of a ring.
 */
export const LinkTierSchema = z.object({
  /** Achieved bus bandwidth per device of ring all-gather and reduce-scatter, bytes/s. */
  busBytesPerSecond: positive,
  /** Achieved all-reduce bus bandwidth when it differs (NVLink SHARP on H100), bytes/s. */
  allReduceBusBytesPerSecond: positive.optional(),
  /** Per-ring-step latency α, seconds. */
  latencySeconds: nonNegative,
});

/**
 * Everything measured about one accelerator and its cluster that the step-time model needs beyond the
 * datasheet: GEMM efficiency, attention kernels, streaming bandwidth and the network tiers at achieved
 * bandwidth. Every number carries its source in `sources` (field → citation). A `--catalog` entry can
 * carry one; the built-in catalog attaches one per accelerator (src/hardware/catalog/efficiencies.ts).
 */
export const EfficiencySchema = z.object({
  gemm: GemmEfficiencySchema,
  /**
   * Fused attention kernels: the fraction of dense 16-bit peak their forward and backward passes reach,
   * on the FLOP they execute. `flash*` is FlashAttention-2 (or the device's generic fused kernel);
   * `async*` the Hopper-native kernels (FlashAttention-3, cuDNN fused attention) where the device has
   * them, used by stacks whose profile says `attentionKernel: "async"`.
   */
  attention: z.object({
    flashForward: fraction,
    flashBackward: fraction,
    asyncForward: fraction.optional(),
    asyncBackward: fraction.optional(),
    /**
     * The shape the fractions were measured at (key sequence, head dimension, causal mask); other shapes
     * scale by src/hardware/flashShape.ts `flashRateScale` on GPUs. Default `FLASH_REFERENCE`
     * (8,192 tokens, head dimension 128, no mask).
     */
    measuredAt: z.object({ seq: positive, headDim: positive, causal: z.boolean() }).optional(),
  }),
  /** Fraction of datasheet memory bandwidth streaming kernels reach (STREAM/BabelStream triad). */
  memoryBandwidth: fraction,
  /**
   * How much slower compute runs while a hidden collective overlaps it (NCCL runs its collectives as
   * kernels on the compute units, XLA inside the TensorCore's programs); absent, the device kind's
   * default (src/parallel/overlapSlowdown.ts: 0.189 on GPUs and TPUs, 0 elsewhere).
   */
  overlapSlowdown: z.number().min(0).max(1).optional(),
  /** The intra-node link (NVLink, xGMI, ICI) and the network between nodes, at achieved bus bandwidth. */
  network: z.object({ intraNode: LinkTierSchema, interNode: LinkTierSchema }),
  /** Field → source. */
  sources: z.record(z.string(), z.string()),
});

/** A validated efficiency description. */
export type Efficiency = z.output<typeof EfficiencySchema>;

/** A validated link tier. */
export type LinkTier = z.output<typeof LinkTierSchema>;

/** A validated GEMM efficiency description. */
export type GemmEfficiency = z.output<typeof GemmEfficiencySchema>;
