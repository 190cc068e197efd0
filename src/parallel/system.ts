import type { FlashShape } from "../hardware/flashShape.js";
import type { Precision } from "../workload/precision.js";
import type { CollectiveOp } from "../hardware/collectives.js";
import type { LinkTier } from "../hardware/efficiencySchema.js";
import type { FrameworkProfile } from "./framework.js";
import type { MemoryReserve } from "./systemSchema.js";

/**
 * A {@link System} bound to one training precision: what the step-time model asks of the machine, with
 * GEMM times memoised by shape. Built by `bindSystem` (systemFor.ts); tests may build one by hand. Base
 * units: FLOP/s, bytes, bytes/s, seconds.
 */
export interface ParallelSystem {
  /** The system's name, for reports. */
  name: string;
  /** The training precision the system is bound to (fp8 GEMMs add quantisation traffic). */
  precision: Precision;
  /** Dense peak FLOP/s at the training precision (the MFU denominator, PaLM App. B). */
  peakFlopsPerSecond: number;
  /** Device memory, bytes (physical; the reserve is taken off per layout). */
  memoryBytes: number;
  /** Achieved streaming bandwidth, bytes/s (datasheet × the measured fraction). */
  memoryBytesPerSecond: number;
  /** Fixed seconds per kernel launch (the GEMM model's `launchSeconds`), for the memory-bound kernels too. */
  launchSeconds: number;
  /** Seconds of one GEMM launch of `batch` m×n×k products (gemmTime.ts). */
  gemmSeconds(m: number, n: number, k: number, batch: number): number;
  /**
   * The same GEMM in the 16-bit format where the system is bound to fp8 (what fp8 recipes leave in 16
   * bits: the output layer); absent, {@link gemmSeconds}.
   */
  highPrecisionGemmSeconds?(m: number, n: number, k: number, batch: number): number;
  /**
   * Time multiplier of the fp8 backward GEMMs, which every fp8 recipe accumulates in split mode
   * (Transformer Engine: module/base.py `_2X_ACC_DGRAD = True`, `_2X_ACC_WGRAD = True`, `_2X_ACC_FPROP =
   * False`; torchao: fast accumulation for the output GEMM only, pytorch/ao#2377): the device's
   * `gemm.fp8SplitAccumulation`, 1 where it has none.
   */
  fp8SplitAccumulation: number;
  /** Fractions of 16-bit peak that the framework's fused attention kernels reach forward and backward. */
  flashForward: number;
  flashBackward: number;
  /**
   * The shape the flash fractions were measured at, on GPUs, whose kernels' rates scale with the shape
   * (src/hardware/flashShape.ts); absent elsewhere (TPU attention fractions are assumptions without
   * shape data), where the fractions hold at every shape.
   */
  flashMeasuredAt?: FlashShape;
  /**
   * The framework's attention kernel at head dimension 128 over its rate at 64, relative to
   * FlashAttention-2's (systemFor.ts `OF_FLASH2`: FlashAttention-1 and its Triton port gained less from
   * wider heads); absent: 1.
   */
  flashAtHeadDim128?: number;
  /** Dense 16-bit peak FLOP/s, what attention runs at under fp8 training (Transformer Engine keeps it in 16 bits). */
  attentionPeakFlopsPerSecond: number;
  /** Devices sharing the fast intra-node link. */
  devicesPerNode: number;
  /** The two tiers at achieved bus bandwidth. */
  tiers: { intraNode: LinkTier; interNode: LinkTier };
  /**
   * Seconds of one collective of `bytes` (nccl-tests buffer size) over `ranks` ranks of which
   * `ranksPerNode` share a node (the tier follows, `groupTier`).
   */
  collectiveSeconds(op: CollectiveOp, bytes: number, ranks: number, ranksPerNode: number): number;
  /** How much slower compute runs while a hidden collective shares the device (overlapSlowdown.ts). */
  overlapSlowdown: number;
  framework: FrameworkProfile;
  memoryReserve: MemoryReserve;
  /** Board power per device under load, watts. */
  watts: number;
  /** Price per device-hour, dollars; undefined when the system has none. */
  dollarsPerHour: number | undefined;
}
