import type { Accelerator } from "../hardware/accelerator.js";
import { efficiencyOf, gemmCeiling } from "../hardware/efficiency.js";
import type { ParallelSystem } from "../parallel/system.js";
import { bindSystem, systemFor } from "../parallel/systemFor.js";
import { type ServingCompute, servingPeak } from "./inferenceFormats.js";

/**
 * Fraction of device memory a serving engine leaves to the runtime (CUDA context, CUDA graphs,
 * allocator slack): 0.10, from vLLM's default `gpu_memory_utilization = 0.9` (vLLM engine arguments;
 * Anyscale's vLLM guide: "0.90 # Default value") and TensorRT-LLM's `free_gpu_memory_fraction = 0.9`
 * (TensorRT-LLM docs, "How to change KV cache behavior").
 */
export const SERVING_MEMORY_RESERVE = 0.1;

/**
 * Row-tile height of a tensor-core GEMM: a GEMM with m rows runs ceil(m/16) tiles of 16 rows, so a
 * decode GEMM of a few sequences keeps the units busy for m/(16·ceil(m/16)) of the time. 16 is the M of
 * the mma.sync m16n8k16 instruction (Ampere and Hopper), which small-batch decode kernels use (standard
 * practice, REFERENCE (j) "GEMM efficiency structure" [U]; Hopper's wgmma tiles are 64 rows, used at
 * large batch where the quantisation no longer matters).
 */
export const GEMM_ROW_TILE = 16;

/** What the serving model needs to know about a device: the same system model as training, adapted. */
export interface ServingSystem {
  name: string;
  /** Dense peak at a tensor-core precision; undefined when the device has no units for it. */
  peak(compute: ServingCompute): number | undefined;
  /**
   * Fraction of the peak at `compute` (default bf16) a GEMM with `m` rows reaches when compute-bound (no
   * memory roof).
   */
  gemmFraction(m: number, compute?: ServingCompute): number;
  /** Non-tensor (vector) FLOP/s, for dequantisation: the fp32 CUDA-core peak. */
  vectorFlopsPerSecond: number;
  /** Achieved memory bandwidth of streaming kernels, bytes/s (datasheet × a fraction). */
  achievedBytesPerSecond: number;
  /** Device memory, bytes, and what serving may fill after the runtime's reserve. */
  memoryBytes: number;
  usableMemoryBytes: number;
  devicesPerNode: number;
  /** Seconds of one all-reduce of `bytes` per rank over `ranks` devices (the training model's collectives). */
  allReduceSeconds(bytes: number, ranks: number): number;
  /** Seconds to send `bytes` to the next pipeline stage. */
  p2pSeconds(bytes: number, spansNodes: boolean): number;
  watts: number;
  dollarsPerHour: number | undefined;
}

/** Options of {@link servingSystem}. */
export interface ServingSystemOptions {
  /**
   * Achieved fraction of datasheet bandwidth for decode's weight and KV streaming; default the system's
   * measured streaming fraction (`efficiency.memoryBandwidth`, STREAM triad). Calibrated per corpus.
   */
  bandwidthFraction?: number;
  /** Fraction of memory kept for the runtime; default {@link SERVING_MEMORY_RESERVE}. */
  memoryReserve?: number;
}

/**
 * The one adapter between the serving model and the system model shared with training: it binds an
 * accelerator through `systemFor`/`bindSystem` (src/parallel/systemFor.ts: bandwidth, streaming
 * efficiency, collectives on the link tier a group crosses, power and price) and takes the GEMM ceiling
 * from the accelerator's efficiency (`gemmCeiling`, src/hardware/efficiency.ts: the vendor-library
 * benchmark ceiling at the GEMM's precision) times the row-tile quantisation of {@link GEMM_ROW_TILE}. When the system model
 * changes, only this file does.
 */
export function servingSystem(acc: Accelerator, options: ServingSystemOptions = {}): ServingSystem {
  const eff = efficiencyOf(acc);
  const sys = bindSystem(systemFor(acc), "bf16");
  const { bandwidthFraction = eff.memoryBandwidth, memoryReserve = SERVING_MEMORY_RESERVE } = options;
  // the measured ceiling at the GEMM's own precision (H100: bf16 0.772, fp8 0.706); int8 and fp4 take
  // fp8's (an assumption: no library benchmark recorded for them)
  const ceilingOf = (compute: ServingCompute) => gemmCeiling(eff, compute === "bf16" ? "bf16" : "fp8");
  // a group of `ranks` devices fills nodes of `devicesPerNode` first
  const perNode = (ranks: number) => Math.min(ranks, sys.devicesPerNode);
  return {
    name: acc.name,
    peak: (compute) => servingPeak(acc, compute),
    gemmFraction(m, compute = "bf16") {
      const rows = Math.max(1, m);
      return (ceilingOf(compute) * rows) / (GEMM_ROW_TILE * Math.ceil(rows / GEMM_ROW_TILE));
    },
    vectorFlopsPerSecond: acc.peakFlopsPerSecond.fp32,
    achievedBytesPerSecond: acc.memoryBytesPerSecond * bandwidthFraction,
    memoryBytes: sys.memoryBytes,
    usableMemoryBytes: sys.memoryBytes * (1 - memoryReserve),
    devicesPerNode: sys.devicesPerNode,
    allReduceSeconds: (bytes, ranks) =>
      ranks <= 1 ? 0 : sys.collectiveSeconds("all-reduce", bytes, ranks, perNode(ranks)),
    p2pSeconds: (bytes, spansNodes) => sys.collectiveSeconds("p2p", bytes, 2, spansNodes ? 1 : 2),
    watts: sys.watts,
    dollarsPerHour: sys.dollarsPerHour,
  };
}

/**
 * The training system model of `acc` at bf16, as the fine-tuning plan times its steps with the
 * training step model (`segmentTime`); the same one place to change as {@link servingSystem}.
 */
export function trainingSystem(acc: Accelerator): ParallelSystem {
  return bindSystem(systemFor(acc), "bf16");
}
