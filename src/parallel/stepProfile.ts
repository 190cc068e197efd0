import type { ExecutionInput, Optimizer } from "../workload/execution.js";
import { familyOf, type ModelSpec, parseModelSpec } from "../workload/modelSpec.js";
import { ACTIVATION_BYTES, type Precision } from "../workload/precision.js";
import { trainingStep } from "../workload/trainingStep.js";
import { buildSegment, type Segment } from "./segment.js";

/**
 * A model's training step reduced to what a parallel layout changes, computed once per (model,
 * sequence, precision, optimizer) so that timing a layout is arithmetic on aggregates (Calculon,
 * Isaev et al. 2023, re-walks every layer per layout; this is why scalecast evaluates ~10⁵ layouts/s).
 *
 * The model is cut into the pre-pipeline segment (leading embedding layers, first stage), `blocks`
 * identical blocks (the average of the body; a block starts at each layer that keeps its input under
 * full recompute, the checkpoint units of Korthikanti et al. 2022 §5), and the head (final norm and
 * logits, last stage). Everything is per micro-batch and affine in the micro-batch size.
 */
export interface StepProfile {
  family: string;
  precision: Precision;
  seq: number;
  /** Tokens (decoders, encoders) or 1 (vision, per sample) per sample. */
  tokensPerSample: number;
  unit: "token" | "sample";
  bytesPerElement: number;
  pre: Segment;
  block: Segment;
  post: Segment;
  blocks: number;
  hidden: number | undefined;
  heads: number | undefined;
  /** Key/value heads (GQA/MQA; = heads for MHA); undefined without attention. */
  kvHeads: number | undefined;
  /** Per-head width. */
  headDim: number | undefined;
  /** Causal self-attention (decoders): fused kernels skip the masked half of the scores. */
  causal: boolean;
  experts: number;
  topK: number;
  tiedEmbeddings: boolean;
  params: { total: number; nonEmbedding: number; active: number };
  /**
   * Model FLOP per token or sample (PaLM App. B: 6N + 12·L·H·Q·T for transformers, with N the active
   * parameters; otherwise the workload's forward + backward FLOP).
   */
  modelFlopsPerUnit: number;
  weightBytesPerParam: number;
  gradientBytesPerParam: number;
  optimizerStateBytesPerParam: number;
  /** Bytes per parameter of the fused optimizer update (src/workload/optimizerCost.ts). */
  optimizerUpdateBytesPerParam: number;
  /** The optimizer (how a stack runs its step: src/parallel/optimizerTraffic.ts). */
  optimizer: Optimizer;
}

/** Options for {@link stepProfile}: the execution fields that are not part of a layout. */
export interface ProfileOptions {
  seq?: number;
  precision?: Precision;
  optimizer?: ExecutionInput["optimizer"];
  gradients?: ExecutionInput["gradients"];
}

/** Reduce `spec` to a {@link StepProfile} (two workload evaluations, at micro-batch 1 and 2). */
export function stepProfile(
  model: ModelSpec | Record<string, unknown>,
  options: ProfileOptions = {},
): StepProfile {
  const spec = parseModelSpec(model);
  const family = familyOf(spec); // (structure: the model family's contract, src/workload/family.ts)
  const { precision = "bf16", optimizer = "adamw", gradients = "same" } = options;
  const exec = {
    precision,
    optimizer,
    gradients,
    ...(options.seq !== undefined ? { seq: options.seq } : {}),
  };
  const s1 = trainingStep(spec, { ...exec, batch: 1 });
  const s2 = trainingStep(spec, { ...exec, batch: 2 });
  const seq = s1.execution.seq;
  const layers1 = s1.layers;
  const layers2 = s2.layers;
  // (structure: the family says where its blocks start and end, instead of reading layer kinds)
  const bounds = family.boundaries(spec);
  const first = bounds.pre;
  const last = layers1.length - bounds.post;
  const body1 = layers1.slice(first, last);
  const units = body1.filter((l) => l.activationBytes.full > 0).length;
  const blocks = Math.max(1, units);
  const shape = family.shape(spec); // (structure: typed fields instead of num(spec, "heads"))
  const { heads, hidden } = shape;
  const tokensPerSample = s1.forward.unit === "token" ? seq : 1;
  const ctx = {
    bytesPerElement: ACTIVATION_BYTES[precision],
    hidden,
    heads,
    seq,
    dropout: shape.dropout,
    tokensPerSample,
  };
  const pre = buildSegment(layers1.slice(0, first), layers2.slice(0, first), ctx);
  const block = buildSegment(body1, layers2.slice(first, last), ctx, 1 / blocks);
  const post = buildSegment(layers1.slice(last), layers2.slice(last), ctx);
  // (structure: each family's MFU numerator; PaLM's 6N + 12·L·H·Q·T for the transformers that publish it)
  const modelFlopsPerUnit = family.modelFlopsPerUnit
    ? family.modelFlopsPerUnit(spec, { seq, activeParams: s1.params.active })
    : s1.step.flops / (s1.forward.flops / s1.forward.flopsPerSample);
  const params = s1.params.total;
  return {
    family: spec.family,
    precision,
    seq,
    tokensPerSample,
    unit: s1.forward.unit,
    bytesPerElement: ctx.bytesPerElement,
    pre,
    block,
    post,
    blocks,
    hidden,
    heads,
    kvHeads: shape.kvHeads,
    headDim: shape.headDim,
    causal: shape.causal,
    experts: shape.experts,
    topK: shape.topK,
    tiedEmbeddings: shape.tiedEmbeddings,
    params: s1.params,
    modelFlopsPerUnit,
    weightBytesPerParam: s1.memory.weights / params,
    gradientBytesPerParam: s1.memory.gradients / params,
    optimizerStateBytesPerParam: s1.optimizer.stateBytesPerParam,
    optimizerUpdateBytesPerParam: s1.optimizer.bytesAccessed / params,
    optimizer,
  };
}
