import { eagerRmsNorm, eagerRotary, withEager } from "./eagerKernels.js";
import type { OpCost } from "./layerCost.js";

/**
 * Cost rules for the operations every workload is made of. Counts are for the whole micro-batch;
 * FLOP count a multiply-accumulate as 2. Bytes are algorithmic: every tensor an op reads or writes,
 * once, at `bytes` per element (weights in their working precision, as mixed precision keeps them).
 * The backward rule of each op is written beside it.
 */

const prod = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);

/** Y[rows, out] = X[rows, in]·W[in, out] (+ b). */
export function linearOp(o: {
  rows: number;
  inFeatures: number;
  outFeatures: number;
  bias?: boolean;
  bytes: number;
}): OpCost {
  const { rows, inFeatures: k, outFeatures: n, bias = false, bytes } = o;
  const gemm = 2 * rows * k * n;
  const biasFlops = bias ? rows * n : 0;
  const weights = k * n + (bias ? n : 0);
  return {
    kind: "matmul",
    forwardFlops: gemm + biasFlops,
    // dX = dY·Wᵀ: one GEMM of the same size
    backwardInputFlops: gemm,
    // dW = Xᵀ·dY: one GEMM of the same size; db = Σ_rows dY
    backwardWeightFlops: gemm + biasFlops,
    forwardBytes: { read: (rows * k + weights) * bytes, written: rows * n * bytes },
    // backward reads dY, X and W; writes dX and dW
    backwardBytes: { read: (rows * n + rows * k + weights) * bytes, written: (rows * k + weights) * bytes },
  };
}

/** C[b, m, n] = A[b, m, k]·B[b, k, n], both operands activations (attention scores and context). */
export function batchedMatmulOp(o: {
  batch: number;
  m: number;
  k: number;
  n: number;
  bytes: number;
}): OpCost {
  const { batch, m, k, n, bytes } = o;
  const gemm = 2 * batch * m * k * n;
  return {
    kind: "batched-matmul",
    forwardFlops: gemm,
    // dA = dC·Bᵀ and dB = Aᵀ·dC: two GEMMs of the same size, both activation gradients
    backwardInputFlops: 2 * gemm,
    backwardWeightFlops: 0,
    forwardBytes: { read: batch * (m * k + k * n) * bytes, written: batch * m * n * bytes },
    backwardBytes: {
      read: batch * (m * n + m * k + k * n) * bytes,
      written: batch * (m * k + k * n) * bytes,
    },
  };
}

/**
 * N-d convolution (any spatial rank), with groups: MACs = batch·C_out·Π(out)·(C_in/groups)·Π(kernel),
 * the count torchvision/ptflops report as "MACs".
 */
export function convOp(o: {
  batch: number;
  inChannels: number;
  outChannels: number;
  inSpatial: readonly number[];
  outSpatial: readonly number[];
  kernel: readonly number[];
  groups?: number;
  bias?: boolean;
  bytes: number;
}): OpCost {
  const {
    batch,
    inChannels,
    outChannels,
    inSpatial,
    outSpatial,
    kernel,
    groups = 1,
    bias = false,
    bytes,
  } = o;
  const outElems = batch * outChannels * prod(outSpatial);
  const macs = outElems * (inChannels / groups) * prod(kernel);
  const biasFlops = bias ? outElems : 0;
  const weights = outChannels * (inChannels / groups) * prod(kernel) + (bias ? outChannels : 0);
  const input = batch * inChannels * prod(inSpatial);
  return {
    kind: "conv",
    forwardFlops: 2 * macs + biasFlops,
    // dX is the transposed convolution of dY with W: the same MACs
    backwardInputFlops: 2 * macs,
    // dW correlates X with dY: the same MACs; db = Σ dY
    backwardWeightFlops: 2 * macs + biasFlops,
    forwardBytes: { read: (input + weights) * bytes, written: outElems * bytes },
    backwardBytes: { read: (outElems + input + weights) * bytes, written: (input + weights) * bytes },
  };
}

/** Gather `tokens` rows of width `width` from a table: no arithmetic forward. */
export function embeddingOp(o: { tokens: number; width: number; bytes: number }): OpCost {
  const { tokens, width, bytes } = o;
  return {
    kind: "embedding",
    forwardFlops: 0,
    backwardInputFlops: 0,
    // dTable: scatter-add of one gradient row per token
    backwardWeightFlops: tokens * width,
    // reads the gathered rows and 4-byte indices, writes the output
    forwardBytes: { read: tokens * (width * bytes + 4), written: tokens * width * bytes },
    backwardBytes: { read: tokens * (width * bytes + 4), written: tokens * width * bytes },
  };
}

/**
 * A pointwise op over `elements` outputs with `inputs` inputs each (activation functions, residual
 * adds, dropout, gating products). Backward: the local derivative (about the op's own cost) times the
 * incoming gradient, 1 FLOP more per element per input, unless `backwardFlopsPerElement` says otherwise.
 */
export function elementwiseOp(o: {
  elements: number;
  flopsPerElement: number;
  inputs?: number;
  bytes: number;
  backwardFlopsPerElement?: number;
}): OpCost {
  const { elements, flopsPerElement, inputs = 1, bytes } = o;
  const back = o.backwardFlopsPerElement ?? flopsPerElement + inputs;
  return {
    kind: "elementwise",
    forwardFlops: elements * flopsPerElement,
    backwardInputFlops: elements * back,
    backwardWeightFlops: 0,
    forwardBytes: { read: inputs * elements * bytes, written: elements * bytes },
    backwardBytes: { read: (1 + inputs) * elements * bytes, written: inputs * elements * bytes },
  };
}

/**
 * Rotary position embedding over `elements` query and key elements (Su et al. 2021, eq. 34): an
 * elementwise op of `flopsPerElement` FLOP, run by eager PyTorch as a three-kernel fp32 composite.
 */
export function rotaryOp(o: { elements: number; flopsPerElement: number; bytes: number }): OpCost {
  return withEager(elementwiseOp(o), o.elements, eagerRotary(o.bytes));
}

/** FLOP per element of the normalisations (forward). */
export const NORM_FLOPS_PER_ELEMENT = {
  // mean (1), centre (1), square and sum (2), scale by rsqrt (1), affine γx + β (2)
  layernorm: 7,
  // square and sum (2), scale by rsqrt (1), gain (1)
  rmsnorm: 4,
  // as LayerNorm, with statistics over the batch and spatial axes (training mode)
  batchnorm: 7,
} as const;

/** LayerNorm, RMSNorm or BatchNorm over `rows` vectors of `width` features (`width` parameters or 2×). */
export function normOp(o: {
  rows: number;
  width: number;
  kind: keyof typeof NORM_FLOPS_PER_ELEMENT;
  bytes: number;
}): OpCost {
  const { rows, width, kind, bytes } = o;
  const elements = rows * width;
  const f = NORM_FLOPS_PER_ELEMENT[kind];
  const params = kind === "rmsnorm" ? width : 2 * width;
  const op: OpCost = {
    kind: "norm",
    forwardFlops: elements * f,
    // dX needs two reductions (Σ dY·γ and Σ dY·γ·x̂) and a pointwise combination: about 2× forward
    backwardInputFlops: 2 * elements * f,
    // dγ = Σ_rows dY·x̂ and dβ = Σ_rows dY
    backwardWeightFlops: (kind === "rmsnorm" ? 2 : 3) * elements,
    forwardBytes: { read: (elements + params) * bytes, written: elements * bytes },
    backwardBytes: { read: (2 * elements + params) * bytes, written: (elements + params) * bytes },
  };
  // LayerNorm and BatchNorm have native one-kernel implementations; RMSNorm is a composite in eager
  return kind === "rmsnorm" ? withEager(op, elements, eagerRmsNorm(bytes)) : op;
}

/** Softmax over `rows` vectors of `width`: max, subtract, exp, sum, divide = 5 FLOP per element. */
export function softmaxOp(o: { rows: number; width: number; bytes: number }): OpCost {
  const elements = o.rows * o.width;
  return {
    kind: "softmax",
    forwardFlops: 5 * elements,
    // dX = y ⊙ (dY − Σ dY ⊙ y): multiply, sum, subtract, multiply
    backwardInputFlops: 4 * elements,
    backwardWeightFlops: 0,
    forwardBytes: { read: elements * o.bytes, written: elements * o.bytes },
    backwardBytes: { read: 2 * elements * o.bytes, written: elements * o.bytes },
  };
}

/**
 * Bytes per logit of a softmax cross-entropy loss, e the logits' format, per kernel kind:
 * - "fp32", as most training stacks run it: Megatron-LM calls `vocab_parallel_cross_entropy(logits.float(),
 *   labels)` and PyTorch stacks `F.cross_entropy(logits.float(), labels)`. Forward the cast (read e, write
 *   4), the max-and-sum pass (read 4) and the normalising pass (read 4, write 4); backward the dense one-hot
 *   gradient (write 4), the softmax backward (read 4 + 4, write 4) and the cast back for the output layer's
 *   GEMMs (read 4, write e): 2e + 36 bytes per logit in all, against a 16-bit softmax's 5e. It keeps the
 *   fp32 softmax for backward (4 bytes, Korthikanti et al. 2022 §4.3) and its largest tensor is fp32 (4).
 * - "fused", one kernel each way on the 16-bit logits (flash-attn's `CrossEntropyLoss`, from apex's
 *   xentropy; llm-foundry's default `loss_fn: fused_crossentropy`): forward reads the logits once (online
 *   max and sum, fp32 inside the kernel) and writes only a loss and a log-sum-exp per row; backward reads
 *   them again and writes the gradient in their format: 3e in all. It keeps the 16-bit logits (e), and its
 *   largest tensor is the gradient (e). [derived from those code paths]
 */
export function crossEntropyBytesPerLogit(
  e: number,
  kind: "fp32" | "fused",
): {
  forward: { read: number; written: number };
  backward: { read: number; written: number };
  kept: number;
  largest: number;
} {
  if (kind === "fused")
    return { forward: { read: e, written: 0 }, backward: { read: e, written: e }, kept: e, largest: e };
  return {
    forward: { read: e + 8, written: 8 },
    backward: { read: 12, written: 8 + e },
    kept: 4,
    largest: 4,
  };
}

/**
 * Softmax cross-entropy over `rows` × `width` logits as training stacks run it, in fp32 whatever the
 * training format ({@link crossEntropyBytesPerLogit} "fp32"; a stack running the fused kernel is
 * accounted for by the layout evaluator from {@link crossEntropyLogits}). FLOPs are the softmax's.
 * The forward's writes are two passes over one fp32 logits-sized tensor (`repeats` 2: the largest
 * tensor in flight is 4 bytes per logit, which Megatron updates in place).
 */
export function crossEntropyOp(o: { rows: number; width: number; bytes: number }): OpCost {
  const elements = o.rows * o.width;
  const b = crossEntropyBytesPerLogit(o.bytes, "fp32");
  return {
    ...softmaxOp(o),
    kind: "loss",
    forwardBytes: { read: elements * b.forward.read, written: elements * b.forward.written },
    backwardBytes: { read: elements * b.backward.read, written: elements * b.backward.written },
    repeats: b.forward.written / b.largest,
  };
}

/** The logits a {@link crossEntropyOp} runs over (its forward writes `forward.written` bytes per logit). */
export function crossEntropyLogits(o: OpCost, e: number): number {
  return o.forwardBytes.written / crossEntropyBytesPerLogit(e, "fp32").forward.written;
}

/** Max or average pooling: one FLOP (compare or add) per window element per output. */
export function poolOp(o: {
  batch: number;
  channels: number;
  inSpatial: readonly number[];
  outSpatial: readonly number[];
  kernel: readonly number[];
  bytes: number;
}): OpCost {
  const outElems = o.batch * o.channels * prod(o.outSpatial);
  const input = o.batch * o.channels * prod(o.inSpatial);
  return {
    kind: "pool",
    forwardFlops: outElems * prod(o.kernel),
    // routes (max) or spreads (average) each output gradient over its window
    backwardInputFlops: outElems * prod(o.kernel),
    backwardWeightFlops: 0,
    forwardBytes: { read: input * o.bytes, written: outElems * o.bytes },
    backwardBytes: { read: (outElems + input) * o.bytes, written: input * o.bytes },
  };
}
