import { InputError } from "../units/InputError.js";
import { type ModelSpec, parseModelSpec } from "../workload/modelSpec.js";
import { MODEL_PRESETS, modelPreset } from "../workload/presets/index.js";
import type { DecoderSpec } from "../workload/transformer/decoderSpec.js";
import { trainingStep } from "../workload/trainingStep.js";
import type { CorpusCase } from "./corpusCase.js";

/**
 * The validated model spec of a corpus case: a preset name (`scalecast workload --list`) or a spec object
 * parsed by its family's schema (defaults filled in).
 *
 * @throws InputError naming the case when the preset is unknown or the spec does not validate.
 */
export function corpusModelSpec(c: Pick<CorpusCase, "name" | "model">): ModelSpec {
  if (typeof c.model === "string") {
    if (!MODEL_PRESETS.some((p) => p.name === c.model)) modelPreset(c.model); // throws, listing the presets
    return modelPreset(c.model).spec;
  }
  return parseModelSpec(c.model, `corpus case ${c.name}: model`);
}

/** The decoder spec of a case whose FLOP convention needs a decoder's shape; an InputError otherwise. */
export function corpusDecoderSpec(c: Pick<CorpusCase, "name" | "model">, why: string): DecoderSpec {
  const spec = corpusModelSpec(c);
  if (spec.family !== "decoder")
    throw new InputError(`corpus case ${c.name}: model.family`, spec.family, `"decoder" for ${why}`);
  return spec as unknown as DecoderSpec;
}

/** Parameter counts of a case's model at its sequence length (the workload code's own accounting). */
export interface CorpusParams {
  /** All parameters (every expert for MoE). */
  total: number;
  /** Parameters a token passes through (MoE: router, top-k and shared experts), embeddings included. */
  active: number;
  /** Token, position, token-type and untied output tables. */
  embedding: number;
}

/**
 * Parameter counts of a case's model from the workload code (`trainingStep` of one one-token sample:
 * parameters do not depend on the step's sequence length, a learned position table being sized by the
 * spec's own `seq`, and one token is the cheapest step to cost).
 */
export function corpusParams(c: Pick<CorpusCase, "name" | "model">): CorpusParams {
  const step = trainingStep(corpusModelSpec(c), { batch: 1, seq: 1 });
  return {
    total: step.params.total,
    active: step.params.active,
    embedding: step.params.total - step.params.nonEmbedding,
  };
}
