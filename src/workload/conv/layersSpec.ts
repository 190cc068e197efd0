import { z } from "zod";
import { widthCount } from "../dimensions.js";

const nonNegative = z.number().int().min(0);
const perAxis = z.union([widthCount, z.array(widthCount).min(1).max(3)]);
const perAxisOrZero = z.union([nonNegative, z.array(nonNegative).min(1).max(3)]);
/** Optional display name of a layer; the default is its index, as in torch.nn.Sequential. */
const name = { name: z.string().min(1).optional() };

/**
 * One entry of a `layers` spec, mirroring torch.nn modules and their defaults:
 * - `conv` (Conv1d/2d/3d by the input's spatial rank): out, kernel; stride 1, padding 0, dilation 1,
 *   groups 1, bias true;
 * - `linear` on the last axis: out; bias true;
 * - `batchnorm` over axis 0 (channels or features), `layernorm` over the last axis;
 * - `maxpool`/`avgpool`: kernel; stride = kernel, padding 0; `adaptiveavgpool`: out per spatial axis;
 * - `relu`, `gelu`, `sigmoid`, `tanh`, `silu`; `flatten` (all per-sample axes into one);
 * - `dropout`: p 0.5.
 */
export const LayerEntrySchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("conv"),
    out: widthCount,
    kernel: perAxis,
    stride: perAxis.default(1),
    padding: perAxisOrZero.default(0),
    dilation: perAxis.default(1),
    groups: widthCount.default(1),
    bias: z.boolean().default(true),
    ...name,
  }),
  z.strictObject({ type: z.literal("linear"), out: widthCount, bias: z.boolean().default(true), ...name }),
  z.strictObject({ type: z.literal(["batchnorm", "layernorm"]), ...name }),
  z.strictObject({
    type: z.literal(["maxpool", "avgpool"]),
    kernel: perAxis,
    stride: perAxis.optional(),
    padding: perAxisOrZero.default(0),
    ...name,
  }),
  z.strictObject({ type: z.literal("adaptiveavgpool"), out: perAxis, ...name }),
  z.strictObject({ type: z.literal(["relu", "gelu", "sigmoid", "tanh", "silu"]), ...name }),
  z.strictObject({ type: z.literal("flatten"), ...name }),
  z.strictObject({ type: z.literal("dropout"), p: z.number().min(0).lt(1).default(0.5), ...name }),
]);

/** One layer entry with defaults applied. */
export type LayerEntry = z.infer<typeof LayerEntrySchema>;

/**
 * A generic network as a list of torch.nn-like layers applied in order (an nn.Sequential), for
 * architectures without a family of their own. `input` is the per-sample shape: [C, ...spatial] (1 to 3
 * spatial axes) for convolutional inputs, or [features].
 */
export const LayersSpecSchema = z.strictObject({
  family: z.literal("layers"),
  input: z.array(widthCount).min(1).max(4),
  layers: z.array(LayerEntrySchema).min(1),
});

/** A `layers` spec with defaults applied. */
export type LayersSpec = z.infer<typeof LayersSpecSchema>;
