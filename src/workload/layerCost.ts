/**
 * Per-layer costs, the common currency of every workload family (transformers, recurrent nets, CNNs)
 * and of the ONNX importer. All counts are for ONE forward pass over the whole micro-batch (batch × seq
 * tokens, or batch samples), in base units: FLOP (a multiply-accumulate is 2 FLOP), bytes, parameters.
 */

/** Kinds of operation, for the per-kind breakdown (Catamount reports costs by op type the same way). */
export type OpKind =
  | "matmul" // dense GEMM with a weight (linear, QKV, MLP, logits, LSTM gates)
  | "batched-matmul" // GEMM of two activations (attention scores and context)
  | "conv" // convolution
  | "embedding" // table lookup (gather)
  | "norm" // LayerNorm, RMSNorm, BatchNorm
  | "softmax"
  | "loss" // the training loss over the logits (softmax cross-entropy in fp32)
  | "elementwise" // activations (GELU, SiLU, tanh, sigmoid), residual adds, dropout, gating products
  | "pool"
  | "router"; // MoE gate

/**
 * Cost of one operation over the micro-batch, forward and backward. Never changed once made: the ONNX
 * step shares equal ops between layers (graphStep's SharedCosts compares every field, so a new field
 * goes into its `sameOp` too).
 */
export interface OpCost {
  kind: OpKind;
  /** Forward FLOP. */
  forwardFlops: number;
  /** Backward FLOP for the gradient with respect to the op's activation inputs. */
  backwardInputFlops: number;
  /** Backward FLOP for the gradient with respect to the op's weights (0 for weightless ops). */
  backwardWeightFlops: number;
  /** Algorithmic bytes read and written by the forward pass (each tensor touched once). */
  forwardBytes: { read: number; written: number };
  /** Algorithmic bytes read and written by the backward pass. */
  backwardBytes: { read: number; written: number };
  /**
   * How many identical executions in sequence the counts sum over (a recurrent cell's time steps);
   * 1 when absent. The largest tensor in flight is one execution's output, written / repeats.
   */
  repeats?: number;
  /**
   * Bytes (read + written) and full-tensor kernel launches when eager PyTorch runs the op as a composite
   * of several kernels with fp32 intermediates (eagerKernels.ts); absent where eager runs one kernel and
   * the algorithmic bytes above hold. Stacks without fusion pay these; fused stacks the bytes above.
   */
  eager?: { forwardBytes: number; backwardBytes: number; kernels: number };
}

/** Kind of a layer, for grouping and for rules that depend on it (Korthikanti's attention term). */
export type LayerKind =
  | "embedding"
  | "attention"
  | "mlp"
  | "moe"
  | "norm"
  | "logits"
  | "conv"
  | "linear"
  | "pool"
  | "lstm"
  | "highway"
  | "other";

/** Cost of one layer (or block) over the micro-batch. */
export interface LayerCost {
  /** Human name, e.g. "block 3 attention", "layer1.0.conv2". */
  name: string;
  kind: LayerKind;
  /** Parameters the layer owns (all experts for MoE). */
  params: number;
  /** Parameters used per token or sample (MoE: top-k experts plus shared ones); equals `params` otherwise. */
  activeParams: number;
  /** Parameters that are embedding tables (token, position), to report non-embedding counts (Kaplan). */
  embeddingParams: number;
  /** The operations of the layer; the layer's FLOP and bytes are their sums. */
  ops: OpCost[];
  /**
   * Activation bytes kept for the backward pass: with no recompute (`none`), with selective recompute
   * of the attention core (`selective`, Korthikanti et al. 2022 §5; equals `none` for layers without
   * an attention core), and with full recompute (`full`: only the layer's input is kept).
   */
  activationBytes: { none: number; selective: number; full: number };
  /**
   * Of the bytes kept without full recompute, those that are inputs of linear layers saved for their
   * weight gradient, at the layer's bytes per element: `first`, the layer's first linear's input (the
   * normalised block input, replicated across tensor-parallel ranks without sequence parallelism),
   * and `rest`, the inner ones (the output projection's, the down projection's). An fp8 recipe that
   * saves its quantised casts instead (Transformer Engine) keeps them at 1 byte per element. Absent: none.
   */
  linearInputBytes?: { first: number; rest: number };
  /** Forward FLOP re-executed in backward under selective recompute (the attention core); 0 elsewhere. */
  selectiveRecomputeFlops: number;
}

/** Sum of the layer's op FLOP by phase. */
export function layerFlops(layer: LayerCost): {
  forward: number;
  backwardInput: number;
  backwardWeight: number;
} {
  let forward = 0;
  let backwardInput = 0;
  let backwardWeight = 0;
  for (const op of layer.ops) {
    forward += op.forwardFlops;
    backwardInput += op.backwardInputFlops;
    backwardWeight += op.backwardWeightFlops;
  }
  return { forward, backwardInput, backwardWeight };
}

/** Sum of the layer's op bytes by phase. */
export function layerBytes(layer: LayerCost): { forward: number; backward: number } {
  let forward = 0;
  let backward = 0;
  for (const op of layer.ops) {
    forward += op.forwardBytes.read + op.forwardBytes.written;
    backward += op.backwardBytes.read + op.backwardBytes.written;
  }
  return { forward, backward };
}
