import { z } from "zod";
import { InputError } from "../../units/InputError.js";
import { NO_ATTENTION_SHAPE, type WorkloadFamily, type WorkloadShape } from "../family.js";
import type { LayerCost } from "../layerCost.js";
import { activation, adaptiveAvgPool, batchNorm, conv, dropout, linear, pool } from "./modules.js";
import { NetBuilder } from "./netBuilder.js";
import { widthCount } from "../dimensions.js";

/**
 * A VGG net (Simonyan & Zisserman 2015, Table 1, configurations A, B, D, E = depth 11, 13, 16, 19) as
 * torchvision builds it: 3×3 convs with bias (padding 1), 2×2 max pools, adaptive average pool to 7×7,
 * classifier Linear(512·7·7, 4096) → ReLU → Dropout → Linear(4096, 4096) → ReLU → Dropout →
 * Linear(4096, classes). Defaults: depth 16, batchNorm false, classes 1000, image 224, channels 3,
 * dropout 0.5 (torchvision's).
 */
export const VggSpecSchema = z.strictObject({
  family: z.literal("vgg"),
  depth: z.literal([11, 13, 16, 19]).default(16),
  /** torchvision's vgg*_bn: BatchNorm after every conv. */
  batchNorm: z.boolean().default(false),
  classes: widthCount.default(1000),
  image: widthCount.default(224),
  channels: widthCount.default(3),
  /** Classifier dropout probability; 0 leaves the dropout layers out. */
  dropout: z.number().min(0).lt(1).default(0.5),
});

/** A VGG spec with defaults applied. */
export type VggSpec = z.infer<typeof VggSpecSchema>;

/** torchvision's `cfgs` (A, B, D, E): conv output channels, "M" a 2×2/2 max pool. */
export const VGG_CONFIGS: Readonly<Record<11 | 13 | 16 | 19, readonly (number | "M")[]>> = {
  11: [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
  13: [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
  16: [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"],
  19: [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"],
};

/**
 * Per-layer costs of a VGG forward pass, one layer per torchvision module (features.0, features.1, …,
 * avgpool, classifier.0 … classifier.6). Checkpoint units for full recompute: each conv stack up to and
 * including its max pool, the avgpool, and each Linear with its ReLU and Dropout.
 */
export function vggLayers(spec: VggSpec, shape: WorkloadShape): LayerCost[] {
  if (spec.image < 32)
    throw new InputError("image", spec.image, "at least 32 pixels (VGG halves the image five times)");
  const b = new NetBuilder(shape);
  let x = b.tensor([spec.channels, spec.image, spec.image]);
  let index = 0;
  let stackStart = true;
  for (const v of VGG_CONFIGS[spec.depth]) {
    if (stackStart) b.unit(x);
    stackStart = false;
    if (v === "M") {
      x = b.layer(`features.${index++}`, "pool", pool(b, x, "max", { kernel: 2, stride: 2 }, "image"));
      stackStart = true;
      continue;
    }
    x = b.layer(
      `features.${index++}`,
      "conv",
      conv(b, x, { out: v, kernel: 3, padding: 1, bias: true }, "image"),
    );
    if (spec.batchNorm) x = b.layer(`features.${index++}`, "norm", batchNorm(b, x));
    x = b.layer(`features.${index++}`, "other", activation(b, x, "relu"));
  }
  b.unit(x);
  x = b.layer("avgpool", "pool", adaptiveAvgPool(b, x, 7, "image"));
  x = b.view(x, [x.shape.reduce((p, d) => p * d, 1)]);
  const widths = [4096, 4096, spec.classes];
  widths.forEach((out, i) => {
    b.unit(x);
    x = b.layer(`classifier.${3 * i}`, "linear", linear(b, x, { out, bias: true }));
    if (i === widths.length - 1) return;
    x = b.layer(`classifier.${3 * i + 1}`, "other", activation(b, x, "relu"));
    if (spec.dropout > 0) x = b.layer(`classifier.${3 * i + 2}`, "other", dropout(b, x));
  });
  return b.build();
}

/** The `vgg` family (Simonyan & Zisserman 2015; torchvision vgg11 … vgg19_bn): per sample, `seq` 1. */
export const vggFamily: WorkloadFamily<VggSpec> = {
  name: "vgg",
  schema: VggSpecSchema,
  unit: "sample",
  defaultSeq: () => 1,
  shape: () => NO_ATTENTION_SHAPE,
  // every checkpoint unit (conv stages, avgpool, classifier linears) is a block
  boundaries: () => ({ pre: 0, post: 0 }),
  layers: vggLayers,
};
