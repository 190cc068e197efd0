import { conv, dropout, layerNorm, linear } from "../conv/modules.js";
import { NetBuilder, type Part } from "../conv/netBuilder.js";
import type { WorkloadFamily, WorkloadShape } from "../family.js";
import type { LayerCost } from "../layerCost.js";
import { elementwiseOp } from "../ops.js";
import { addOp } from "../conv/activationOps.js";
import { encoderBlock } from "./vitBlock.js";
import { type VitSpec, VitSpecSchema, vitGeometry } from "./vitSpec.js";
import { scaleHidden } from "../scaleWidth.js";

/**
 * Per-layer costs of a ViT forward pass with torchvision's module names: `conv_proj` (patch embedding,
 * a p×p/p conv with bias), `class_token` (concatenation, counted as a copy), `encoder.pos_embedding`
 * (broadcast add), `encoder.dropout` (when dropout > 0), `encoder.layers.encoder_layer_i.{ln_1,
 * self_attention, ln_2, mlp}`, `encoder.ln`, `heads.head`. The class token and position embedding are
 * embedding parameters. The head reads the class token's row only (its saved input is counted as that
 * row, though PyTorch's saved slice keeps the whole LayerNorm output alive). Checkpoint units: the
 * embeddings, each encoder block, the final LayerNorm, the head.
 */
export function vitLayers(spec: VitSpec, shape: WorkloadShape): LayerCost[] {
  const { tokens, mlp } = vitGeometry(spec);
  const h = spec.hidden;
  const b = new NetBuilder(shape);
  const image = b.tensor([spec.channels, spec.image, spec.image]);
  b.unit(image);
  // the patch grid [h, side, side] is flattened to [side², h] tokens (a view) and the class token prepended
  b.layer(
    "conv_proj",
    "conv",
    conv(b, image, { out: h, kernel: spec.patch, stride: spec.patch, bias: true }, "image"),
  );
  const withClass = b.tensor([tokens, h]);
  const concat: Part = {
    ops: [
      elementwiseOp({
        elements: b.elements(withClass),
        flopsPerElement: 0,
        bytes: b.bytes,
        backwardFlopsPerElement: 0,
      }),
    ],
    params: h,
    embeddingParams: h,
    saved: [],
    out: withClass,
  };
  let x = b.layer("class_token", "embedding", concat);
  const pos: Part = {
    ops: [addOp({ elements: b.elements(x), bytes: b.bytes })],
    params: tokens * h,
    embeddingParams: tokens * h,
    saved: [],
    out: b.tensor([tokens, h]),
  };
  x = b.layer("encoder.pos_embedding", "embedding", pos);
  if (spec.dropout > 0) x = b.layer("encoder.dropout", "other", dropout(b, x));
  for (let i = 0; i < spec.layers; i++)
    x = encoderBlock(b, x, {
      name: `encoder.layers.encoder_layer_${i}`,
      heads: spec.heads,
      mlp,
      dropout: spec.dropout,
      attentionDropout: spec.attentionDropout,
    });
  b.unit(x);
  x = b.layer("encoder.ln", "norm", layerNorm(b, x));
  const classRow = b.tensor([h]);
  b.unit(classRow);
  b.layer("heads.head", "linear", linear(b, classRow, { out: spec.classes, bias: true }));
  return b.build();
}

/**
 * The `vit` family (Dosovitskiy et al. 2021; torchvision vit_b_16 … vit_h_14). FLOP are per sample
 * (image); `defaultSeq` reports the tokens per image, (image/patch)² + 1, for information only: the
 * layers take the token count from the spec, not from `WorkloadShape.seq`.
 */
export const vitFamily: WorkloadFamily<VitSpec> = {
  name: "vit",
  schema: VitSpecSchema,
  unit: "sample",
  defaultSeq: (spec) => vitGeometry(spec).tokens,
  // dropout is a probability here; its masks are counted in the layers themselves
  shape: (spec) => ({
    hidden: spec.hidden,
    heads: spec.heads,
    kvHeads: spec.heads,
    headDim: spec.hidden / spec.heads,
    causal: false,
    experts: 1,
    topK: 1,
    tiedEmbeddings: false,
    dropout: false,
  }),
  // every checkpoint unit (embeddings, encoder blocks, final norm, head) is a block
  boundaries: () => ({ pre: 0, post: 0 }),
  scale: scaleHidden,
  layers: vitLayers,
};
