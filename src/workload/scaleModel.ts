import { InputError } from "../units/InputError.js";
import { familyOf, type ModelSpec } from "./modelSpec.js";

/**
 * The spec at `factor` times its width, by its family's `scale` (transformers: head count at a fixed
 * head dimension; recurrent models and ViT: hidden width; ResNets: base width), depth and the other
 * fields kept (HAD19 §4 grow their models by width). A family without a width is an InputError.
 */
export function scaleModel(spec: ModelSpec, factor: number): ModelSpec {
  const scale = familyOf(spec).scale;
  if (!scale)
    throw new InputError("model", spec.family, "a family with a `hidden` or `width` field to sweep");
  return scale(spec, factor);
}
