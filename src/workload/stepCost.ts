import type { ExecutionSpec } from "./execution.js";
import type { ModelFamilyName } from "./modelSpec.js";
import type { LayerCost, LayerKind, OpKind } from "./layerCost.js";

/** Costs of one layer in a training step, as reported per layer (`byLayer`). */
export interface LayerReport {
  name: string;
  kind: LayerKind;
  params: number;
  /** Forward FLOP over the micro-batch. */
  forwardFlops: number;
  /** Forward + backward FLOP (model FLOP, no recompute). */
  flops: number;
  /** Bytes read and written, forward and backward. */
  bytesAccessed: number;
  /** Activation bytes kept for backward under the chosen recompute policy. */
  activations: number;
}

/** FLOP and bytes by kind of operation over a step. */
export interface OpKindReport {
  kind: OpKind;
  forwardFlops: number;
  backwardFlops: number;
  bytesAccessed: number;
}

/**
 * What one training step costs: the JSON of `scalecast workload` (keys as in the issue). FLOP count a
 * multiply-accumulate as 2; bytes are algorithmic bytes at the execution's precision.
 */
export interface StepCost {
  family: ModelFamilyName;
  execution: ExecutionSpec & { seq: number };
  params: { total: number; nonEmbedding: number; active: number };
  forward: {
    /** Forward FLOP per `unit`. */
    flopsPerSample: number;
    unit: "token" | "sample";
    /** Forward FLOP of the whole micro-batch. */
    flops: number;
  };
  step: {
    /** Model FLOP: forward + backward (input and weight gradients), no recompute. */
    flops: number;
    /** Hardware FLOP: model FLOP plus the forward work recompute repeats. */
    hardwareFlops: number;
    /** Bytes read and written by forward, backward, recompute and the optimizer update. */
    bytesAccessed: number;
    /** hardwareFlops / bytesAccessed, FLOP per byte. */
    operationalIntensity: number;
    /** Backward FLOP split into input and weight gradients. */
    backwardInputFlops: number;
    backwardWeightFlops: number;
  };
  optimizer: { flops: number; bytesAccessed: number; stateBytesPerParam: number };
  memory: {
    weights: number;
    gradients: number;
    optimizer: number;
    activations: number;
    buffers: number;
    total: number;
  };
  byLayer: LayerReport[];
  byOp: OpKindReport[];
  /** The raw layer costs (for downstream timing models). */
  layers: LayerCost[];
}
