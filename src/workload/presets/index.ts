import { InputError } from "../../units/InputError.js";
import { parseModelSpec, type ModelSpec } from "../modelSpec.js";
import { HAD19_WORKLOAD_PRESETS } from "./had19.js";
import { MIXER_PRESETS } from "./mixer.js";
import { TRANSFORMER_PRESETS } from "./transformers.js";
import { VISION_PRESETS } from "./vision.js";

/** A model preset: name, validated spec (defaults filled in) and the source of its numbers. */
export interface ModelPreset {
  name: string;
  spec: ModelSpec;
  source: string;
}

/** Every model preset, each validated once at load. */
export const MODEL_PRESETS: readonly ModelPreset[] = [
  ...TRANSFORMER_PRESETS,
  ...HAD19_WORKLOAD_PRESETS,
  ...VISION_PRESETS,
  ...MIXER_PRESETS,
].map((p) => ({ name: p.name, spec: parseModelSpec(p.spec, p.name), source: p.source }));

/** Look up a model preset; an unknown name is an InputError listing the known ones. */
export function modelPreset(name: string): ModelPreset {
  const found = MODEL_PRESETS.find((p) => p.name === name);
  if (!found)
    throw new InputError(
      "model",
      name,
      `a preset (${MODEL_PRESETS.map((p) => p.name).join(", ")}) or a .json spec`,
    );
  return found;
}
