import { z } from "zod";
import { InputError } from "../../units/InputError.js";
import { layerCount, widthCount } from "../dimensions.js";

const probability = z.number().min(0).lt(1);

/**
 * A Vision Transformer (Dosovitskiy et al. 2021, "An image is worth 16x16 words", Table 1) as torchvision
 * builds it (torchvision/models/vision_transformer.py): patch embedding conv, class token, learned position
 * embedding, pre-LN encoder blocks, final LayerNorm, linear head. Defaults are ViT-B/16: patch 16, image
 * 224, layers 12, hidden 768, heads 12, mlp 4·hidden, classes 1000, channels 3, and torchvision's
 * dropout 0 and attentionDropout 0.
 */
export const VitSpecSchema = z
  .strictObject({
    family: z.literal("vit"),
    patch: widthCount.default(16),
    image: widthCount.default(224),
    layers: layerCount.default(12),
    hidden: widthCount.default(768),
    heads: widthCount.default(12),
    /** MLP width; default 4·hidden. */
    mlp: widthCount.optional(),
    classes: widthCount.default(1000),
    channels: widthCount.default(3),
    /** Dropout after the embeddings, the attention projection and both MLP linears. */
    dropout: probability.default(0),
    /** Dropout on the attention probabilities (the attention core). */
    attentionDropout: probability.default(0),
  })
  .superRefine((spec, ctx) => {
    const problem = geometryProblem(spec);
    if (problem) ctx.addIssue({ code: "custom", message: problem.message, path: [problem.field] });
  });

/** A ViT spec with defaults applied. */
export type VitSpec = z.infer<typeof VitSpecSchema>;

type GeometryFields = Pick<VitSpec, "patch" | "image" | "hidden" | "heads">;

function geometryProblem(spec: GeometryFields): InputError | undefined {
  if (spec.image % spec.patch !== 0)
    return new InputError(
      "image",
      spec.image,
      `a multiple of the patch size ${spec.patch} (torchvision asserts it)`,
    );
  if (spec.hidden % spec.heads !== 0)
    return new InputError("heads", spec.heads, `a divisor of hidden ${spec.hidden}`);
  return undefined;
}

/** Patches per side, tokens per image ((image/patch)² + 1 with the class token), head size and MLP width. */
export function vitGeometry(spec: VitSpec): { side: number; tokens: number; headDim: number; mlp: number } {
  const problem = geometryProblem(spec);
  if (problem) throw problem;
  const side = spec.image / spec.patch;
  return {
    side,
    tokens: side * side + 1,
    headDim: spec.hidden / spec.heads,
    mlp: spec.mlp ?? 4 * spec.hidden,
  };
}
