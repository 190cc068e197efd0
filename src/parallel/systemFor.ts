import type { Accelerator } from "../hardware/accelerator.js";
import { type CollectiveOp, fastestCollectiveSeconds, groupTier } from "../hardware/collectives.js";
import { efficiencyOf, gemmCeiling } from "../hardware/efficiency.js";
import { FLASH_REFERENCE } from "../hardware/flashShape.js";
import { boundGemm, gemmSeconds } from "../hardware/gemmTime.js";
import { OPERAND_BYTES, peakFlopsFor } from "../hardware/peakFlops.js";
import type { Precision } from "../workload/precision.js";
import { type FrameworkName, type FrameworkProfile } from "./framework.js";
import { defaultFramework } from "./frameworkRules.js";
import { FRAMEWORK_PROFILES } from "./frameworkProfiles.js";
import { memo4 } from "./memo4.js";
import { overlapSlowdownFor } from "./overlapSlowdown.js";
import type { ParallelSystem } from "./system.js";
import { DEFAULT_MEMORY_RESERVE, type MemoryReserve, type System } from "./systemSchema.js";

/** Options of {@link systemFor}. */
export interface SystemOptions {
  /** Framework profile or name; default {@link defaultFramework} (maxtext on TPUs, megatron-core on GPUs). */
  framework?: FrameworkName | FrameworkProfile;
  /** Memory reserve; default {@link DEFAULT_MEMORY_RESERVE} for the device kind. */
  memoryReserve?: MemoryReserve;
}

/**
 * The system a catalog accelerator makes (issue 11 item 5): the accelerator with its measured (or
 * default) efficiency, a framework profile, and the memory reserve. The same value `calibrate` writes and
 * `--system FILE` reads (systemSchema.ts).
 */
export function systemFor(acc: Accelerator, options: SystemOptions = {}): System {
  const tpu = acc.kind === "tpu";
  const fw = options.framework ?? defaultFramework(acc);
  return {
    name: acc.name,
    accelerator: { ...acc, efficiency: efficiencyOf(acc) },
    framework: typeof fw === "string" ? FRAMEWORK_PROFILES[fw] : fw,
    memoryReserve: options.memoryReserve ?? DEFAULT_MEMORY_RESERVE[tpu ? "tpu" : "gpu"],
  };
}

/**
 * Bind a system to the step-time model at one precision: peak FLOP/s (with the catalog's fallback when
 * the device lacks the precision, e.g. bf16 on V100 runs at fp32), the GEMM model at that precision's
 * ceiling, streaming at the measured fraction of bandwidth, and collectives on the tier a group
 * crosses, all-reduce taking the faster of ring and tree as NCCL's tuner does; GEMM and collective
 * times memoised by their arguments (memo4.ts: the search asks for the same few shapes and buffers often).
 */
export function bindSystem(system: System, precision: Precision): ParallelSystem {
  const acc = system.accelerator;
  const eff = acc.efficiency;
  const { flopsPerSecond: peak, precision: used } = peakFlopsFor(acc, precision);
  const memoryBytesPerSecond = acc.memoryBytesPerSecond * eff.memoryBandwidth;
  const gemm = boundGemm(eff.gemm, {
    peakFlopsPerSecond: peak,
    ceiling: gemmCeiling(eff, used),
    memoryBytesPerSecond,
    operandBytes: OPERAND_BYTES[used],
    sixteenBitPeakFlopsPerSecond: acc.peakFlopsPerSecond.bf16 ?? acc.peakFlopsPerSecond.fp16,
  });
  const tiers = eff.network;
  const kernel = system.framework.attentionKernel;
  const wide = used === "fp8" ? bindSystem(system, "bf16") : undefined;
  return {
    name: system.name,
    precision: used,
    peakFlopsPerSecond: peak,
    memoryBytes: acc.memoryBytes,
    memoryBytesPerSecond,
    launchSeconds: eff.gemm.launchSeconds,
    gemmSeconds: memo4((m: number, n: number, k: number, batch: number) =>
      gemmSeconds({ m, n, k, batch }, gemm),
    ),
    ...(wide ? { highPrecisionGemmSeconds: wide.gemmSeconds } : {}),
    fp8SplitAccumulation: eff.gemm.fp8SplitAccumulation ?? 1,
    ...attentionRates(eff.attention, system.framework.attentionKernel),
    ...(kernel === "flash1" || kernel === "triton"
      ? { flashAtHeadDim128: OF_FLASH2[kernel].atHeadDim128 }
      : {}),
    ...(acc.kind === "gpu" ? { flashMeasuredAt: eff.attention.measuredAt ?? FLASH_REFERENCE } : {}),
    attentionPeakFlopsPerSecond: peakFlopsFor(acc, precision === "fp8" ? "bf16" : precision).flopsPerSecond,
    devicesPerNode: acc.devicesPerNode,
    tiers,
    collectiveSeconds: memo4((op: CollectiveOp, bytes: number, ranks: number, ranksPerNode: number) => {
      if (ranks <= 1 && op !== "p2p") return 0;
      if (op === "all-to-all" && ranks > ranksPerNode) {
        // an all-to-all cannot spread one rank's traffic over the node's NICs (NVIDIA/nccl-tests#267):
        // the (G − r)/G of the buffer bound for other nodes leaves through the rank's own NIC, the rest
        // over the intra-node link, concurrently
        const r = Math.max(1, ranksPerNode);
        const away = (bytes * (ranks - r)) / ranks / tiers.interNode.busBytesPerSecond;
        const near = (bytes * (r - 1)) / ranks / tiers.intraNode.busBytesPerSecond;
        return (ranks - 1) * tiers.interNode.latencySeconds + Math.max(away, near);
      }
      const tier = groupTier(tiers, ranks, ranksPerNode);
      return fastestCollectiveSeconds({ op, bytes, ranks: Math.max(1, ranks), tier });
    }),
    overlapSlowdown: eff.overlapSlowdown ?? overlapSlowdownFor(acc.kind),
    framework: system.framework,
    memoryReserve: system.memoryReserve,
    watts: acc.tdpWatts,
    dollarsPerHour: acc.price?.dollarsPerHour,
  };
}

/**
 * Earlier FlashAttention kernels as fractions of FlashAttention-2's rates on the same device, read from
 * FlashAttention-2's forward + backward benchmark, whose bars compare them shape by shape
 * (flash-attention assets/flash2_a100_fwd_bwd_benchmark.png and flash2_h100_fwd_bwd_benchmark.png at
 * 4f285b35; sequences 2k-16k, causal and not): the gap is wider for 128-wide heads, on which
 * FlashAttention-2 gained most, so each kernel has its fraction at head dimension 64 and a multiplier
 * `atHeadDim128` for 128 (linear between, held beyond: flashShape.ts `olderKernelHeadDimScale`):
 * - flash1, FlashAttention-1's CUDA kernels: 0.58 of FlashAttention-2 at d 64 (A100 0.55-0.64, H100
 *   0.54-0.59), 0.42 at d 128 (A100 0.41-0.45, H100 0.40-0.44): 0.42/0.58 = 0.72;
 * - triton, its Triton port (flash-attn's flash_attn_triton.py, which llm-foundry copied as attn_impl
 *   'triton'; A100 bars only): forward 1/1.4 and backward 1/2 (§4.1: "around 1.3-1.5× faster than
 *   FlashAttention in Triton in the forward pass and around 2× faster in the backward pass"), 0.54 of
 *   FlashAttention-2's forward + backward, as its d-64 bars (0.47-0.60, mean 0.54); at d 128 0.45
 *   (0.42-0.48): 0.45/0.54 = 0.83.
 */
export const OF_FLASH2 = {
  flash1: { forward: 0.58, backward: 0.58, atHeadDim128: 0.72 },
  triton: { forward: 1 / 1.4, backward: 0.5, atHeadDim128: 0.83 },
} as const;

/** The attention kernel fractions a framework gets: its Hopper-native kernels where the device has them. */
function attentionRates(
  a: System["accelerator"]["efficiency"]["attention"],
  kernel: FrameworkProfile["attentionKernel"],
): { flashForward: number; flashBackward: number } {
  if (kernel === "async" && a.asyncForward !== undefined && a.asyncBackward !== undefined)
    return { flashForward: a.asyncForward, flashBackward: a.asyncBackward };
  if (kernel === "flash1" || kernel === "triton") {
    const f = OF_FLASH2[kernel];
    return { flashForward: f.forward * a.flashForward, flashBackward: f.backward * a.flashBackward };
  }
  return { flashForward: a.flashForward, flashBackward: a.flashBackward };
}
