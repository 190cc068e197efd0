import { formatBytes } from "../units/formatBytes.js";
import { ACTIVATION_BYTES } from "../workload/precision.js";
import { blockSeconds } from "./blockSeconds.js";
import { type DeviceMemory, deviceMemory } from "./deviceMemory.js";
import { divisibilityProblem } from "./divisibility.js";
import { evaluatorCache } from "./evaluatorCache.js";
import { type FrameworkProfile } from "./framework.js";
import { gradientBytes, pipelineOverlapped } from "./frameworkRules.js";
import { gradientAccumulationBytesPerParam, withGradientAccumulation } from "./gradientAccumulation.js";
import { formatLayout, type Layout } from "./layout.js";
import type { InfeasibleLayout, LayoutResult } from "./layoutResult.js";
import { type ObjectiveContext, scoreOf } from "./objective.js";
import { pipelineSeconds, stageBlocks } from "./pipelineSchedule.js";
import { overKernelEfficiency, type SegmentTime } from "./segmentTime.js";
import type { StepProfile } from "./stepProfile.js";
import { stepTraffic } from "./stepTraffic.js";
import type { ParallelSystem } from "./system.js";

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
  const cache = evaluatorCache(p, sys, flash);
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
    lossGradientInPlace: fw.lossGradientInPlace,
    activationBytes: ACTIVATION_BYTES[sys.precision],
  };
  // summing each micro-batch's weight gradients into the step's, where the stack runs it as a pass
  const accumulate = (l: Layout) =>
    gradientAccumulationBytesPerParam(fw, sys.precision, l.zero) / sys.memoryBytesPerSecond;
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
    const { dp, tp, pp, vp, cp } = l;
    const m = globalBatch / (dp * l.mb);
    const where = cache.placed(l);
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
    const raw = cache.times(l);
    const comm = cache.communication(raw, l, where);
    const k = kernelEfficiency;
    const own = k === fw.kernelEfficiency;
    const acc = accumulate(l);
    const blockParams =
      (p.block.params - p.block.expertParams) / tp + p.block.expertParams / where.expertShards;
    const pre = withGradientAccumulation(
      own ? raw.own.pre : overKernelEfficiency(raw.pre, k),
      p.pre.params / tp,
      acc,
    );
    const blk = withGradientAccumulation(
      own ? raw.own.blk : overKernelEfficiency(raw.blk, k),
      blockParams,
      acc,
    );
    const post = withGradientAccumulation(
      own ? raw.own.post : overKernelEfficiency(raw.post, k),
      p.post.params / tp,
      acc,
    );
    const block = blockSeconds({
      blk,
      comm,
      p,
      l,
      fw,
      flash,
      memoryBytesPerSecond: sys.memoryBytesPerSecond,
      k,
      microbatches: m,
      weightShards: l.zero === 3 ? where.dense.ranks : 1,
    });
    const perBlock = block.compute + block.memory + block.exposure.exposed;
    const segSeconds = (s: SegmentTime) =>
      s.computeForward + s.computeBackward + s.memoryForward + s.memoryBackward;
    const stages = stageBlocks(p.blocks, pp, vp, fw.embeddingChunks);
    const ppPerMb = 2 * vp * comm.pipelineSend;
    const ppExposed = pipelineOverlapped(fw, l) ? 0 : ppPerMb;
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
    // the slowest stage, for the breakdown and the per-step traffic
    const slow =
      pipe.slowest === firstT
        ? { blocks: stages.first, pre: true, post: pp === 1 }
        : pipe.slowest === lastT
          ? { blocks: stages.last, pre: false, post: true }
          : { blocks: stages.middle, pre: false, post: false };
    const extra = [...(slow.pre ? [pre] : []), ...(slow.post ? [post] : [])];
    const mbCompute =
      slow.blocks * block.compute + extra.reduce((s, x) => s + x.computeForward + x.computeBackward, 0);
    const mbMemory =
      slow.blocks * block.memory + extra.reduce((s, x) => s + x.memoryForward + x.memoryBackward, 0);
    const mbComm = slow.blocks * block.exposure.exposed + ppExposed;
    const traffic = stepTraffic({
      p,
      l,
      sys,
      where,
      slow,
      blk,
      block,
      microbatches: m,
      computeAll: m * (mbCompute + mbMemory),
      pipelinePerMicrobatch: ppPerMb,
    });
    const { busy, contention, optimizer } = traffic;
    const timed = pipe.seconds + traffic.dataParallelExposed + contention + optimizer;
    // a link cannot carry more seconds of traffic than the step lasts: the busiest link bounds the step
    // from below (what overlap promised beyond it is exposed after all)
    const seconds = Math.max(timed, busy.intraNode, busy.interNode);
    const linkBound = seconds - timed;
    const devices = dp * tp * pp * cp;
    const samplesPerSecond = globalBatch / seconds;
    const tokensPerSecond = samplesPerSecond * p.tokensPerSample;
    if (objective) return scoreOf(l, devices, tokensPerSecond, memory, objective);
    const modelFlops = p.modelFlopsPerUnit * globalBatch * p.tokensPerSample;
    const recomputeFlops = globalBatch * p.blocks * recomputedFlopsPerSample(l, blk, flash, fw);
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
          exposedCommunication: m * mbComm + traffic.dataParallelExposed + contention + linkBound,
          bubble: pipe.bubble,
          optimizer,
        },
      },
      communication: {
        tensorParallel: traffic.tensor,
        contextParallel: traffic.context,
        pipeline: m * ppPerMb,
        dataParallel: traffic.dataParallel,
        zero3Gathers: traffic.zero3,
        moeAllToAll: traffic.expert,
        dataParallelExposed: traffic.dataParallelExposed + linkBound,
      },
      links: {
        intraNode: { busySeconds: busy.intraNode, fits: busy.intraNode <= seconds },
        interNode: { busySeconds: busy.interNode, fits: busy.interNode <= seconds },
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

/**
 * FLOP one block recomputes per sample (for HFU): the forward under full recompute (less the MLP output
 * projections where the stack recomputes only what the backward reads, `fullRecompute`), the attention
 * core under selective recompute or flash attention (whose backward recomputes it), nothing else.
 */
function recomputedFlopsPerSample(
  l: Layout,
  blk: SegmentTime,
  flash: boolean,
  fw: Pick<FrameworkProfile, "fullRecompute">,
): number {
  const perSample = (rankFlops: number) => (rankFlops * l.tp * l.cp) / l.mb;
  if (l.recompute === "full")
    return perSample(blk.forwardFlops - (fw.fullRecompute === "needed-values" ? blk.blockEndFlops : 0));
  return l.recompute === "selective" || flash ? perSample(blk.coreFlops) : 0;
}
