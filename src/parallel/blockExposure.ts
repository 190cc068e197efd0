import type { BlockCommunication } from "./communication.js";
import type { FrameworkProfile } from "./framework.js";

/** Seconds of one block's communication for one micro-batch: all of it (link load) and what is exposed. */
export interface BlockExposure {
  tensor: { total: number; exposed: number };
  context: { total: number; exposed: number };
  expert: { total: number; exposed: number };
  /** tensor.exposed + context.exposed + expert.exposed: what the block adds to the step. */
  exposed: number;
}

/** What of a block's compute each overlap may hide behind, seconds of one micro-batch. */
export interface BlockWindows {
  /** GEMM and attention-kernel seconds of the block, forward, backward and recompute. */
  compute: number;
  /** The attention kernels' forward and backward seconds (what ring attention hides behind). */
  attentionForward: number;
  attentionBackward: number;
  /** The column-split layers' input- and weight-gradient GEMM seconds (async TP backward windows). */
  columnInputGradient: number;
  columnWeightGradient: number;
  /** Full recompute repeats the forward's collectives. */
  fullRecompute: boolean;
  /** Micro-batches per step: the expert overlap pairs two of them. */
  microbatches: number;
}

/**
 * What of a block's tensor-, context- and expert-parallel traffic the stack leaves exposed:
 * - tensor parallel: an overlapping stack hides `tensorParallelHidden` of it behind the block's GEMMs
 *   (userbuffers, async TP), never more than their seconds; otherwise a stack whose backward is
 *   "async" (`tensorParallelBackward`) hides the column-split layers' backward collectives behind the
 *   GEMM each runs beside, never more than that GEMM's seconds;
 * - context parallel: ring attention passes each KV shard behind the attention of the previous one
 *   (Liu et al. 2023), so only what exceeds the attention kernels is exposed; all-gathered KV is not hidden;
 *   PyTorch's hides its gather and gradient passes behind one sub-attention each (`contextExposed`);
 * - expert parallel: a stack that overlaps the all-to-all (framework.ts `overlap.expertParallel`) hides it
 *   behind the paired micro-batch's block compute, what the tensor-parallel traffic has not already taken
 *   of it (one compute window hides nothing twice); it needs two micro-batches per step.
 * Full recompute runs the forward's collectives twice. The totals still load the links either way.
 */
export function blockExposure(
  comm: BlockCommunication,
  fw: Pick<
    FrameworkProfile,
    "overlap" | "tensorParallelHidden" | "tensorParallelBackward" | "contextParallel"
  >,
  w: BlockWindows,
): BlockExposure {
  const again = w.fullRecompute ? 2 : 1;
  const tpTotal = comm.tensorForward * again + comm.tensorBackward;
  const tpHidden = fw.overlap.tensorParallel
    ? Math.min(fw.tensorParallelHidden * tpTotal, w.compute)
    : fw.tensorParallelBackward === "async"
      ? Math.min(comm.tensorBackwardBesideInputGradient, w.columnInputGradient) +
        Math.min(comm.tensorBackwardBesideWeightGradient, w.columnWeightGradient)
      : 0;
  const cpTotal = comm.contextForward * again + comm.contextBackward;
  const cpExposed = contextExposed(comm, fw.contextParallel, w, again, cpTotal);
  const epTotal = comm.expertForward * again + comm.expertBackward;
  const epHidden =
    fw.overlap.expertParallel && w.microbatches >= 2
      ? Math.min(epTotal, Math.max(0, w.compute - tpHidden))
      : 0;
  const tensor = { total: tpTotal, exposed: tpTotal - tpHidden };
  const context = { total: cpTotal, exposed: cpExposed };
  const expert = { total: epTotal, exposed: epTotal - epHidden };
  return { tensor, context, expert, exposed: tensor.exposed + context.exposed + expert.exposed };
}

/**
 * Exposed context-parallel seconds of one block and micro-batch. PyTorch's (`"pytorch"`): with cp ranks
 * the attention runs as cp sub-attentions of about equal work (load-balanced causal sharding), so a
 * window is the attention's 1/cp; the KV all-gather hides behind the first sub-attention forward and
 * again backward, and each of the cp fp32 dKV passes but the last behind the next one's backward.
 */
function contextExposed(
  comm: BlockCommunication,
  kind: FrameworkProfile["contextParallel"],
  w: BlockWindows,
  again: number,
  total: number,
): number {
  if (kind === "all-gather") return total;
  if (kind === "ring")
    return (
      Math.max(0, comm.contextForward - w.attentionForward) * again +
      Math.max(0, comm.contextBackward - w.attentionBackward)
    );
  const steps = comm.contextSteps;
  const forward = Math.max(0, comm.contextGather - w.attentionForward / steps);
  const backward =
    Math.max(0, comm.contextGather - w.attentionBackward / steps) +
    (steps - 1) * Math.max(0, comm.contextGradientPass - w.attentionBackward / steps) +
    comm.contextGradientPass;
  return forward * again + backward;
}
