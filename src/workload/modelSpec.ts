import { InputError } from "../units/InputError.js";
import { layersFamily } from "./conv/layersFamily.js";
import { resnetFamily } from "./conv/resnet.js";
import { vggFamily } from "./conv/vgg.js";
import type { WorkloadFamily } from "./family.js";
import { mixerFamily } from "./mixer/mixer.js";
import { lstmLmFamily } from "./recurrent/lstmLm.js";
import { rhnLmFamily } from "./recurrent/rhnLm.js";
import { seq2seqFamily } from "./recurrent/seq2seq.js";
import { speechFamily } from "./recurrent/speech.js";
import { decoderFamily } from "./transformer/decoderFamily.js";
import { encoderDecoderFamily } from "./transformer/encoderDecoderFamily.js";
import { encoderFamily } from "./transformer/encoderFamily.js";
import { vitFamily } from "./vit/vit.js";
import { parseOrThrow } from "./zodInputError.js";

/**
 * Every model family, by the `family` field of a spec: the one registry. The spec union, the family
 * names and the `family` check of {@link parseModelSpec} are derived from it; adding a family is its
 * file plus one line here (see CONTRIBUTING.md, "Adding a model family").
 */
export const WORKLOAD_FAMILIES = {
  decoder: decoderFamily,
  encoder: encoderFamily,
  "encoder-decoder": encoderDecoderFamily,
  "lstm-lm": lstmLmFamily,
  "rhn-lm": rhnLmFamily,
  seq2seq: seq2seqFamily,
  speech: speechFamily,
  resnet: resnetFamily,
  vgg: vggFamily,
  vit: vitFamily,
  layers: layersFamily,
  mixer: mixerFamily,
} as const;

/** Names of the model families (the `family` field of a spec file). */
export type ModelFamilyName = keyof typeof WORKLOAD_FAMILIES;

type SpecOf<F> = F extends WorkloadFamily<infer S> ? S : never;

/**
 * A validated model spec of any family (defaults filled in): a union discriminated by `family`, each
 * member its family schema's output, so code reads typed fields after checking `spec.family`.
 */
export type ModelSpec = { [K in ModelFamilyName]: SpecOf<(typeof WORKLOAD_FAMILIES)[K]> }[ModelFamilyName];

/**
 * A family by name. (TypeScript cannot relate a registry entry to the union member it parses, so the
 * entry is widened here, in this one place, to a family of any spec.)
 */
export function familyNamed(name: ModelFamilyName): WorkloadFamily<ModelSpec> {
  return WORKLOAD_FAMILIES[name] as unknown as WorkloadFamily<ModelSpec>;
}

/** The family of a validated spec; see {@link familyNamed}. */
export function familyOf(spec: ModelSpec): WorkloadFamily<ModelSpec> {
  return familyNamed(spec.family);
}

/** Whether a string names a registered model family. */
export function isModelFamilyName(name: unknown): name is ModelFamilyName {
  return typeof name === "string" && Object.hasOwn(WORKLOAD_FAMILIES, name);
}

/**
 * Validate a model spec (JSON as a user writes it): pick the family by its `family` field, then parse
 * with that family's schema so that omitted fields take their documented defaults. Bad input is an
 * InputError naming the field, the value and what was expected.
 */
export function parseModelSpec(input: unknown, where = "model"): ModelSpec {
  if (input === null || typeof input !== "object" || Array.isArray(input))
    throw new InputError(where, input, 'a JSON object such as {"family": "decoder", "layers": 48, ...}');
  const family = (input as { family?: unknown }).family;
  if (!isModelFamilyName(family))
    throw new InputError(`${where}.family`, family, `one of ${Object.keys(WORKLOAD_FAMILIES).join(", ")}`);
  return parseOrThrow(familyNamed(family).schema, input, where);
}
