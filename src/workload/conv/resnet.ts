import { NO_ATTENTION_SHAPE, type WorkloadFamily, type WorkloadShape } from "../family.js";
import type { LayerCost } from "../layerCost.js";
import { activation, adaptiveAvgPool, add, batchNorm, conv, linear, pool } from "./modules.js";
import { NetBuilder, type Tensor } from "./netBuilder.js";
import { type ResNetSpec, ResNetSpecSchema, resnetArchitecture } from "./resnetSpec.js";
import { scaleBaseWidth } from "../scaleWidth.js";

/** Field that an impossible shape inside the network is reported against: the image is too small. */
const FIELD = "image";

interface BlockOptions {
  name: string;
  planes: number;
  stride: number;
  groups: number;
  widthPerGroup: number;
}

/** Downsample path (1×1 conv with the block's stride + BN) when the shape changes, else the identity. */
function shortcut(b: NetBuilder, x: Tensor, o: { name: string; out: number; stride: number }): Tensor {
  if (o.stride === 1 && x.shape[0] === o.out) return x;
  const d = b.layer(
    `${o.name}.downsample.0`,
    "conv",
    conv(b, x, { out: o.out, kernel: 1, stride: o.stride }, FIELD),
  );
  return b.layer(`${o.name}.downsample.1`, "norm", batchNorm(b, d));
}

/** torchvision BasicBlock (expansion 1): 3×3 (stride) → BN → ReLU → 3×3 → BN, + shortcut, ReLU. */
function basicBlock(b: NetBuilder, x: Tensor, o: BlockOptions): Tensor {
  const { name, planes, stride } = o;
  b.unit(x);
  let y = b.layer(`${name}.conv1`, "conv", conv(b, x, { out: planes, kernel: 3, stride, padding: 1 }, FIELD));
  y = b.layer(`${name}.bn1`, "norm", batchNorm(b, y));
  y = b.layer(`${name}.relu`, "other", activation(b, y, "relu"));
  y = b.layer(`${name}.conv2`, "conv", conv(b, y, { out: planes, kernel: 3, padding: 1 }, FIELD));
  y = b.layer(`${name}.bn2`, "norm", batchNorm(b, y));
  const identity = shortcut(b, x, { name, out: planes, stride });
  y = b.layer(`${name}.add`, "other", add(b, y, identity));
  return b.layer(`${name}.relu_1`, "other", activation(b, y, "relu"));
}

/**
 * torchvision Bottleneck (expansion 4, ResNet v1.5): 1×1 → BN → ReLU → 3×3 (stride, groups) → BN → ReLU →
 * 1×1 (4·planes) → BN, + shortcut, ReLU. Inner width ⌊planes·widthPerGroup/64⌋·groups.
 */
function bottleneck(b: NetBuilder, x: Tensor, o: BlockOptions): Tensor {
  const { name, planes, stride, groups } = o;
  const inner = Math.floor((planes * o.widthPerGroup) / 64) * groups;
  b.unit(x);
  let y = b.layer(`${name}.conv1`, "conv", conv(b, x, { out: inner, kernel: 1 }, FIELD));
  y = b.layer(`${name}.bn1`, "norm", batchNorm(b, y));
  y = b.layer(`${name}.relu`, "other", activation(b, y, "relu"));
  y = b.layer(
    `${name}.conv2`,
    "conv",
    conv(b, y, { out: inner, kernel: 3, stride, padding: 1, groups }, FIELD),
  );
  y = b.layer(`${name}.bn2`, "norm", batchNorm(b, y));
  y = b.layer(`${name}.relu_1`, "other", activation(b, y, "relu"));
  y = b.layer(`${name}.conv3`, "conv", conv(b, y, { out: 4 * planes, kernel: 1 }, FIELD));
  y = b.layer(`${name}.bn3`, "norm", batchNorm(b, y));
  const identity = shortcut(b, x, { name, out: 4 * planes, stride });
  y = b.layer(`${name}.add`, "other", add(b, y, identity));
  return b.layer(`${name}.relu_2`, "other", activation(b, y, "relu"));
}

/**
 * Per-layer costs of a ResNet forward pass, one layer per torchvision module (conv1, bn1, relu, maxpool,
 * layer1.0.conv1, …, layer1.0.downsample.0, avgpool, fc); the residual add is `layerN.i.add` and repeated
 * ReLUs are `relu_1`, `relu_2` (torch.fx's names). Checkpoint units for full recompute: the stem, each
 * residual block, the avgpool and the fc.
 */
export function resnetLayers(spec: ResNetSpec, shape: WorkloadShape): LayerCost[] {
  const { blocks, block } = resnetArchitecture(spec);
  const b = new NetBuilder(shape);
  let x = b.tensor([spec.channels, spec.image, spec.image]);
  b.unit(x);
  x = b.layer("conv1", "conv", conv(b, x, { out: spec.width, kernel: 7, stride: 2, padding: 3 }, FIELD));
  x = b.layer("bn1", "norm", batchNorm(b, x));
  x = b.layer("relu", "other", activation(b, x, "relu"));
  x = b.layer("maxpool", "pool", pool(b, x, "max", { kernel: 3, stride: 2, padding: 1 }, FIELD));
  const makeBlock = block === "basic" ? basicBlock : bottleneck;
  blocks.forEach((n, stage) => {
    for (let i = 0; i < n; i++)
      x = makeBlock(b, x, {
        name: `layer${stage + 1}.${i}`,
        planes: spec.width * 2 ** stage,
        stride: i === 0 && stage > 0 ? 2 : 1,
        groups: spec.groups,
        widthPerGroup: spec.widthPerGroup,
      });
  });
  b.unit(x);
  x = b.layer("avgpool", "pool", adaptiveAvgPool(b, x, 1, FIELD));
  x = b.view(x, [x.shape[0]!]);
  b.unit(x);
  b.layer("fc", "linear", linear(b, x, { out: spec.classes, bias: true }));
  return b.build();
}

/**
 * The `resnet` family (He et al. 2016; torchvision's ResNet v1.5, ResNeXt and Wide ResNet): image
 * models, so FLOP are per sample and `seq` is 1.
 */
export const resnetFamily: WorkloadFamily<ResNetSpec> = {
  name: "resnet",
  schema: ResNetSpecSchema,
  unit: "sample",
  defaultSeq: () => 1,
  shape: () => NO_ATTENTION_SHAPE,
  // every checkpoint unit (stem, residual blocks, avgpool, fc) is a block: the stem and head are small
  boundaries: () => ({ pre: 0, post: 0 }),
  scale: scaleBaseWidth,
  layers: resnetLayers,
};
