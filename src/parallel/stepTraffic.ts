import type { BlockSeconds } from "./blockSeconds.js";
import { exposedSeconds } from "./communication.js";
import { dataParallelTraffic } from "./dataParallelTraffic.js";
import { gradientBytes, pipelineOverlapped } from "./frameworkRules.js";
import type { Layout } from "./layout.js";
import { linkLoads } from "./linkLoads.js";
import { optimizerStepBytesPerParam } from "./optimizerTraffic.js";
import { overlapSlowdownSeconds } from "./overlapSlowdown.js";
import type { Placement } from "./placement.js";
import type { SegmentTime } from "./segmentTime.js";
import type { StepProfile } from "./stepProfile.js";
import type { ParallelSystem } from "./system.js";

/** The slowest pipeline stage: its blocks and whether it holds the embedding and the head. */
export interface SlowStage {
  blocks: number;
  pre: boolean;
  post: boolean;
}

/** One step's traffic outside the blocks, and what it costs the step. */
export interface StepTraffic {
  /** Gradient reduction and ZeRO-1/2 gathers; ZeRO-3/FSDP gathers and reduce-scatters (seconds). */
  dataParallel: number;
  zero3: number;
  /** What of it nothing hides. */
  dataParallelExposed: number;
  /** The compute slowed by the traffic overlap hid, in the blocks and outside them (overlapSlowdown.ts). */
  contention: number;
  /** The optimizer update over this device's shard. */
  optimizer: number;
  /** Per-step seconds of the blocks' tensor-, context- and expert-parallel traffic, all of it. */
  tensor: number;
  context: number;
  expert: number;
  /** Seconds each link tier carries, hidden or not. */
  busy: { intraNode: number; interNode: number };
}

/**
 * The per-step part of a layout's timing (issue 12 item 3) on the slowest stage's ranks: its
 * data-parallel and ZeRO traffic (dataParallelTraffic.ts) behind the last micro-batch's backward, the
 * first's forward or the whole step's compute, with overlapped pipeline sends, under ONE budget per
 * link (`exposedSeconds`); the first block's reduction and each micro-batch's first gather, which
 * nothing hides; the slowdown the hidden traffic still costs the compute it ran beside; the optimizer
 * update over the device's shard; and the seconds each link tier carries (linkLoads.ts).
 */
export function stepTraffic(o: {
  p: StepProfile;
  l: Layout;
  sys: ParallelSystem;
  where: Placement;
  slow: SlowStage;
  blk: SegmentTime;
  block: BlockSeconds;
  microbatches: number;
  /** Compute and memory-bound seconds of all micro-batches on the slowest stage. */
  computeAll: number;
  /** Pipeline sends of one micro-batch, seconds. */
  pipelinePerMicrobatch: number;
}): StepTraffic {
  const { p, l, sys, where, slow, blk, block, microbatches: m } = o;
  const fw = sys.framework;
  const full = l.recompute === "full";
  const denseParams =
    (slow.blocks * (p.block.params - p.block.expertParams) +
      (slow.pre ? p.pre.params : 0) +
      (slow.post ? p.post.params : 0)) /
    l.tp;
  const expertParams = (slow.blocks * p.block.expertParams) / where.expertShards;
  // fp8 linear weights gathered in fp8 by ZeRO-3/FSDP (`fp8WeightGather`): the blocks' weights at 1 byte,
  // the embedding and head in the training format
  const w = p.weightBytesPerParam;
  const blockDense = (slow.blocks * (p.block.params - p.block.expertParams)) / l.tp;
  const fp8Gather =
    fw.fp8WeightGather === "fp8" && sys.precision === "fp8" && l.zero === 3 && denseParams > 0;
  const weightBytes = fp8Gather ? (blockDense + (denseParams - blockDense) * w) / denseParams : w;
  const groups = [
    { g: where.dense, params: denseParams },
    { g: where.expertData, params: expertParams },
  ].filter((x) => x.params > 0 && x.g.ranks > 1);
  const backwardLast =
    slow.blocks * (blk.computeBackward + blk.memoryBackward + block.reCompute + block.reMemory);
  const forwardFirst = slow.blocks * (blk.computeForward + blk.memoryForward);
  const dp = dataParallelTraffic({
    groups,
    zero: l.zero,
    microbatches: m,
    gradientBytes: gradientBytes(fw, sys.precision),
    weightBytes,
    collectiveSeconds: sys.collectiveSeconds,
    overlap: fw.overlap,
    windows: { backwardLast, forwardFirst, all: o.computeAll },
    blockShare: slow.blocks > 0 ? 1 / slow.blocks : 1,
    gathers: 2 + (full && fw.extraGatherUnderRecompute ? 1 : 0),
    held: l.pp > 1 && fw.shardedStateUnderPipeline === "held",
  });
  const items = dp.items;
  const pipelineHidden = pipelineOverlapped(fw, l);
  if (pipelineHidden)
    items.push({
      tier: where.ppSameNode ? "intraNode" : "interNode",
      seconds: m * o.pipelinePerMicrobatch,
      window: o.computeAll,
    });
  const itemsExposed = exposedSeconds(items, o.computeAll);
  const hiddenItems = items.reduce((sum, x) => sum + x.seconds, 0) - itemsExposed;
  const shard = (params: number, g: { ranks: number }) => (l.zero >= 1 ? params / g.ranks : params);
  const optimizer =
    ((shard(denseParams, where.dense) + shard(expertParams, where.expertData)) *
      optimizerStepBytesPerParam(p.optimizer, p.optimizerUpdateBytesPerParam, fw)) /
    sys.memoryBytesPerSecond;
  const perStep = m * slow.blocks;
  const tensor = perStep * block.exposure.tensor.total;
  const context = perStep * block.exposure.context.total;
  const expert = perStep * block.exposure.expert.total;
  // what overlap hid still slows the compute it ran beside, whichever collective it was (NCCL's kernels
  // and Transformer Engine's userbuffers run on the SMs; overlapSlowdown.ts): the data-parallel, ZeRO and
  // pipeline traffic above and the blocks' tensor-, context- and expert-parallel traffic
  const e = block.exposure;
  const hiddenInBlocks = perStep * (e.tensor.total + e.context.total + e.expert.total - e.exposed);
  const busy = linkLoads({
    where,
    tensor,
    context,
    expert,
    items,
    firstBlockOn: dp.firstBlockOn,
    pipelineSends: !pipelineHidden && l.pp > 1 ? m * o.pipelinePerMicrobatch : 0,
  });
  return {
    dataParallel: dp.dpTotal,
    zero3: dp.zero3Total,
    dataParallelExposed: itemsExposed + dp.firstBlockExposed,
    contention: overlapSlowdownSeconds(hiddenItems + hiddenInBlocks, o.computeAll, sys.overlapSlowdown),
    optimizer,
    tensor,
    context,
    expert,
    busy,
  };
}
