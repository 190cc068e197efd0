import { z } from "zod";
import { InputError } from "../../units/InputError.js";
import { layerCount, widthCount } from "../dimensions.js";

/**
 * A ResNet (He et al. 2016, "Deep residual learning", Table 1) as torchvision builds it: v1.5, with the
 * stride of a bottleneck's first block on its 3×3 conv (torchvision/models/resnet.py). Defaults: depth 50
 * (when `blocks` is absent), width 64, groups 1, widthPerGroup 64, classes 1000, image 224, channels 3.
 * `groups`/`widthPerGroup` give ResNeXt (32, 4) and Wide ResNet (1, 128) as torchvision does.
 */
export const ResNetSpecSchema = z
  .strictObject({
    family: z.literal("resnet"),
    /** 18 or 34 (basic blocks), 50, 101 or 152 (bottlenecks); default 50 when `blocks` is absent. */
    depth: z.literal([18, 34, 50, 101, 152]).optional(),
    /** Blocks per stage [n1, n2, n3, n4], instead of `depth`. */
    blocks: z.tuple([layerCount, layerCount, layerCount, layerCount]).optional(),
    /** Block type with `blocks`; default "bottleneck". */
    block: z.enum(["basic", "bottleneck"]).optional(),
    /** Channels of the stem and of stage 1's blocks (`planes`); stages use width·[1, 2, 4, 8]. */
    width: widthCount.default(64),
    /** Groups of a bottleneck's 3×3 conv (ResNeXt's cardinality). */
    groups: widthCount.default(1),
    /** torchvision's width_per_group: a bottleneck is ⌊planes·widthPerGroup/64⌋·groups wide. */
    widthPerGroup: widthCount.default(64),
    classes: widthCount.default(1000),
    /** Square input side in pixels. */
    image: widthCount.default(224),
    channels: widthCount.default(3),
  })
  .superRefine((spec, ctx) => {
    const problem = architectureProblem(spec);
    if (problem) ctx.addIssue({ code: "custom", message: problem.message, path: [problem.field] });
  });

/** A ResNet spec with defaults applied. */
export type ResNetSpec = z.infer<typeof ResNetSpecSchema>;

/** Blocks per stage and block type of torchvision's resnet18 … resnet152 (He et al. 2016, Table 1). */
export const RESNET_DEPTHS: Readonly<
  Record<
    18 | 34 | 50 | 101 | 152,
    { blocks: [number, number, number, number]; block: "basic" | "bottleneck" }
  >
> = {
  18: { blocks: [2, 2, 2, 2], block: "basic" },
  34: { blocks: [3, 4, 6, 3], block: "basic" },
  50: { blocks: [3, 4, 6, 3], block: "bottleneck" },
  101: { blocks: [3, 4, 23, 3], block: "bottleneck" },
  152: { blocks: [3, 8, 36, 3], block: "bottleneck" },
};

type ArchFields = Pick<ResNetSpec, "depth" | "blocks" | "block" | "groups" | "widthPerGroup">;

function architectureProblem(spec: ArchFields): InputError | undefined {
  if (spec.depth !== undefined && spec.blocks !== undefined)
    return new InputError("blocks", spec.blocks, `either depth or blocks, not both (depth is ${spec.depth})`);
  const block = spec.depth !== undefined ? RESNET_DEPTHS[spec.depth].block : undefined;
  if (block && spec.block && spec.block !== block)
    return new InputError("block", spec.block, `"${block}" for depth ${spec.depth}, or omitted`);
  const resolved = block ?? spec.block ?? "bottleneck";
  if (resolved === "basic" && (spec.groups !== 1 || spec.widthPerGroup !== 64))
    return new InputError(
      "groups",
      { groups: spec.groups, widthPerGroup: spec.widthPerGroup },
      "groups 1 and widthPerGroup 64 with basic blocks (torchvision's BasicBlock supports no others)",
    );
  return undefined;
}

/** Blocks per stage and block type of a spec: `blocks`/`block`, or `depth` (default 50). */
export function resnetArchitecture(spec: ArchFields): {
  blocks: [number, number, number, number];
  block: "basic" | "bottleneck";
} {
  const problem = architectureProblem(spec);
  if (problem) throw problem;
  if (spec.blocks) return { blocks: spec.blocks, block: spec.block ?? "bottleneck" };
  return RESNET_DEPTHS[spec.depth ?? 50];
}
