import type { ExecutionSpec } from "./execution.js";
import type { ModelFamilyName } from "./modelSpec.js";
import { type LayerCost, layerBytes, layerFlops, type OpKind } from "./layerCost.js";
import { isMixed, optimizerCost } from "./optimizerCost.js";
import type { Precision } from "./precision.js";
import type { OpKindReport, StepCost } from "./stepCost.js";

/** Bytes per parameter of the working weights: 4 in fp32/tf32, 2 (bf16/fp16) in mixed precision. */
export function weightBytesPerParam(precision: Precision): number {
  return isMixed(precision) ? 2 : 4;
}

/**
 * Assemble a training step from per-layer forward costs (Catamount's and HAD19 §4's accounting):
 * - model FLOP = Σ forward + backward (input and weight gradients), no recompute;
 * - hardware FLOP = model FLOP + one more forward of every layer under full recompute, or of the attention
 *   core under selective recompute (Korthikanti et al. 2022 §5; PaLM App. B's HFU);
 * - memory = weights + gradients + optimizer state + activations kept for backward + buffers, where the
 *   buffers are the two largest in-flight tensors (the incoming and outgoing gradient of the largest op),
 *   plus, under full recompute, the activations of the largest checkpoint unit while it is recomputed;
 * - the optimizer update's own FLOP and bytes from {@link optimizerCost}.
 */
export function assembleStep(
  family: ModelFamilyName,
  unit: "token" | "sample",
  layers: LayerCost[],
  execution: ExecutionSpec & { seq: number },
): StepCost {
  const precision = execution.precision as Precision;
  let forward = 0;
  let backwardInput = 0;
  let backwardWeight = 0;
  let bytesAccessed = 0;
  let forwardBytes = 0;
  let total = 0;
  let embedding = 0;
  let active = 0;
  let activations = 0;
  let selectiveExtra = 0;
  let largestOutput = 0;
  // Under full recompute, the working set is the largest checkpoint unit re-run at once: a unit starts
  // at a layer that keeps its input (activationBytes.full > 0) and runs to the next such layer.
  let largestUnit = 0;
  let unitBytes = 0;
  const byKind = new Map<OpKind, OpKindReport>();
  const byLayer = layers.map((layer) => {
    const fl = layerFlops(layer);
    const by = layerBytes(layer);
    const f = fl.forward;
    const bi = fl.backwardInput;
    const bw = fl.backwardWeight;
    const bf = by.forward;
    const bb = by.backward;
    for (const op of layer.ops) {
      largestOutput = Math.max(largestOutput, op.forwardBytes.written / (op.repeats ?? 1));
      let k = byKind.get(op.kind);
      if (k === undefined) {
        k = { kind: op.kind, forwardFlops: 0, backwardFlops: 0, bytesAccessed: 0 };
        byKind.set(op.kind, k);
      }
      k.forwardFlops += op.forwardFlops;
      k.backwardFlops += op.backwardInputFlops + op.backwardWeightFlops;
      k.bytesAccessed +=
        op.forwardBytes.read + op.forwardBytes.written + op.backwardBytes.read + op.backwardBytes.written;
    }
    forward += f;
    backwardInput += bi;
    backwardWeight += bw;
    forwardBytes += bf;
    bytesAccessed += bf + bb;
    total += layer.params;
    embedding += layer.embeddingParams;
    active += layer.activeParams;
    selectiveExtra += layer.selectiveRecomputeFlops;
    const kept = layer.activationBytes[execution.recompute];
    activations += kept;
    if (layer.activationBytes.full > 0) unitBytes = 0;
    unitBytes += layer.activationBytes.none;
    largestUnit = Math.max(largestUnit, unitBytes);
    return {
      name: layer.name,
      kind: layer.kind,
      params: layer.params,
      forwardFlops: f,
      flops: f + bi + bw,
      bytesAccessed: bf + bb,
      activations: kept,
    };
  });
  const modelFlops = forward + backwardInput + backwardWeight;
  const recomputeFlops =
    execution.recompute === "full" ? forward : execution.recompute === "selective" ? selectiveExtra : 0;
  const recomputeBytes = execution.recompute === "full" ? forwardBytes : 0;
  const gradientBytes = isMixed(precision) && execution.gradients === "same" ? 2 : 4;
  const opt = optimizerCost(execution.optimizer, precision, gradientBytes);
  const optimizerFlops = opt.updateFlopsPerParam * total;
  const optimizerBytes = opt.updateBytesPerParam * total;
  const hardwareFlops = modelFlops + recomputeFlops;
  const stepBytes = bytesAccessed + recomputeBytes + optimizerBytes;
  const weights = weightBytesPerParam(precision) * total;
  const gradients = gradientBytes * total;
  const optimizer = opt.stateBytesPerParam * total;
  const buffers = 2 * largestOutput + (execution.recompute === "full" ? largestUnit : 0);
  const tokens = execution.batch * (unit === "token" ? execution.seq : 1);
  return {
    family,
    execution,
    params: { total, nonEmbedding: total - embedding, active },
    forward: { flopsPerSample: forward / tokens, unit, flops: forward },
    step: {
      flops: modelFlops,
      hardwareFlops,
      bytesAccessed: stepBytes,
      operationalIntensity: hardwareFlops / stepBytes,
      backwardInputFlops: backwardInput,
      backwardWeightFlops: backwardWeight,
    },
    optimizer: {
      flops: optimizerFlops,
      bytesAccessed: optimizerBytes,
      stateBytesPerParam: opt.stateBytesPerParam,
    },
    memory: {
      weights,
      gradients,
      optimizer,
      activations,
      buffers,
      total: weights + gradients + optimizer + activations + buffers,
    },
    byLayer,
    byOp: [...byKind.values()],
    layers,
  };
}
