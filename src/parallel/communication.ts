import type { FrameworkProfile } from "./framework.js";
import type { Layout } from "./layout.js";
import type { Placement } from "./placement.js";
import type { StepProfile } from "./stepProfile.js";
import type { ParallelSystem } from "./system.js";

/** Seconds of the per-block communication of one micro-batch on one rank, before any overlap. */
export interface BlockCommunication {
  /** Tensor-parallel collectives, forward, backward, and again under full recompute. */
  tensorForward: number;
  tensorBackward: number;
  /**
   * The parts of `tensorBackward` the column-split layers (QKV, MLP up) issue in their own backward:
   * with sequence parallelism the input all-gathers (beside the input-gradient GEMMs) and the
   * reduce-scatters of the input gradient (beside the weight-gradient GEMMs); without, the input
   * gradient's all-reduces (beside the weight-gradient GEMMs).
   */
  tensorBackwardBesideInputGradient: number;
  tensorBackwardBesideWeightGradient: number;
  /** Context-parallel KV exchange, forward and backward. */
  contextForward: number;
  contextBackward: number;
  /** One all-gather of the whole sequence's KV over the cp ranks (what `contextForward` is made of). */
  contextGather: number;
  /** PyTorch's context parallelism: one ring pass of this rank's fp32 dK and dV (cp of them backward). */
  contextGradientPass: number;
  /** Context-parallel ranks (the sub-attentions PyTorch's context parallelism runs per block). */
  contextSteps: number;
  /** Expert-parallel all-to-alls of one block (all its MoE layers), forward and backward. */
  expertForward: number;
  expertBackward: number;
  /** One pipeline point-to-point send of this micro-batch's activations (or their gradients). */
  pipelineSend: number;
}

/**
 * The communication of one block for one micro-batch (issue 12 item 3), with A = mb·(s/cp)·h·e the
 * activation bytes of this rank's tokens:
 * - tensor parallel (Shoeybi et al. 2019 §3): 2 all-reduces of A forward and 2 backward; with sequence
 *   parallelism (Korthikanti et al. 2022 §4.2.2) each becomes an all-gather and a reduce-scatter, and
 *   the backward gathers the sequence-sharded input of the QKV and MLP-up GEMMs again for their weight
 *   gradients (Megatron-LM keeps only the shard): forward 2 AG + 2 RS, backward 2 RS + 4 AG; the
 *   column-split layers' share of the backward is kept apart (`tensorBackwardBeside…`), as Megatron-LM
 *   runs it asynchronously beside their GEMMs (blockExposure.ts);
 * - context parallel: each rank needs every rank's K and V: an all-gather of the KV buffer forward, and
 *   backward the gather again plus a reduce-scatter of dKV (ring attention moves the same bytes as
 *   cp − 1 point-to-point steps, Liu et al. 2023; all-gathered KV as Llama 3 §3.3.2); PyTorch's
 *   context parallelism instead passes each rank's dK and dV, accumulated in fp32, cp times around
 *   the ring (`_templated_ring_attention_backward`: `accum_dtype` fp32 under `convert_to_f32`, the
 *   default, and a point-to-point `dkv_rotater` exchange every step); KV heads are the model's KV
 *   heads, or its query heads where the stack repeats KV before attention (`kvExchanged`);
 * - expert parallel (Lepikhin et al. 2021, GShard): per MoE layer a dispatch and a combine all-to-all
 *   of mb·(s/cp)·topK·h·e/tp bytes forward, the same two backward;
 * - pipeline: one send of A/tp per stage boundary and direction (Narayanan et al. 2021 §4.1: the
 *   scatter/gather optimisation sends each tp rank's 1/tp share).
 */
export function blockCommunication(
  p: StepProfile,
  l: Layout,
  sys: ParallelSystem,
  where: Placement,
): BlockCommunication {
  const e = p.bytesPerElement;
  const h = p.hidden ?? 0;
  const tokens = (l.mb * p.tokensPerSample) / l.cp;
  const a = tokens * h * e;
  const coll = sys.collectiveSeconds;
  let tensorForward = 0;
  let tensorBackward = 0;
  let tensorBackwardBesideInputGradient = 0;
  let tensorBackwardBesideWeightGradient = 0;
  if (l.tp > 1) {
    const { ranks, perNode } = where.tp;
    if (l.sp) {
      const ag = coll("all-gather", a, ranks, perNode);
      const rs = coll("reduce-scatter", a, ranks, perNode);
      tensorForward = 2 * ag + 2 * rs;
      // the row-split layers' 2 gathers, then the column-split layers' 2 gathers and 2 reduce-scatters
      tensorBackward = 2 * ag + 2 * ag + 2 * rs;
      tensorBackwardBesideInputGradient = 2 * ag;
      tensorBackwardBesideWeightGradient = 2 * rs;
    } else {
      const ar = coll("all-reduce", a, ranks, perNode);
      tensorForward = 2 * ar;
      tensorBackward = 2 * ar;
      tensorBackwardBesideWeightGradient = 2 * ar;
    }
  }
  let contextForward = 0;
  let contextBackward = 0;
  let contextGather = 0;
  let contextGradientPass = 0;
  if (l.cp > 1 && p.kvHeads !== undefined && p.headDim !== undefined) {
    const kvHeadsPerRank = exchangedKvHeadsPerRank(p, l, sys.framework);
    const kv = l.cp * tokens * 2 * kvHeadsPerRank * p.headDim * e;
    const { ranks, perNode } = where.cp;
    contextGather = coll("all-gather", kv, ranks, perNode);
    contextForward = contextGather;
    if (sys.framework.contextParallel === "pytorch") {
      // this rank's dK and dV in fp32 (4 bytes) to the next rank, cp passes (the last returns them home)
      contextGradientPass = coll("p2p", (kv / l.cp) * (4 / e), 2, perNode >= ranks ? 2 : 1);
      contextBackward = contextGather + l.cp * contextGradientPass;
    } else contextBackward = contextGather + coll("reduce-scatter", kv, ranks, perNode);
  }
  let expertForward = 0;
  let expertBackward = 0;
  if (l.ep > 1 && p.block.moeLayers > 0) {
    const bytes = (tokens * p.topK * h * e) / l.tp;
    const one = coll("all-to-all", bytes, where.ep.ranks, where.ep.perNode);
    expertForward = 2 * one * p.block.moeLayers;
    expertBackward = 2 * one * p.block.moeLayers;
  }
  const pipelineSend = l.pp > 1 ? coll("p2p", a / l.tp, 2, where.ppSameNode ? 2 : 1) : 0;
  return {
    tensorForward,
    tensorBackward,
    tensorBackwardBesideInputGradient,
    tensorBackwardBesideWeightGradient,
    contextForward,
    contextBackward,
    contextGather,
    contextGradientPass,
    contextSteps: l.cp,
    expertForward,
    expertBackward,
    pipelineSend,
  };
}

/**
 * KV heads per tensor-parallel rank that context parallelism moves: the model's KV heads, or its query
 * heads where the stack repeats KV before attention (`kvExchanged`).
 */
export function exchangedKvHeadsPerRank(
  p: Pick<StepProfile, "heads" | "kvHeads">,
  l: Pick<Layout, "tp">,
  fw: Pick<FrameworkProfile, "kvExchanged">,
): number {
  const kv = p.kvHeads ?? p.heads ?? 1;
  return Math.max(1, (fw.kvExchanged === "repeated" ? (p.heads ?? kv) : kv) / l.tp);
}

/** One collective of the data-parallel step and the window of compute that may hide it. */
export interface OverlapItem {
  /** The link it loads: inside a node or across nodes. */
  tier: "intraNode" | "interNode";
  seconds: number;
  /** Seconds of compute during which it may run (0: exposed). */
  window: number;
}

/**
 * Exposed seconds of overlappable traffic under ONE shared budget per link (issue 12: "no window hides
 * the same traffic twice"): on each tier, the hidden time is at most each item's own window and at most
 * `union` (the compute time of the step, which every window lies in); tiers run concurrently but the
 * exposed remainders add up.
 */
export function exposedSeconds(items: readonly OverlapItem[], union: number): number {
  let exposed = 0;
  for (const tier of ["intraNode", "interNode"] as const) {
    let total = 0;
    let hideable = 0;
    for (const it of items)
      if (it.tier === tier) {
        total += it.seconds;
        hideable += Math.min(it.seconds, it.window);
      }
    exposed += total - Math.min(hideable, union);
  }
  return exposed;
}
