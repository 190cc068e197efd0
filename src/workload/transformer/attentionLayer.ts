import type { LayerCost, OpCost } from "../layerCost.js";
import { batchedMatmulOp, elementwiseOp, linearOp, rotaryOp, softmaxOp } from "../ops.js";
import { eagerScaleMaskSoftmax, withEager } from "../eagerKernels.js";
import { DROPOUT_FLOPS, MASK_BYTES, ROTARY_FLOPS } from "./activationFlops.js";

/**
 * How an attention layer encodes position: `none` (absolute positions were added at the embedding, or
 * sinusoidal), `rotary` (RoPE on Q and K, Su et al. 2021), `relative` (Transformer-XL relative
 * encoding as Gopher and Chinchilla use it, Dai et al. 2019 §3.3: a per-layer projection W_R of the
 * sinusoidal position table, biases u and v, and a second score matrix Q·(W_R R)ᵀ), `t5-bias` (a
 * learned scalar bias per head and relative-position bucket added to the scores, Raffel et al. 2020 §2.1).
 */
export type AttentionPositions = "none" | "rotary" | "relative" | "t5-bias";

/** Shape and options of one multi-head (or grouped-query) attention layer. */
export interface AttentionOptions {
  name: string;
  /** Samples in the micro-batch. */
  batch: number;
  /** Query length (tokens per sample). */
  seqQ: number;
  /** Key/value length: `seqQ` for self-attention, the source length for cross-attention. */
  seqKV: number;
  hidden: number;
  heads: number;
  /** Key/value heads: `heads` for MHA, fewer for GQA, 1 for MQA (Ainslie et al. 2023). */
  kvHeads: number;
  headDim: number;
  bias: boolean;
  dropout: boolean;
  positions: AttentionPositions;
  /** Cross-attention: K and V come from the encoder output (stored once, by the encoder). */
  cross?: boolean;
  /** Parameters of the T5 relative-bias table owned by this layer (the first layer of a stack). */
  biasTableParams?: number;
  /** Bytes per activation element. */
  bytes: number;
}

/**
 * One attention layer (projections, scores, softmax, dropout, context, output projection, residual
 * dropout and add), forward costs over the micro-batch.
 *
 * FLOPs count the full s×s score matrix, causal or not, as Kaplan et al. 2020 Table 1, Narayanan et al.
 * 2021 (Megatron) and PaLM App. B do. The 1/√d scale and the causal mask are taken as fused into the
 * softmax (Megatron's fused scale-mask-softmax) and not counted separately.
 *
 * Activation bytes, e bytes per element and 1-byte masks (Korthikanti et al. 2022 §4.1, which for
 * e = 2, MHA and dropout gives exactly 11sbh + 5as²b): the projection input (sbh), Q and K (sb·(q + k)
 * with q = heads·headDim, k = kvHeads·headDim), the softmax output (as²b), the dropout mask (1 byte) and
 * output (as²b), V (sbk), the output-projection input (sbq) and the residual dropout mask (1 byte, sbh).
 * Without dropout the softmax output is the context matmul's input, so the attention core keeps as²b
 * elements only. Selective recompute (Korthikanti §5) drops the core (scores, softmax, dropout) and
 * re-runs its forward FLOPs in the backward pass.
 */
export function attentionLayer(o: AttentionOptions): LayerCost {
  const {
    batch: b,
    seqQ: sq,
    seqKV: skv,
    hidden: h,
    heads: a,
    kvHeads,
    headDim: dh,
    bias,
    dropout,
    bytes: e,
  } = o;
  const cross = o.cross ?? false;
  const q = a * dh;
  const k = kvHeads * dh;
  const rowsQ = b * sq;
  const rowsKV = b * skv;
  const scores = b * a * sq * skv;
  const ops: OpCost[] = [];
  const core: OpCost[] = [];

  let params = h * (q + 2 * k) + q * h + (bias ? q + 2 * k + h : 0);
  if (cross) {
    ops.push(linearOp({ rows: rowsQ, inFeatures: h, outFeatures: q, bias, bytes: e }));
    ops.push(linearOp({ rows: rowsKV, inFeatures: h, outFeatures: 2 * k, bias, bytes: e }));
  } else {
    ops.push(linearOp({ rows: rowsQ, inFeatures: h, outFeatures: q + 2 * k, bias, bytes: e }));
  }
  if (o.positions === "rotary") {
    ops.push(rotaryOp({ elements: rowsQ * q + rowsKV * k, flopsPerElement: ROTARY_FLOPS, bytes: e }));
  }
  core.push(batchedMatmulOp({ batch: b * a, m: sq, k: dh, n: skv, bytes: e }));
  let relativeStored = 0;
  if (o.positions === "relative") {
    // W_R (h × q) and the biases u, v (q each); W_R·R is computed once per forward, for skv positions
    params += h * q + 2 * q;
    ops.push(linearOp({ rows: skv, inFeatures: h, outFeatures: q, bytes: e }));
    ops.push(elementwiseOp({ elements: 2 * rowsQ * q, flopsPerElement: 1, inputs: 2, bytes: e }));
    core.push(batchedMatmulOp({ batch: b * a, m: sq, k: dh, n: skv, bytes: e }));
    core.push(elementwiseOp({ elements: scores, flopsPerElement: 1, inputs: 2, bytes: e }));
    relativeStored = e * skv * q;
  }
  if (o.positions === "t5-bias") {
    params += o.biasTableParams ?? 0;
    core.push(elementwiseOp({ elements: scores, flopsPerElement: 1, inputs: 2, bytes: e }));
  }
  // eager stacks scale and mask the scores in kernels of their own; fused stacks in the softmax's
  core.push(
    withEager(softmaxOp({ rows: b * a * sq, width: skv, bytes: e }), scores, eagerScaleMaskSoftmax(e)),
  );
  if (dropout) core.push(elementwiseOp({ elements: scores, flopsPerElement: DROPOUT_FLOPS, bytes: e }));
  core.push(batchedMatmulOp({ batch: b * a, m: sq, k: skv, n: dh, bytes: e }));
  ops.push(...core);
  ops.push(linearOp({ rows: rowsQ, inFeatures: q, outFeatures: h, bias, bytes: e }));
  if (dropout) ops.push(elementwiseOp({ elements: rowsQ * h, flopsPerElement: DROPOUT_FLOPS, bytes: e }));
  ops.push(elementwiseOp({ elements: rowsQ * h, flopsPerElement: 1, inputs: 2, bytes: e }));

  const projectionInput = e * rowsQ * h; // the K/V input of cross-attention is the encoder output
  const qk = e * (rowsQ * q + rowsKV * k);
  const v = e * rowsKV * k;
  const contextOut = e * rowsQ * q;
  const residualMask = dropout ? MASK_BYTES * rowsQ * h : 0;
  const coreBytes = dropout ? (2 * e + MASK_BYTES) * scores : e * scores;
  const kept = projectionInput + qk + v + contextOut + residualMask + relativeStored;
  return {
    name: o.name,
    kind: "attention",
    params,
    activeParams: params,
    embeddingParams: 0,
    ops,
    activationBytes: { none: kept + coreBytes, selective: kept, full: 0 },
    // cross-attention's K/V projection input is the encoder output, kept by the encoder: not counted
    linearInputBytes: { first: projectionInput, rest: contextOut },
    selectiveRecomputeFlops: core.reduce((s, op) => s + op.forwardFlops, 0),
  };
}
