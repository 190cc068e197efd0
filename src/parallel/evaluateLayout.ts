import { formatBytes } from "../units/formatBytes.js";
import { type DeviceMemory, deviceMemory, expertParallel } from "./deviceMemory.js";
import { formatLayout, type Layout } from "./layout.js";
import { pipelineBubbleFraction, stageBlocks } from "./pipelineBubble.js";
import { type SegmentTime, segmentTime } from "./segmentTime.js";
import type { StepProfile } from "./stepProfile.js";
import type { ParallelSystem } from "./system.js";

/** Where a step's seconds go; the parts sum to the step time. */
export interface StepBreakdown {
  /** GEMM seconds of all micro-batches on the bottleneck stage (recompute included). */
  compute: number;
  /** Memory-bound seconds (norms, softmax, elementwise, gathers). */
  memoryBound: number;
  /** Communication not hidden behind compute: tp, pp, MoE, the exposed part of dp and ZeRO-3. */
  exposedCommunication: number;
  /** Pipeline fill and drain. */
  bubble: number;
  /** The optimizer update (memory-bound). */
  optimizer: number;
}

/** Seconds of each kind of communication per step, before overlap. */
export interface CommunicationSeconds {
  tensorParallel: number;
  pipeline: number;
  dataParallel: number;
  /** Of which not hidden behind the backward pass. */
  dataParallelExposed: number;
  zero3Gathers: number;
  moeAllToAll: number;
}

/** A layout that fits, timed. */
export interface TimedLayout {
  feasible: true;
  layout: Layout;
  devices: number;
  microbatches: number;
  step: { seconds: number; breakdown: StepBreakdown };
  communication: CommunicationSeconds;
  memory: DeviceMemory & { capacityBytes: number };
  /** Tokens (or samples, for vision models) per second over the whole run. */
  tokensPerSecond: number;
  samplesPerSecond: number;
  /** Model FLOP utilisation (PaLM App. B): model FLOP/s over devices × peak. */
  mfu: number;
  /** Hardware FLOP utilisation: with recompute's extra FLOP. */
  hfu: number;
  /** Model FLOP per step (6N + 12LHQT per token × tokens). */
  modelFlops: number;
}

/** A layout that cannot run: bad divisibility or not enough memory, with the numbers. */
export interface InfeasibleLayout {
  feasible: false;
  layout: Layout;
  reason: "divisibility" | "memory";
  message: string;
  memory?: DeviceMemory & { capacityBytes: number };
}

/** The result of evaluating one layout. */
export type LayoutResult = TimedLayout | InfeasibleLayout;

/** Options of the step-time model. */
export interface EvaluateOptions {
  /** Samples (sequences, images) per optimizer step, over all replicas. */
  globalBatch: number;
  /** Attention kernels: "flash" (fused, no s×s traffic or storage) or "standard"; default "flash". */
  attention?: "flash" | "standard";
  /** Overlap the dp gradient reduction with the backward pass (PyTorch DDP buckets); default true. */
  overlapDataParallel?: boolean;
}

/** The largest divisor of n that is at most cap (≥ 1). */
function largestDivisorAtMost(n: number, cap: number): number {
  for (let d = Math.min(n, Math.floor(cap)); d > 1; d--) if (n % d === 0) return d;
  return 1;
}

/** Why a layout is invalid for a model and batch, or undefined when its degrees divide properly. */
export function checkDivisibility(
  p: StepProfile,
  sys: ParallelSystem,
  l: Layout,
  globalBatch: number,
): string | undefined {
  if (globalBatch % (l.dp * l.mb) !== 0)
    return `global batch ${globalBatch} is not a multiple of dp·mb = ${l.dp}·${l.mb}`;
  if (l.pp * l.vp > p.blocks) return `pp·vp = ${l.pp}·${l.vp} exceeds the ${p.blocks} blocks`;
  if (l.vp > 1 && l.pp === 1) return "vp > 1 needs pp > 1";
  if (l.vp > 1 && (globalBatch / (l.dp * l.mb)) % l.pp !== 0)
    return "interleaving needs the micro-batch count to be a multiple of pp (Narayanan et al. 2021 §2.2.2)";
  if (l.tp > sys.devicesPerNode) return `tp ${l.tp} exceeds the ${sys.devicesPerNode} devices of a node`;
  if (l.tp > 1 && (p.heads === undefined || p.heads % l.tp !== 0))
    return p.heads === undefined
      ? "tensor parallelism needs a model with attention heads"
      : `tp ${l.tp} does not divide the ${p.heads} heads`;
  if (l.sp && l.tp === 1) return "sequence parallelism needs tp > 1";
  return undefined;
}

/**
 * A step-time model bound to one model profile and one system: returns `evaluate(layout)`, which times
 * a layout (Narayanan et al. 2021 PTD-P; Korthikanti et al. 2022; ZeRO, Rajbhandari et al. 2020) or says
 * why it cannot run. Per micro-batch and stage: GEMMs at a shape-dependent efficiency, memory-bound ops
 * over bandwidth, recompute (full: the forward again; selective or flash: the attention core again),
 * Megatron tp collectives (2 forward + 2 backward per block, + 2 under full recompute; reduce-scatter +
 * all-gather with sp) and pp point-to-point sends (2·vp per micro-batch, split over tp ranks). Per step:
 * m micro-batches plus the 1F1B bubble (p − 1)/v micro-batch times, the dp gradient all-reduce (ZeRO-1/2:
 * reduce-scatter + all-gather; ZeRO-3 adds parameter all-gathers per micro-batch, hidden behind that
 * micro-batch's compute where they fit) of which only what exceeds the backward pass of one micro-batch
 * on the bottleneck stage is exposed (gradient buckets of the last micro-batch reduce while its
 * backward runs), and the optimizer update over the device's shard. Segment times are cached per
 * (mb, tp, sp), so a layout costs arithmetic only.
 */
export function layoutEvaluator(
  p: StepProfile,
  sys: ParallelSystem,
  options: EvaluateOptions,
): (layout: Layout) => LayoutResult {
  const { globalBatch, attention = "flash", overlapDataParallel = true } = options;
  const flash = attention === "flash" && p.heads !== undefined;
  const e = p.bytesPerElement;
  // per (mb, tp, sp): segment times and one tp collective (all-reduce, or reduce-scatter + all-gather)
  const cache = new Map<number, [SegmentTime, SegmentTime, SegmentTime, number]>();
  const times = (mb: number, tp: number, sp: boolean) => {
    const key = (mb * 1e7 + tp) * 2 + (sp ? 1 : 0);
    let t = cache.get(key);
    if (!t) {
      const o = { mb, tp, sp, flash };
      const act = mb * p.tokensPerSample * (p.hidden ?? 0) * e;
      const one =
        tp === 1
          ? 0
          : sp
            ? sys.collectiveSeconds("reduce-scatter", act, tp, false) +
              sys.collectiveSeconds("all-gather", act, tp, false)
            : sys.collectiveSeconds("all-reduce", act, tp, false);
      t = [segmentTime(p.pre, sys, o), segmentTime(p.block, sys, o), segmentTime(p.post, sys, o), one];
      cache.set(key, t);
    }
    return t;
  };
  // per (dp, tp, pp, zero, bottleneck stage): data-parallel seconds [gradient sync, ZeRO-3 gathers per micro-batch]
  const dpCache = new Map<number, [number, number]>();
  const dpn = sys.devicesPerNode;
  return (l: Layout): LayoutResult => {
    const bad = checkDivisibility(p, sys, l, globalBatch);
    if (bad) return { feasible: false, layout: l, reason: "divisibility", message: bad };
    const { dp, tp, pp, vp, mb, sp, zero, recompute } = l;
    const m = globalBatch / (dp * mb);
    const memory = deviceMemory(p, l, m, flash) as DeviceMemory & { capacityBytes: number };
    memory.capacityBytes = sys.memoryBytes;
    if (memory.perDeviceBytes > sys.memoryBytes)
      return {
        feasible: false,
        layout: l,
        reason: "memory",
        // formatted when read (a getter, still copied by JSON and structured clone): the search rejects
        // most layouts and shows few of their messages; formatting all cost ~15% of it (issue 17)
        get message() {
          return `${formatLayout(l)} needs ${formatBytes(memory.perDeviceBytes)} per device, has ${formatBytes(sys.memoryBytes)}`;
        },
        memory,
      };
    const [pre, blk, post, oneTp] = times(mb, tp, sp);
    const perStage = stageBlocks(p.blocks, pp, vp);
    // recompute: full repeats the forward; selective or flash attention re-runs the attention core
    const reGemm =
      recompute === "full" ? blk.gemmForward : recompute === "selective" || flash ? blk.coreForward : 0;
    const reMem = recompute === "full" ? blk.memoryForward : 0;
    const blockGemm = blk.gemmForward + blk.gemmBackward + reGemm;
    const blockMem = blk.memoryForward + blk.memoryBackward + reMem;
    const preG = pre.gemmForward + pre.gemmBackward;
    const preM = pre.memoryForward + pre.memoryBackward;
    const postG = post.gemmForward + post.gemmBackward;
    const postM = post.memoryForward + post.memoryBackward;
    const firstG = perStage * blockGemm + preG + (pp === 1 ? postG : 0);
    const firstM = perStage * blockMem + preM + (pp === 1 ? postM : 0);
    const lastG = perStage * blockGemm + postG;
    const lastM = perStage * blockMem + postM;
    const useFirst = pp === 1 || firstG + firstM >= lastG + lastM;
    const gemm = useFirst ? firstG : lastG;
    const mem = useFirst ? firstM : lastM;
    const backward = perStage * (blk.gemmBackward + blk.memoryBackward + reGemm + reMem);
    // communication per micro-batch on the stage
    const act = mb * p.tokensPerSample * (p.hidden ?? 0) * e;
    const tpComm = perStage * oneTp * (recompute === "full" ? 6 : 4);
    let moe = 0;
    const ep = p.experts > 1 ? expertParallel(p.experts, dp) : 1;
    if (p.block.moeLayers > 0) {
      if (ep > 1)
        moe =
          perStage *
          p.block.moeLayers *
          (recompute === "full" ? 6 : 4) *
          sys.collectiveSeconds("all-to-all", (act * p.topK) / tp, ep, tp * ep > dpn);
    }
    const ppComm = pp > 1 ? 2 * vp * sys.collectiveSeconds("p2p", act / tp, 2, tp * dp * pp > dpn) : 0;
    const perMb = gemm + mem + tpComm + moe + ppComm;
    const bubble = pipelineBubbleFraction(pp, vp, 1) * perMb;
    // data parallel: gradients of this device's shard
    const stageParams =
      (perStage * (p.block.params - p.block.expertParams + p.block.expertParams / ep) +
        (useFirst ? p.pre.params : 0) +
        (pp === 1 || !useFirst ? p.post.params : 0)) /
      tp;
    // hierarchical dp collectives: dpIn ranks share a node (the largest divisor of dp that fits beside
    // tp), dpOut = dp/dpIn nodes; an all-reduce is reduce-scatter in the node, all-reduce of a 1/dpIn
    // shard across nodes, all-gather in the node (NCCL/XLA two-level collectives, as Calculon models)
    const dpIn = largestDivisorAtMost(dp, Math.max(1, Math.floor(dpn / tp)));
    const dpOut = dp / dpIn;
    const dpCollective = (op: "all-reduce" | "reduce-scatter" | "all-gather", bytes: number) => {
      if (dpOut === 1) return sys.collectiveSeconds(op, bytes, dp, false);
      const inter = sys.collectiveSeconds(op, bytes / dpIn, dpOut, true);
      const intra =
        op === "all-reduce"
          ? sys.collectiveSeconds("reduce-scatter", bytes, dpIn, false) +
            sys.collectiveSeconds("all-gather", bytes, dpIn, false)
          : sys.collectiveSeconds(op, bytes, dpIn, false);
      return intra + inter;
    };
    const dpKey = (((dp * 1e5 + tp) * 1e4 + pp) * 4 + zero) * 2 + (useFirst ? 1 : 0);
    let dpTimes = dpCache.get(dpKey);
    if (!dpTimes) {
      dpTimes = [0, 0];
      dpCache.set(dpKey, dpTimes);
    }
    if (dp > 1 && dpTimes[0] === 0) {
      const grads = stageParams * Math.min(p.gradientBytesPerParam, 2);
      const weights = stageParams * p.weightBytesPerParam;
      dpTimes[0] =
        zero === 0
          ? dpCollective("all-reduce", grads)
          : dpCollective("reduce-scatter", grads) + dpCollective("all-gather", weights);
      if (zero === 3) dpTimes[1] = 2 * dpCollective("all-gather", weights);
    }
    const dpComm = dpTimes[0];
    const zero3 = dpTimes[1] > 0 ? m * Math.max(0, dpTimes[1] - (gemm + mem)) : 0;
    const dpExposed = overlapDataParallel ? Math.max(0, dpComm - backward) : dpComm;
    const shardParams = zero >= 1 ? stageParams / dp : stageParams;
    const optimizer =
      (shardParams * p.optimizerUpdateBytesPerParam) / (sys.memoryBytesPerSecond * sys.memoryEfficiency);
    const seconds = m * perMb + bubble + dpExposed + zero3 + optimizer;
    const devices = dp * tp * pp;
    const samplesPerSecond = globalBatch / seconds;
    const tokensPerSecond = samplesPerSecond * p.tokensPerSample;
    const modelFlops = p.modelFlopsPerUnit * globalBatch * p.tokensPerSample;
    const recomputeFlops =
      globalBatch *
      p.blocks *
      (recompute === "full" ? blk.forwardFlops : recompute === "selective" || flash ? blk.coreFlops : 0) *
      (tp / mb);
    const capacity = devices * sys.peakFlopsPerSecond * seconds;
    return {
      feasible: true,
      layout: l,
      devices,
      microbatches: m,
      step: {
        seconds,
        breakdown: {
          compute: m * gemm,
          memoryBound: m * mem,
          exposedCommunication: m * (tpComm + moe + ppComm) + dpExposed + zero3,
          bubble,
          optimizer,
        },
      },
      communication: {
        tensorParallel: m * tpComm,
        pipeline: m * ppComm,
        dataParallel: dpComm,
        dataParallelExposed: dpExposed,
        zero3Gathers: zero3,
        moeAllToAll: m * moe,
      },
      memory,
      tokensPerSecond,
      samplesPerSecond,
      mfu: modelFlops / capacity,
      hfu: (modelFlops + recomputeFlops) / capacity,
      modelFlops,
    };
  };
}
