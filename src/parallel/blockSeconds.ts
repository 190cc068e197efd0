import { type BlockExposure, blockExposure } from "./blockExposure.js";
import type { BlockCommunication } from "./communication.js";
import { pytorchContextSeconds } from "./contextMergeTraffic.js";
import type { FrameworkProfile, SelectiveRecompute } from "./framework.js";
import type { Layout } from "./layout.js";
import type { SegmentTime } from "./segmentTime.js";
import type { StepProfile } from "./stepProfile.js";

/** One transformer block's seconds for one micro-batch on one rank. */
export interface BlockSeconds {
  /** GEMM and attention-kernel seconds: forward, backward and what recompute repeats. */
  compute: number;
  /** Memory-bound seconds: forward, backward, recomputed and PyTorch's context-parallel merges. */
  memory: number;
  /** What recompute adds: kernel and memory-bound seconds. */
  reCompute: number;
  reMemory: number;
  /** The block's tensor-, context- and expert-parallel traffic, all of it and what is exposed. */
  exposure: BlockExposure;
}

/**
 * The GEMM and fused-attention seconds a selective policy runs again in the backward pass: Megatron's
 * attention core; TorchTitan's every other matmul outside the attention; JAX's dots-without-batch-dims
 * the attention forward (its score ops are memory-bound, rerun with the rest), or nothing when the
 * attention output is kept too (MaxText's minimal_flash).
 */
const SELECTIVE_GEMMS: Record<SelectiveRecompute, (blk: SegmentTime) => number> = {
  "attention-core": (blk) => blk.coreForward,
  "every-other-matmul": (blk) => (blk.computeForward - blk.attentionForward) / 2,
  "matmul-outputs": (blk) => blk.attentionForward,
  "matmul-outputs-and-context": () => 0,
};

/**
 * One block's seconds for one micro-batch (issue 12 item 3): its kernels (segmentTime.ts), its share of
 * the fp8 weight casts (all of them, 1/m where the stack caches them per step, `fp8WeightCasts`, or the
 * rank's shard before an fp8 gather, `fp8WeightGather`), what
 * recompute repeats (full: the whole forward; selective: the attention core, which flash attention
 * already recomputes inside its own backward; TorchTitan's per-op policy: every other matmul and every
 * memory-bound op; JAX's dots-without-batch-dims: every memory-bound op and the attention forward:
 * `selectiveRecompute`), PyTorch's context-parallel copies and merges
 * (contextMergeTraffic.ts, over the kernel efficiency `k`) and the block communication with what of it
 * the stack overlaps (blockExposure.ts).
 */
export function blockSeconds(o: {
  blk: SegmentTime;
  comm: BlockCommunication;
  p: Pick<StepProfile, "tokensPerSample" | "heads" | "kvHeads" | "headDim">;
  l: Pick<Layout, "mb" | "cp" | "tp" | "recompute">;
  fw: FrameworkProfile;
  flash: boolean;
  memoryBytesPerSecond: number;
  k: number;
  microbatches: number;
  /** Ranks a ZeRO-3/FSDP gather assembles the weights from (1 without ZeRO-3). */
  weightShards: number;
}): BlockSeconds {
  const { blk, fw, l } = o;
  const full = l.recompute === "full";
  const selective = l.recompute === "selective";
  // full: the whole forward, or (JAX) all of it but the MLP output projections nothing reads again
  const fullGemms = blk.computeForward - (fw.fullRecompute === "needed-values" ? blk.blockEndForward : 0);
  const reCompute = full ? fullGemms : selective ? SELECTIVE_GEMMS[fw.selectiveRecompute](blk) : 0;
  // every selective policy but Megatron's attention core also runs the block's memory-bound ops again
  const reRunsMemory = full || (selective && fw.selectiveRecompute !== "attention-core");
  // fp8 weight casts: once per step and cached (`fp8WeightCasts`), each micro-batch carrying 1/m and the
  // recompute reusing the cache; or on each rank's shard before an fp8 gather (`fp8WeightGather`)
  const cast = blk.weightCastForward;
  const perStep = fw.fp8WeightCasts === "per-step";
  const onShard = fw.fp8WeightGather === "fp8" && o.weightShards > 1;
  const charged = perStep ? cast / o.microbatches : onShard ? cast / o.weightShards : cast;
  const forward = blk.memoryForward - cast + charged;
  const reMemory = reRunsMemory ? blk.memoryForward - cast + (perStep ? 0 : charged) : 0;
  const compute = blk.computeForward + blk.computeBackward + reCompute;
  const cpMerge = o.flash ? pytorchContextSeconds(o.p, l, fw, o.memoryBytesPerSecond, full) / o.k : 0;
  const memory = forward + blk.memoryBackward + reMemory + cpMerge;
  const exposure = blockExposure(o.comm, fw, {
    compute,
    attentionForward: blk.attentionForward,
    attentionBackward: blk.attentionBackward,
    columnInputGradient: blk.columnInputGradient,
    columnWeightGradient: blk.columnWeightGradient,
    fullRecompute: full,
    microbatches: o.microbatches,
  });
  return { compute, memory, reCompute, reMemory, exposure };
}
