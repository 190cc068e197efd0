import { z } from "zod";
import { InputError } from "../../units/InputError.js";
import { activation, add, conv, layerNorm, linear } from "../conv/modules.js";
import { NetBuilder, type Part, type Tensor } from "../conv/netBuilder.js";
import type { WorkloadFamily, WorkloadShape } from "../family.js";
import type { LayerCost } from "../layerCost.js";
import { poolOp } from "../ops.js";
import { layerCount, widthCount } from "../dimensions.js";

/**
 * An MLP-Mixer (Tolstikhin et al. 2021, "MLP-Mixer: An all-MLP Architecture for Vision", §2 and Table 1):
 * a per-patch linear embedding, `layers` Mixer blocks (a token-mixing MLP across the S patches, then a
 * channel-mixing MLP across the C channels, each after a LayerNorm and with a skip connection), a pre-head
 * LayerNorm, global average pooling and a linear head. Defaults are Mixer-B/16: patch 16, image 224,
 * layers 12, hidden C 768, tokenMlp D_S 384, channelMlp D_C 3072, classes 1000, channels 3.
 */
export const MixerSpecSchema = z
  .strictObject({
    family: z.literal("mixer"),
    patch: widthCount.default(16),
    image: widthCount.default(224),
    layers: layerCount.default(12),
    /** Hidden width C (channels per patch). */
    hidden: widthCount.default(768),
    /** Token-mixing MLP width D_S. */
    tokenMlp: widthCount.default(384),
    /** Channel-mixing MLP width D_C. */
    channelMlp: widthCount.default(3072),
    classes: widthCount.default(1000),
    channels: widthCount.default(3),
  })
  .refine((s) => s.image % s.patch === 0, {
    message: "an image size that is a multiple of patch",
    path: ["image"],
  });

/** A Mixer spec with defaults applied. */
export type MixerSpec = z.infer<typeof MixerSpecSchema>;

/** Patches per image, S = (image / patch)². */
export function mixerTokens(spec: MixerSpec): number {
  if (spec.image % spec.patch !== 0)
    throw new InputError("image", spec.image, `a multiple of the patch size ${spec.patch}`);
  return (spec.image / spec.patch) ** 2;
}

/**
 * LayerNorm over the channels of `x` [S, C], then Linear → GELU → Linear on the last axis of
 * `mixed(norm)` (the transpose [C, S] for token mixing, the tokens themselves for channel mixing), back
 * to [S, C] by the same map, plus the skip connection from `x`.
 */
function mlpBlock(b: NetBuilder, x: Tensor, width: number, mixed: (t: Tensor) => Tensor): Part[] {
  const parts: Part[] = [layerNorm(b, x)];
  const input = mixed(parts[0]!.out);
  parts.push(linear(b, input, { out: width }));
  parts.push(activation(b, parts[1]!.out, "gelu"));
  parts.push(linear(b, parts[2]!.out, { out: input.shape[input.shape.length - 1]! }));
  parts.push(add(b, mixed(parts[3]!.out), x));
  return parts;
}

/**
 * Per-layer costs of a Mixer forward pass: `stem` (the per-patch embedding as a patch×patch/patch conv),
 * per block `mixer_block_i.token_mixing` and `mixer_block_i.channel_mixing` (each with its LayerNorm and
 * skip connection; one checkpoint unit per block), `pre_head_layer_norm`, and `head` (global average
 * pooling over the S patches and the linear classifier), the layer names of the authors' Flax code.
 * The transposes around the token-mixing MLP are counted as views: the Flax code's einsum layout has
 * none (PyTorch copies would add 2·S·C elements of traffic per block).
 */
export function mixerLayers(spec: MixerSpec, shape: WorkloadShape): LayerCost[] {
  const S = mixerTokens(spec);
  const C = spec.hidden;
  const b = new NetBuilder(shape);
  const image = b.tensor([spec.channels, spec.image, spec.image]);
  b.unit(image);
  const patches = b.layer(
    "stem",
    "conv",
    conv(b, image, { out: C, kernel: spec.patch, stride: spec.patch, bias: true }, "image"),
  );
  let x = b.view(patches, [S, C]);
  for (let i = 0; i < spec.layers; i++) {
    b.unit(x);
    // token mixing: the MLP acts on each channel's S values, i.e. on the transpose [C, S] (a view)
    const transpose = (t: Tensor) => b.view(t, [...t.shape].reverse());
    const u = b.layer(`mixer_block_${i}.token_mixing`, "mlp", mlpBlock(b, x, spec.tokenMlp, transpose));
    x = b.layer(
      `mixer_block_${i}.channel_mixing`,
      "mlp",
      mlpBlock(b, u, spec.channelMlp, (t) => t),
    );
  }
  b.unit(x);
  x = b.layer("pre_head_layer_norm", "norm", layerNorm(b, x));
  const pooled: Part = {
    ops: [
      poolOp({ batch: b.batch, channels: C, inSpatial: [S], outSpatial: [1], kernel: [S], bytes: b.bytes }),
    ],
    params: 0,
    saved: [],
    out: b.tensor([C]),
  };
  b.layer("head", "linear", [pooled, linear(b, pooled.out, { out: spec.classes })]);
  return b.build();
}

/** The `mixer` family (MLP-Mixer): image models, FLOP per sample, `seq` 1. */
export const mixerFamily: WorkloadFamily<MixerSpec> = {
  name: "mixer",
  schema: MixerSpecSchema,
  unit: "sample",
  defaultSeq: () => 1,
  layers: mixerLayers,
  shape: (spec) => ({
    hidden: spec.hidden,
    heads: undefined,
    kvHeads: undefined,
    headDim: undefined,
    causal: false,
    experts: 1,
    topK: 1,
    tiedEmbeddings: false,
    dropout: false,
  }),
  boundaries: () => ({ pre: 1, post: 2 }), // stem | Mixer blocks | pre-head norm, head
  // Table 1 widens C with D_C = 4C and D_S = C/2: all three scale together, to multiples of 8
  scale: (spec, factor) => ({
    ...spec,
    hidden: Math.max(8, Math.round((spec.hidden * factor) / 8) * 8),
    tokenMlp: Math.max(8, Math.round((spec.tokenMlp * factor) / 8) * 8),
    channelMlp: Math.max(8, Math.round((spec.channelMlp * factor) / 8) * 8),
  }),
};
