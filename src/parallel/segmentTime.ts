import { flashRateScale, olderKernelHeadDimScale } from "../hardware/flashShape.js";
import { ACTIVATION_BYTES } from "../workload/precision.js";
import { scoreMaskingBytes } from "../workload/eagerKernels.js";
import type { FrameworkProfile } from "./framework.js";
import { lossBytesPerLogit } from "./lossTraffic.js";
import { type Affine, at, type MemoryBytes, type Segment } from "./segment.js";
import type { StepProfile } from "./stepProfile.js";
import type { ParallelSystem } from "./system.js";

/** Seconds of one segment for one micro-batch on one rank, by phase and kind. */
export interface SegmentTime {
  /** GEMM and fused-attention seconds, forward. */
  computeForward: number;
  /** GEMM and fused-attention seconds, backward (flash attention's own recompute included). */
  computeBackward: number;
  /** Memory-bound seconds (norms, softmax, elementwise, gathers), forward and backward. */
  memoryForward: number;
  memoryBackward: number;
  /** Seconds of the attention core's forward (scores, softmax, context): what selective recompute repeats. */
  coreForward: number;
  /** Attention-core GEMM seconds forward (the window ring attention hides its KV passes behind). */
  attentionForward: number;
  attentionBackward: number;
  /**
   * Backward GEMM seconds of the tensor-parallel column-split layers (QKV, MLP up): their input-gradient
   * and weight-gradient GEMMs, the windows Megatron-LM's async backward collectives run beside.
   */
  columnInputGradient: number;
  columnWeightGradient: number;
  /**
   * Seconds of the fp8 weight casts in `memoryForward` (read 16-bit, write fp8 and its transpose): what
   * a stack caching the casts across micro-batches runs once per step (`FrameworkProfile.fp8WeightCasts`).
   */
  weightCastForward: number;
  /** Forward GEMM seconds and FLOP on this rank of the dense MLPs' output projections (`GemmGroup.endsBlock`). */
  blockEndForward: number;
  blockEndFlops: number;
  /** Forward GEMM FLOP on this rank (what full recompute repeats). */
  forwardFlops: number;
  /** Forward FLOP of the attention core on this rank, as the model counts it (full s×s). */
  coreFlops: number;
}

/** How a micro-batch is split over the ranks of a layout, and the kernels it runs. */
export interface SegmentSplit {
  mb: number;
  tp: number;
  sp: boolean;
  cp: number;
  ep: number;
  experts: number;
  /** Fused attention (FlashAttention): no s×s traffic, attention at the kernel's own rate. */
  flash: boolean;
  /** Causal attention: fused kernels skip the masked half (FlashAttention-2 §3.1). */
  causal: boolean;
  /** Tokens per sample, before context parallelism (the attention's key sequence). */
  seq: number;
  /** Attention head dimension (absent: the model has no attention heads). */
  headDim?: number;
}

/**
 * Extra memory traffic of fp8 GEMMs, bytes per element, [unfused, fused] by the stack's fusion, per fp8
 * recipe (the framework's `fp8Casts`). [derived from each recipe's code; not measured]
 * - "transformer-engine" (NVIDIA TE, Megatron-Core, NeMo, llm-foundry): a 16-bit tensor is read and an
 *   fp8 copy written before each GEMM, the amax taken in the same pass: inputs 3 (read 2 + write 1) when
 *   the cast is its own kernel, 1 when it is fused into the producer (TE's fused norm and activation
 *   kernels); gradients 4 or 2 (the copy and its transpose, one cast-transpose kernel); weights 3 per
 *   micro-batch.
 * - "torchao-dynamic" (torchao `Float8Linear`, tensorwise dynamic scaling; TorchTitan's fp8): every cast
 *   is `hp_tensor_to_float8_dynamic`: the amax `torch.max(torch.abs(x))` and `tensor.to(float32) *
 *   scale` saturated by `clamp` and cast (`to_fp8_saturated`), and the backward
 *   (`matmul_with_hp_or_float8_args.backward`) casts again what the weight gradient needs from the
 *   saved 16-bit input. Eager, each op its own kernel: abs 2 + 2, max 2, to(fp32) 2 + 4, mul 4 + 4,
 *   clamp 4 + 4, to(fp8) 4 + 1 = 33 per cast; inputs (forward and weight-gradient casts) and gradients
 *   (input- and weight-gradient casts) 66. Under torch.compile a cast is one kernel (read 2, write 1)
 *   after an amax pass (read 2): inputs 3 forward (the amax fused into the producer) + 5 backward = 8;
 *   gradients one shared amax and two casts, 2 + 3 + 3 = 8. Weights as TE (3).
 */
export const FP8_CAST_BYTES = {
  "transformer-engine": { input: [3, 1], gradient: [4, 2], weight: 3 },
  "torchao-dynamic": { input: [66, 8], gradient: [66, 8], weight: 3 },
} as const;

/** FlashAttention's backward runs 5 of the forward's GEMM shapes against the forward's 2 (FA2 §3.2): 2.5×. */
export const FLASH_BACKWARD_FLOP_RATIO = 2.5;

/**
 * Bytes per score element an eager stack's scale and mask move beyond the "divide-add" the segment's
 * unfused memory is costed with (`FrameworkProfile.scoreMasking`, eagerKernels.ts `scoreMaskingBytes`);
 * none under flash attention or elementwise fusion (one softmax pass).
 */
function scoreMaskingExtra(seg: Segment, fw: FrameworkProfile, e: number, flash: boolean) {
  if (flash || fw.fusion !== "none" || fw.scoreMasking === "divide-add") return { forward: 0, backward: 0 };
  const own = scoreMaskingBytes(fw.scoreMasking, e, seg.scoreSoftmax.qkPerScore);
  const costed = scoreMaskingBytes("divide-add", e, 0);
  return { forward: own.forward - costed.forward, backward: own.backward - costed.backward };
}

const memorySeconds = (m: MemoryBytes, s: SegmentSplit, flash: boolean, phase: "forward" | "backward") => {
  const per = (a: Affine) => at(a, s.mb) / s.cp;
  const rep = s.sp ? s.tp : 1;
  let bytes = per(m.replicated[phase]) / rep + per(m.split[phase]) / s.tp;
  if (!flash) bytes += per(m.score[phase]) / s.tp;
  return bytes;
};

/** The attention shape a split carries from its step profile: causal mask, key sequence, head dimension. */
export function attentionShapeOf(
  p: Pick<StepProfile, "causal" | "tokensPerSample" | "headDim">,
): Pick<SegmentSplit, "causal" | "seq" | "headDim"> {
  return {
    causal: p.causal,
    seq: p.tokensPerSample,
    ...(p.headDim !== undefined ? { headDim: p.headDim } : {}),
  };
}

/**
 * The flash kernels' rate at this split's shape over the rate the device's fractions were measured at
 * (src/hardware/flashShape.ts; 1 where the system has no shape law, i.e. TPUs), times the framework's
 * older kernel's own head-dimension trend against FlashAttention-2 (`olderKernelHeadDimScale`); 1 where
 * the model has no head dimension. Each kernel call's
 * key sequence is the whole sample's where context parallelism gathers the KV first (Llama 3's
 * all-gather), else one rank's chunk (ring attention and PyTorch's context parallelism run cp calls of
 * s/cp keys each).
 */
function flashScale(s: SegmentSplit, sys: ParallelSystem): number {
  if (s.headDim === undefined) return 1;
  const kernel = olderKernelHeadDimScale(s.headDim, sys.flashAtHeadDim128 ?? 1);
  if (!sys.flashMeasuredAt) return kernel;
  const seq = sys.framework.contextParallel === "all-gather" ? s.seq : s.seq / s.cp;
  return kernel * flashRateScale({ seq, headDim: s.headDim, causal: s.causal }, sys.flashMeasuredAt);
}

/**
 * Time one segment for one micro-batch of `mb` samples on one rank (issue 12 item 3):
 * - weight GEMMs at their per-rank shape through the GEMM model (`gemmSeconds`; the output layer in 16
 *   bits under fp8, `highPrecisionGemmSeconds`): rows = tokens/cp
 *   (MoE expert GEMMs: the local experts' share, ep/experts of the routed rows each); tp splits a
 *   row-parallel GEMM's input (k) and a column-parallel one's output (n) (`GemmGroup.rowParallel`);
 *   backward is the two GEMMs dX = dY·Wᵀ (m×k by n) and dW = Xᵀ·dY (k×n by m);
 * - attention: standard kernels are batched GEMMs, one launch per batched product over mb·heads/tp
 *   heads (QKᵀ and PV; backward their two gradients each) plus the s×s softmax and dropout traffic;
 *   fused (flash) kernels run the core FLOP, halved for causal masks, at the accelerator's measured
 *   flash fraction scaled to the call's shape (`flashScale`), backward 2.5× the forward FLOP
 *   (FlashAttention-2) at its backward fraction;
 * - memory-bound ops: bytes over achieved bandwidth, the framework's fusion applied (`memoryFused`),
 *   plus one launch per kernel (the device's `launchSeconds`; a fused chain launches once);
 *   sequence parallelism divides the replicated norm and dropout traffic by tp (Korthikanti et al.
 *   2022 §4.2.2), context parallelism divides everything by cp;
 * Times are the kernel-level model's; the evaluator divides them by the framework's fitted
 * `kernelEfficiency`.
 */
export function segmentTime(seg: Segment, sys: ParallelSystem, s: SegmentSplit): SegmentTime {
  const { mb, tp, cp, flash } = s;
  const fw = sys.framework;
  let gemmF = 0;
  let gemmB = 0;
  let attnF = 0;
  let attnB = 0;
  let forwardFlops = 0;
  let coreFlops = 0;
  // fp8: bytes per element of the quantisation passes (fp8Cast below)
  const fp8 = sys.precision === "fp8";
  const fused = fw.fusion !== "none";
  let castF = 0;
  let castB = 0;
  let castW = 0;
  let columnInputGradient = 0;
  let columnWeightGradient = 0;
  let blockEndForward = 0;
  let blockEndFlops = 0;
  for (const g of seg.gemms) {
    const flopsF = at(g.forwardFlops, mb);
    if (!(flopsF > 0)) continue;
    const t = g.split ? tp : 1;
    if (g.batched) {
      const rankFlops = flopsF / (t * cp);
      if (g.core) coreFlops += rankFlops;
      forwardFlops += rankFlops;
      if (flash && g.core) continue; // timed as one fused kernel below
      const m = Math.max(1, g.m1 / cp);
      const batch = Math.max(1, (mb * g.batchPerSample) / t);
      const inst = flopsF / (2 * g.m1 * g.n * g.k * g.batchPerSample * mb);
      // fp8 recipes quantise the linear layers only: the attention products run in 16 bits (TE's GEMM
      // profiling guide, "What GEMMs Do Not Cover": "Attention (QK^T and softmax*V): Runs in BF16/FP16")
      const bmm = (fp8 && sys.highPrecisionGemmSeconds) || sys.gemmSeconds;
      const f = inst * bmm(m, g.n, g.k, batch);
      const b = inst * (bmm(m, g.k, g.n, batch) + bmm(g.k, g.n, m, batch));
      attnF += f;
      attnB += b;
      continue;
    }
    let n = g.n;
    let kk = g.k;
    const columnParallel = t > 1 && !g.rowParallel;
    if (t > 1) {
      if (columnParallel) n = Math.max(1, n / t);
      else kk = Math.max(1, kk / t);
    }
    let m = (g.m1 * mb) / cp;
    let inst = flopsF / (2 * g.m1 * mb * g.n * g.k);
    if (g.expert && s.experts > 1) {
      const local = s.experts / s.ep;
      m = Math.max(1, m / local);
      inst *= local;
    }
    forwardFlops += flopsF / (t * cp);
    if (g.endsBlock) blockEndFlops += flopsF / (t * cp);
    const wide = g.highPrecision && sys.highPrecisionGemmSeconds !== undefined;
    const gemm = (a: number, b: number, c: number) =>
      wide ? sys.highPrecisionGemmSeconds!(a, b, c, 1) : sys.gemmSeconds(a, b, c, 1);
    if (fp8 && !wide) {
      const c = FP8_CAST_BYTES[fw.fp8Casts];
      // under sequence parallelism the operand a GEMM all-gathers (a column-parallel input forward, a
      // row-parallel output gradient backward) is cast on its sequence shard and gathered in fp8 (TE
      // `Linear` with sequence_parallel; torchao's Float8ColwiseParallel and Float8RowwiseParallel)
      const shard = s.sp && t > 1 ? t : 1;
      const inputRows = columnParallel ? m / shard : m;
      const gradientRows = t > 1 && !columnParallel ? m / shard : m;
      castF += inst * c.input[fused ? 1 : 0] * inputRows * kk;
      castW += inst * c.weight * kk * n;
      castB += inst * c.gradient[fused ? 1 : 0] * gradientRows * n;
    }
    const forward = inst * gemm(m, n, kk);
    gemmF += forward;
    if (g.endsBlock) blockEndForward += forward;
    // fp8 recipes accumulate the backward's GEMMs in split mode (see `ParallelSystem.fp8SplitAccumulation`)
    const split = fp8 && !wide ? sys.fp8SplitAccumulation : 1;
    const inputGradient = split * inst * gemm(m, kk, n);
    const weightGradient = split * inst * gemm(kk, n, m);
    gemmB += inputGradient + weightGradient;
    if (columnParallel) {
      columnInputGradient += inputGradient;
      columnWeightGradient += weightGradient;
    }
  }
  if (flash && coreFlops > 0) {
    const executed = coreFlops * (s.causal ? 0.5 : 1);
    const shape = flashScale(s, sys);
    attnF += executed / (sys.attentionPeakFlopsPerSecond * sys.flashForward * shape);
    attnB +=
      (FLASH_BACKWARD_FLOP_RATIO * executed) / (sys.attentionPeakFlopsPerSecond * sys.flashBackward * shape);
  }
  const mem = { none: seg.memory, elementwise: seg.memoryFused, "into-matmul": seg.memoryIntoMatmul }[
    fw.fusion
  ];
  const bw = sys.memoryBytesPerSecond;
  const launches = (fw.fusion !== "none" ? seg.kernels.fused : seg.kernels.unfused) * sys.launchSeconds;
  // the stack's own loss kernel and logging passes against the fp32 loss the segment is costed with
  const logits = at(seg.lossLogits, mb) / (tp * cp);
  const loss = lossBytesPerLogit(ACTIVATION_BYTES[sys.precision], fw);
  const masking = scoreMaskingExtra(seg, fw, ACTIVATION_BYTES[sys.precision], flash);
  const scoreRank = at(seg.scoreSoftmax.elements, mb) / (tp * cp);
  const extraF = castF + castW + logits * loss.forward + scoreRank * masking.forward;
  const extraB = castB + logits * loss.backward + scoreRank * masking.backward;
  const memF = (memorySeconds(mem, s, flash, "forward") + extraF) / bw + launches;
  const memB = (memorySeconds(mem, s, flash, "backward") + extraB) / bw + launches;
  const scoreF = flash ? 0 : at(mem.score.forward, mb) / (tp * cp) / bw;
  return {
    computeForward: gemmF + attnF,
    computeBackward: gemmB + attnB,
    memoryForward: memF,
    memoryBackward: memB,
    coreForward: flash ? 0 : attnF + scoreF,
    attentionForward: attnF,
    attentionBackward: attnB,
    columnInputGradient,
    columnWeightGradient,
    weightCastForward: castW / bw,
    blockEndForward,
    blockEndFlops,
    forwardFlops,
    coreFlops,
  };
}

/**
 * Segment times over a framework's fitted kernel efficiency k (every seconds field divided by k; FLOP
 * counts unchanged): what the evaluator times a layout with.
 */
export function overKernelEfficiency(t: SegmentTime, k: number): SegmentTime {
  if (k === 1) return t;
  return {
    ...t,
    computeForward: t.computeForward / k,
    computeBackward: t.computeBackward / k,
    memoryForward: t.memoryForward / k,
    memoryBackward: t.memoryBackward / k,
    coreForward: t.coreForward / k,
    attentionForward: t.attentionForward / k,
    attentionBackward: t.attentionBackward / k,
    columnInputGradient: t.columnInputGradient / k,
    columnWeightGradient: t.columnWeightGradient / k,
    weightCastForward: t.weightCastForward / k,
    blockEndForward: t.blockEndForward / k,
  };
}
