import { assembleStep, weightBytesPerParam } from "./assembleStep.js";
import { type ExecutionInput, ExecutionSchema, type ExecutionSpec } from "./execution.js";
import { type InferenceCost, inferenceCost } from "./inferenceCost.js";
import { familyOf, type ModelSpec, parseModelSpec } from "./modelSpec.js";
import { ACTIVATION_BYTES, type Precision } from "./precision.js";
import type { StepCost } from "./stepCost.js";
import { parseOrThrow } from "./zodInputError.js";

function resolve(model: unknown, execution: ExecutionInput) {
  const spec = parseModelSpec(model);
  const exec: ExecutionSpec = parseOrThrow(ExecutionSchema, execution, "execution");
  const family = familyOf(spec);
  const seq = exec.seq ?? family.defaultSeq(spec);
  const bytes = ACTIVATION_BYTES[exec.precision as Precision];
  const layers = family.layers(spec, { batch: exec.batch, seq, bytes });
  return { spec, exec: { ...exec, seq }, family, layers, bytes };
}

/**
 * What one training step of `model` costs under `execution` (batch, precision, optimizer, recompute):
 * parameters, model and hardware FLOP, bytes accessed, operational intensity, memory footprint
 * (weights + gradients + optimizer state + activations + buffers), the optimizer update, and every
 * layer. The model is a spec object (validated here, defaults filled in); see {@link assembleStep}
 * for the accounting and its sources.
 */
export function trainingStep(
  model: ModelSpec | Record<string, unknown>,
  execution: ExecutionInput = {},
): StepCost {
  const { spec, exec, family, layers } = resolve(model, execution);
  return assembleStep(spec.family, family.unit, layers, exec);
}

/** Forward-only inference of a micro-batch: FLOP and memory with the KV cache (decoders). */
export function inferenceStep(
  model: ModelSpec | Record<string, unknown>,
  execution: ExecutionInput = {},
): InferenceCost & { unit: "token" | "sample" } {
  const { spec, exec, family, layers, bytes } = resolve(model, execution);
  const units = exec.batch * (family.unit === "token" ? exec.seq : 1);
  const cost = inferenceCost({
    layers,
    unitsPerBatch: units,
    weightBytesPerParam: weightBytesPerParam(exec.precision as Precision),
    kvCacheBytesPerToken: family.kvCacheBytesPerToken ? family.kvCacheBytesPerToken(spec, bytes) : 0,
    tokens: exec.batch * exec.seq,
  });
  return { ...cost, unit: family.unit };
}
