import type { z } from "zod";
import type { LayerCost } from "./layerCost.js";

/** The shape of one forward pass: samples in the micro-batch, tokens per sample, bytes per activation. */
export interface WorkloadShape {
  /** Samples (sequences or images) in the micro-batch. */
  batch: number;
  /** Tokens per sample for sequence models (ignored by image models). */
  seq: number;
  /** Bytes per activation and working-weight element (4 for fp32/tf32, 2 for bf16/fp16/fp8). */
  bytes: number;
}

/**
 * What a parallel layout needs to know of a model beyond its layers' costs: the width and head count
 * that tensor parallelism splits (undefined where the family has none), the experts that expert
 * parallelism spreads, and the embedding and dropout facts the memory model reads.
 */
export interface ModelShape {
  /** Model width (d_model, or the recurrent cells); undefined for convolutional families. */
  hidden: number | undefined;
  /** Attention heads; undefined for families without multi-head attention. */
  heads: number | undefined;
  /** Key/value heads (fewer than `heads` for GQA, 1 for MQA); undefined without attention. */
  kvHeads: number | undefined;
  /** Width of one attention head; undefined without attention. */
  headDim: number | undefined;
  /** Causal self-attention (decoders): fused kernels skip the masked half of the scores. */
  causal: boolean;
  /** Experts per MoE layer; 1 for dense models. */
  experts: number;
  /** Experts each token is routed to; 1 for dense models. */
  topK: number;
  /** Input embedding shared with the output layer. */
  tiedEmbeddings: boolean;
  /** Dropout masks kept for the backward pass in the transformer blocks (Korthikanti et al. 2022 §4). */
  dropout: boolean;
}

/** The shape of a dense model without attention or a width the layouts split (convolutional networks). */
export const NO_ATTENTION_SHAPE: ModelShape = Object.freeze({
  hidden: undefined,
  heads: undefined,
  kvHeads: undefined,
  headDim: undefined,
  causal: false,
  experts: 1,
  topK: 1,
  tiedEmbeddings: false,
  dropout: false,
});

/**
 * Where the repeated blocks of a family's layer list (`layers()`) start and end: `pre` layers before the
 * first block (embeddings), `post` layers after the last (final norm, logits, heads). Between them, every
 * layer that opens a checkpoint unit (it keeps its input under full recompute) starts a block; a pipeline
 * cuts only between blocks (Narayanan et al. 2021 §2.2).
 */
export interface BlockBoundaries {
  pre: number;
  post: number;
}

/**
 * A model family: a zod schema for its spec (omitted fields take documented defaults), the per-layer
 * costs of one forward pass, and what the rest of the chain asks of a model (its shape for the
 * parallel layouts, its block boundaries, how to scale its width, its model FLOP for MFU). Pure
 * functions of plain data. Registered in `WORKLOAD_FAMILIES` (modelSpec.ts); see CONTRIBUTING.md,
 * "Adding a model family".
 */
export interface WorkloadFamily<Spec extends { family: string } = { family: string }> {
  /** The `family` field of its specs. */
  readonly name: Spec["family"];
  /** One schema; the spec type is its output. */
  readonly schema: z.ZodType<Spec>;
  /** What `forward.flopsPerSample` is per: a token (sequence models) or a sample (images). */
  readonly unit: "token" | "sample";
  /** Tokens per sample the spec trains on by default (its `seq`; 1 for image models). */
  defaultSeq(spec: Spec): number;
  /** Per-layer costs of one forward pass over the micro-batch. */
  layers(spec: Spec, shape: WorkloadShape): LayerCost[];
  /** Width, heads, experts and the embedding and dropout facts the parallel layouts read. */
  shape(spec: Spec): ModelShape;
  /** Layers of `layers()` before the first and after the last repeated block. */
  boundaries(spec: Spec): BlockBoundaries;
  /**
   * The spec at `factor` times its width, depth and the other fields kept (HAD19 §4 grow models by
   * width): used to shape a template to a parameter count and by the first-order sweep. Absent for
   * families without a width to scale.
   */
  scale?(spec: Spec, factor: number): Spec;
  /**
   * Model FLOP per token (sequence models) or sample (images) of one training step, the numerator of MFU
   * (Chowdhery et al. 2022 App. B), given the tokens per sample and the active parameters. Absent: the
   * workload's own forward + backward FLOP without recompute.
   */
  modelFlopsPerUnit?(spec: Spec, o: { seq: number; activeParams: number }): number;
  /** Decoder KV cache, bytes per token of context for inference (absent for families without one). */
  kvCacheBytesPerToken?(spec: Spec, bytes: number): number;
}
