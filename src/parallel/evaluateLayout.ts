import { formatBytes } from "../units/formatBytes.js";
import { ACTIVATION_BYTES } from "../workload/precision.js";
import { blockExposure } from "./blockExposure.js";
import { pytorchContextSeconds } from "./contextMergeTraffic.js";
import { type BlockCommunication, blockCommunication, exposedSeconds } from "./communication.js";
import { dataParallelTraffic } from "./dataParallelTraffic.js";
import { type DeviceMemory, deviceMemory } from "./deviceMemory.js";
import { divisibilityProblem } from "./divisibility.js";
import { gradientBytes } from "./framework.js";
import { gradientAccumulationBytesPerParam, withGradientAccumulation } from "./gradientAccumulation.js";
import { optimizerStepBytesPerParam } from "./optimizerTraffic.js";
import { overlapSlowdownSeconds } from "./overlapSlowdown.js";
import { formatLayout, type Layout } from "./layout.js";
import { linkLoads } from "./linkLoads.js";
import { pipelineSeconds, stageBlocks } from "./pipelineSchedule.js";
import { type ObjectiveContext, scoreOf } from "./objective.js";
import { type Placement, placement } from "./placement.js";
import { overKernelEfficiency, type SegmentTime, segmentTime } from "./segmentTime.js";
import type { StepProfile } from "./stepProfile.js";
import type { ParallelSystem } from "./system.js";
import type { InfeasibleLayout, LayoutResult } from "./layoutResult.js";

export { checkDivisibility } from "./divisibility.js";
export type {
  CommunicationSeconds,
  InfeasibleLayout,
  LayoutResult,
  LinkLoad,
  StepBreakdown,
  TimedLayout,
} from "./layoutResult.js";

/** Options of the step-time model. */
export interface EvaluateOptions {
  /** Samples (sequences, images) per optimizer step, over all replicas. */
  globalBatch: number;
  /**
   * Attention kernels: "flash" (fused, no s×s traffic or storage) or "standard"; default the
   * framework profile's `attention` (what the stack runs unless told otherwise).
   */
  attention?: "flash" | "standard";
  /**
   * Time a layout even when it does not fit in memory (for measured runs, whose layouts did run: the
   * excess is then the memory model's error); default false.
   */
  timeWhenOverMemory?: boolean;
}

/** What depends on (mb, tp, sp, cp, ep) only: the segments' kernel times. */
interface Cached {
  pre: SegmentTime;
  blk: SegmentTime;
  post: SegmentTime;
  /** The segment times over the framework's own kernel efficiency (what a search asks for). */
  own: { pre: SegmentTime; blk: SegmentTime; post: SegmentTime };
  /** The block communication, which depends on the placement too: per (pp, dp). */
  comm: Map<number, BlockCommunication>;
}

/**
 * A step-time model bound to one model profile and one system (see {@link layoutEvaluator}): called with
 * a layout (and optionally a kernel efficiency) it times it or says why it cannot run; `score` gives
 * the objective's score of the same timing ({@link scoreOf}, the number {@link score} gives the full
 * result) without building the result, or the rejection when the layout cannot run (issue 17: the
 * search scores thousands of layouts to keep a few).
 */
export interface LayoutEvaluator {
  (layout: Layout, kernelEfficiency?: number): LayoutResult;
  score(layout: Layout, objective: ObjectiveContext): number | InfeasibleLayout;
}

/**
 * A step-time model bound to one model profile and one system: returns `evaluate(layout)`, which times a
 * layout or says why it cannot run (issue 12 item 3). Per micro-batch and stage: the segments' kernels
 * (segmentTime.ts), recompute (full: the forward again; selective: the attention core again; flash
 * attention recomputes inside its own backward), and the block communication (communication.ts), exposed
 * unless the framework overlaps it (tensor-parallel behind the block's GEMMs or, Megatron-LM's async
 * backward, beside the column layers' own GEMMs; ring attention behind the attention kernels), and the
 * micro-batch's gradient accumulation pass where the stack does not fuse it (gradientAccumulation.ts).
 * Stages carry at most ⌈blocks/(pp·vp)⌉·vp blocks, filled in order, the embedding and head on the first
 * and last (or as chunks of their own), and the pipeline runs m·t_max + (Σt − t_max)/vp
 * (pipelineSchedule.ts). Per step: gradient reduction and ZeRO traffic (ZeRO-1/2 once per step, ZeRO-2
 * gradient reduce-scatters and ZeRO-3/FSDP gathers per micro-batch, one more gather under full recompute
 * where the framework does it), hidden under ONE budget per link (`exposedSeconds`), except the first
 * block's gradients (reduced after the backward ends) and each micro-batch's first gather, which
 * nothing hides; then the optimizer update over the device's shard. Segment times are cached per
 * (mb, tp, sp, cp, ep) and the block communication below them per (pp, dp) (it depends on the
 * placement), so a layout costs arithmetic only; `evaluate(layout, k)` times it with kernel efficiency k
 * instead of the framework's (the calibration fit varies it).
 */
export function layoutEvaluator(
  p: StepProfile,
  sys: ParallelSystem,
  options: EvaluateOptions,
): LayoutEvaluator {
  const { globalBatch, attention = sys.framework.attention ?? "flash", timeWhenOverMemory = false } = options;
  const flash = attention === "flash" && p.heads !== undefined;
  const fw = sys.framework;
  // segment times per (mb, tp, sp, cp, ep), communication per (pp, dp) below: numeric keys, two levels
  // (no string per layout)
  const cache = new Map<number, Cached>();
  const memFacts = {
    gradientBytes: gradientBytes(fw, sys.precision),
    embeddingChunks: fw.embeddingChunks,
    reserve: sys.memoryReserve,
    capacityBytes: sys.memoryBytes,
    fp8Inputs: sys.precision === "fp8" && fw.fp8SavedInputs === "fp8",
    selectiveRecompute: fw.selectiveRecompute,
    heldUnderPipeline: fw.shardedStateUnderPipeline === "held",
    fp32Shards: fw.shardedWeights === "fp32",
    crossEntropy: fw.crossEntropy,
    activationBytes: ACTIVATION_BYTES[sys.precision],
  };
  const times = (l: Layout): Cached => {
    const outer = (((l.mb * 129 + l.tp) * 129 + l.cp) * 4097 + l.ep) * 2 + (l.sp ? 1 : 0);
    let c = cache.get(outer);
    if (!c) {
      const s = {
        mb: l.mb,
        tp: l.tp,
        sp: l.sp,
        cp: l.cp,
        ep: l.ep,
        experts: p.experts,
        flash,
        causal: p.causal,
      };
      const pre = segmentTime(p.pre, sys, s);
      const blk = segmentTime(p.block, sys, s);
      const post = segmentTime(p.post, sys, s);
      const k = fw.kernelEfficiency;
      c = {
        pre,
        blk,
        post,
        own: {
          pre: overKernelEfficiency(pre, k),
          blk: overKernelEfficiency(blk, k),
          post: overKernelEfficiency(post, k),
        },
        comm: new Map(),
      };
      cache.set(outer, c);
    }
    return c;
  };
  // placements per (tp, cp, ep) and then (pp, dp): read-only, shared by the layouts that differ only in
  // mb, sp, vp, recompute or zero
  const places = new Map<number, Map<number, Placement>>();
  const placed = (l: Layout): Placement => {
    const outer = (l.tp * 4097 + l.cp) * 4097 + l.ep;
    let inner = places.get(outer);
    if (!inner) {
      inner = new Map();
      places.set(outer, inner);
    }
    const key = l.pp * 1e8 + l.dp;
    let where = inner.get(key);
    if (!where) {
      where = placement(l, sys.devicesPerNode);
      inner.set(key, where);
    }
    return where;
  };
  const communication = (c: Cached, l: Layout, where: Placement): BlockCommunication => {
    const key = l.pp * 1e8 + l.dp;
    let comm = c.comm.get(key);
    if (!comm) {
      comm = blockCommunication(p, l, sys, where);
      c.comm.set(key, comm);
    }
    return comm;
  };
  // One path for the physics: with `objective`, the score of the timing (and no result built); without,
  // the full result.
  function time(l: Layout, kernelEfficiency: number, objective: ObjectiveContext): number | InfeasibleLayout;
  function time(l: Layout, kernelEfficiency: number): LayoutResult;
  function time(l: Layout, kernelEfficiency: number, objective?: ObjectiveContext): LayoutResult | number {
    const bad = divisibilityProblem(p, sys, l, globalBatch);
    if (bad)
      return {
        feasible: false,
        layout: l,
        reason: "divisibility",
        get message() {
          return bad();
        },
      };
    const { dp, tp, pp, vp, cp, recompute } = l;
    const m = globalBatch / (dp * l.mb);
    const where = placed(l);
    const memory = deviceMemory(p, l, m, flash, where, memFacts) as DeviceMemory & { capacityBytes: number };
    memory.capacityBytes = sys.memoryBytes;
    if (memory.perDeviceBytes > sys.memoryBytes && !timeWhenOverMemory)
      return {
        feasible: false,
        layout: l,
        reason: "memory",
        get message() {
          return `${formatLayout(l)} needs ${formatBytes(memory.perDeviceBytes)} per device (${formatBytes(memory.reserve)} of it the runtime reserve), has ${formatBytes(sys.memoryBytes)}`;
        },
        memory,
      };
    const raw = times(l);
    const comm = communication(raw, l, where);
    const k = kernelEfficiency;
    const own = k === fw.kernelEfficiency;
    // summing each micro-batch's weight gradients into the step's, where the stack runs it as a pass
    const accumulate =
      gradientAccumulationBytesPerParam(fw, sys.precision, l.zero) / sys.memoryBytesPerSecond;
    const blockParams =
      (p.block.params - p.block.expertParams) / tp + p.block.expertParams / where.expertShards;
    const pre = withGradientAccumulation(
      own ? raw.own.pre : overKernelEfficiency(raw.pre, k),
      p.pre.params / tp,
      accumulate,
    );
    const blk = withGradientAccumulation(
      own ? raw.own.blk : overKernelEfficiency(raw.blk, k),
      blockParams,
      accumulate,
    );
    const post = withGradientAccumulation(
      own ? raw.own.post : overKernelEfficiency(raw.post, k),
      p.post.params / tp,
      accumulate,
    );
    const full = recompute === "full";
    // recompute: full repeats the forward; selective repeats the attention core (flash: inside its
    // backward) or, per-op (TorchTitan), half the matmuls and every memory-bound op
    const selective = recompute === "selective";
    const perOp = selective && fw.selectiveRecompute === "every-other-matmul";
    const reCompute = full
      ? blk.computeForward
      : perOp
        ? (blk.computeForward - blk.attentionForward) / 2
        : selective
          ? blk.coreForward
          : 0;
    const reMemory = full || perOp ? blk.memoryForward : 0;
    const blockCompute = blk.computeForward + blk.computeBackward + reCompute;
    // PyTorch's context parallelism: eager copies and merges between its sub-attentions (flash only)
    const cpMerge = flash ? pytorchContextSeconds(p, l, fw, sys.memoryBytesPerSecond, full) / k : 0;
    const blockMemory = blk.memoryForward + blk.memoryBackward + reMemory + cpMerge;
    // per-block communication of one micro-batch, and what of it is exposed
    const exposure = blockExposure(comm, fw, {
      compute: blockCompute,
      attentionForward: blk.attentionForward,
      attentionBackward: blk.attentionBackward,
      columnInputGradient: blk.columnInputGradient,
      columnWeightGradient: blk.columnWeightGradient,
      fullRecompute: full,
      microbatches: m,
    });
    const blockComm = exposure.exposed;
    const perBlock = blockCompute + blockMemory + blockComm;
    const segSeconds = (s: SegmentTime) =>
      s.computeForward + s.computeBackward + s.memoryForward + s.memoryBackward;
    const stages = stageBlocks(p.blocks, pp, vp, fw.embeddingChunks);
    const ppPerMb = 2 * vp * comm.pipelineSend;
    const ppExposed = fw.overlap.pipeline ? 0 : ppPerMb;
    const preT = segSeconds(pre);
    const postT = segSeconds(post);
    const firstT = stages.first * perBlock + preT + (pp === 1 ? postT : 0) + ppExposed;
    const lastT = stages.last * perBlock + postT + ppExposed;
    const middleT = stages.middle * perBlock + ppExposed;
    const pipe = pipelineSeconds(
      { first: firstT, middle: middleT, last: pp === 1 ? firstT : lastT },
      pp,
      vp,
      m,
    );
    // the parts of the slowest stage, for the breakdown
    const slow =
      pipe.slowest === firstT
        ? { blocks: stages.first, extra: [pre, ...(pp === 1 ? [post] : [])] }
        : pipe.slowest === lastT
          ? { blocks: stages.last, extra: [post] }
          : { blocks: stages.middle, extra: [] };
    const extraCompute = slow.extra.reduce((s, x) => s + x.computeForward + x.computeBackward, 0);
    const extraMemory = slow.extra.reduce((s, x) => s + x.memoryForward + x.memoryBackward, 0);
    const mbCompute = slow.blocks * blockCompute + extraCompute;
    const mbMemory = slow.blocks * blockMemory + extraMemory;
    const mbComm = slow.blocks * blockComm + ppExposed;
    // data-parallel and ZeRO traffic of the slowest stage's parameters on this rank
    const stageBlocksHere = slow.blocks;
    const denseParams =
      (stageBlocksHere * (p.block.params - p.block.expertParams) +
        (slow.extra.includes(pre) ? p.pre.params : 0) +
        (slow.extra.includes(post) ? p.post.params : 0)) /
      tp;
    const expertParams = (stageBlocksHere * p.block.expertParams) / where.expertShards;
    const w = p.weightBytesPerParam;
    const gc = gradientBytes(fw, sys.precision);
    const coll = sys.collectiveSeconds;
    const groups = [
      { g: where.dense, params: denseParams },
      { g: where.expertData, params: expertParams },
    ].filter((x) => x.params > 0 && x.g.ranks > 1);
    const bwdLast = slow.blocks * (blk.computeBackward + blk.memoryBackward + reCompute + reMemory);
    const fwdFirst = slow.blocks * (blk.computeForward + blk.memoryForward);
    const computeAll = m * (mbCompute + mbMemory);
    const dpTraffic = dataParallelTraffic({
      groups,
      zero: l.zero,
      microbatches: m,
      gradientBytes: gc,
      weightBytes: w,
      collectiveSeconds: coll,
      overlap: fw.overlap,
      windows: { backwardLast: bwdLast, forwardFirst: fwdFirst, all: computeAll },
      blockShare: stageBlocksHere > 0 ? 1 / stageBlocksHere : 1,
      gathers: 2 + (full && fw.extraGatherUnderRecompute ? 1 : 0),
      held: pp > 1 && fw.shardedStateUnderPipeline === "held",
    });
    const { items, dpTotal, zero3Total, firstBlockExposed, firstBlockOn } = dpTraffic;
    if (fw.overlap.pipeline && pp > 1)
      items.push({
        tier: where.ppSameNode ? "intraNode" : "interNode",
        seconds: m * ppPerMb,
        window: computeAll,
      });
    const itemsExposed = exposedSeconds(items, computeAll);
    const dpExposed = itemsExposed + firstBlockExposed;
    // optimizer update over this device's shard
    const shard = (params: number, g: { ranks: number }) => (l.zero >= 1 ? params / g.ranks : params);
    const optimizer =
      ((shard(denseParams, where.dense) + shard(expertParams, where.expertData)) *
        optimizerStepBytesPerParam(p.optimizer, p.optimizerUpdateBytesPerParam, fw)) /
      sys.memoryBytesPerSecond;
    // link loads: every byte on each tier, hidden or not
    const tpLoad = m * slow.blocks * exposure.tensor.total;
    const cpLoad = m * slow.blocks * exposure.context.total;
    const epLoad = m * slow.blocks * exposure.expert.total;
    const busy = linkLoads({
      where,
      tensor: tpLoad,
      context: cpLoad,
      expert: epLoad,
      items,
      firstBlockOn,
      pipelineSends: !fw.overlap.pipeline && pp > 1 ? m * ppPerMb : 0,
    });
    const intraBusy = busy.intraNode;
    const interBusy = busy.interNode;
    // a link cannot carry more seconds of traffic than the step lasts: the busiest link bounds the step
    // from below (what overlap promised beyond it is exposed after all)
    // the traffic overlap hid (data-parallel, ZeRO and overlapped pipeline sends) still slows the
    // compute it ran beside (NCCL runs on the SMs): overlapSlowdown.ts
    const hiddenTraffic = items.reduce((sum, x) => sum + x.seconds, 0) - itemsExposed;
    const contention = overlapSlowdownSeconds(hiddenTraffic, computeAll, sys.overlapSlowdown);
    const timed = pipe.seconds + dpExposed + contention + optimizer;
    const seconds = Math.max(timed, intraBusy, interBusy);
    const linkBound = seconds - timed;
    const devices = dp * tp * pp * cp;
    const samplesPerSecond = globalBatch / seconds;
    const tokensPerSecond = samplesPerSecond * p.tokensPerSample;
    if (objective) return scoreOf(l, devices, tokensPerSecond, memory, objective);
    const modelFlops = p.modelFlopsPerUnit * globalBatch * p.tokensPerSample;
    const perSample = (rankFlops: number) => (rankFlops * tp * cp) / l.mb;
    const recomputeFlops =
      globalBatch *
      p.blocks *
      (full
        ? perSample(blk.forwardFlops)
        : recompute === "selective" || flash
          ? perSample(blk.coreFlops)
          : 0);
    const capacity = devices * sys.peakFlopsPerSecond * seconds;
    return {
      feasible: true,
      layout: l,
      devices,
      microbatches: m,
      step: {
        seconds,
        breakdown: {
          compute: m * mbCompute,
          memoryBound: m * mbMemory,
          exposedCommunication: m * mbComm + dpExposed + contention + linkBound,
          bubble: pipe.bubble,
          optimizer,
        },
      },
      communication: {
        tensorParallel: tpLoad,
        contextParallel: cpLoad,
        pipeline: m * ppPerMb,
        dataParallel: dpTotal,
        zero3Gathers: zero3Total,
        moeAllToAll: epLoad,
        dataParallelExposed: dpExposed + linkBound,
      },
      links: {
        intraNode: { busySeconds: intraBusy, fits: intraBusy <= seconds },
        interNode: { busySeconds: interBusy, fits: interBusy <= seconds },
      },
      memory,
      tokensPerSecond,
      samplesPerSecond,
      mfu: modelFlops / capacity,
      hfu: (modelFlops + recomputeFlops) / capacity,
      modelFlops,
    };
  }
  return Object.assign((l: Layout, kernelEfficiency = fw.kernelEfficiency) => time(l, kernelEfficiency), {
    score: (l: Layout, objective: ObjectiveContext) => time(l, fw.kernelEfficiency, objective),
  });
}
