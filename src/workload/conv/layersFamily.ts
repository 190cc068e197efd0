import { NO_ATTENTION_SHAPE, type WorkloadFamily, type WorkloadShape } from "../family.js";
import type { LayerCost, LayerKind } from "../layerCost.js";
import { type LayerEntry, type LayersSpec, LayersSpecSchema } from "./layersSpec.js";
import { activation, adaptiveAvgPool, batchNorm, conv, dropout, layerNorm, linear, pool } from "./modules.js";
import { NetBuilder, type Part, type Tensor } from "./netBuilder.js";

/** Layer kind of each entry type, for the per-kind breakdown. */
const KIND: Readonly<Record<LayerEntry["type"], LayerKind>> = {
  conv: "conv",
  linear: "linear",
  batchnorm: "norm",
  layernorm: "norm",
  maxpool: "pool",
  avgpool: "pool",
  adaptiveavgpool: "pool",
  relu: "other",
  gelu: "other",
  sigmoid: "other",
  tanh: "other",
  silu: "other",
  flatten: "other",
  dropout: "other",
};

/** The module of one entry applied to `x`; `field` (e.g. `layers[3] (conv)`) names it in errors. */
function part(b: NetBuilder, x: Tensor, e: LayerEntry, field: string): Part {
  switch (e.type) {
    case "conv":
      return conv(b, x, e, field);
    case "linear":
      return linear(b, x, e);
    case "batchnorm":
      return batchNorm(b, x);
    case "layernorm":
      return layerNorm(b, x);
    case "maxpool":
    case "avgpool":
      return pool(b, x, e.type === "maxpool" ? "max" : "avg", e, field);
    case "adaptiveavgpool":
      return adaptiveAvgPool(b, x, e.out, field);
    case "flatten":
      return { ops: [], params: 0, saved: [], out: b.view(x, [b.elements(x) / b.batch]) };
    case "dropout":
      return e.p > 0 ? dropout(b, x) : { ops: [], params: 0, saved: [], out: x };
    default:
      return activation(b, x, e.type);
  }
}

/**
 * Per-layer costs of a `layers` spec: shapes are inferred through the list (PyTorch's output-size rules);
 * an impossible shape (a kernel larger than its padded input, a conv on [features], groups that do not
 * divide the channels) is an InputError naming the entry, e.g. `layers[2] (conv).kernel`. Each entry is
 * its own checkpoint unit for full recompute, named by its index unless it has a `name`.
 */
export function layersLayers(spec: LayersSpec, shape: WorkloadShape): LayerCost[] {
  const b = new NetBuilder(shape);
  let x = b.tensor(spec.input);
  spec.layers.forEach((e, i) => {
    b.unit(x);
    x = b.layer(e.name ?? String(i), KIND[e.type], part(b, x, e, `layers[${i}] (${e.type})`));
  });
  return b.build();
}

/** The output shape per sample after the whole list (for checks and reports). */
export function layersOutputShape(spec: LayersSpec): readonly number[] {
  const b = new NetBuilder({ batch: 1, seq: 1, bytes: 4 });
  let x = b.tensor(spec.input);
  spec.layers.forEach((e, i) => {
    x = part(b, x, e, `layers[${i}] (${e.type})`).out;
  });
  return x.shape;
}

/** Trailing batch- or layer-norm entries of a list (they close the model like a final norm). */
function trailingNorms(spec: LayersSpec): number {
  let n = 0;
  for (let i = spec.layers.length - 1; i >= 0 && /norm$/.test(spec.layers[i]!.type); i--) n++;
  return n;
}

/** The generic `layers` family: any nn.Sequential-like stack; FLOP per sample, `seq` 1. */
export const layersFamily: WorkloadFamily<LayersSpec> = {
  name: "layers",
  schema: LayersSpecSchema,
  unit: "sample",
  defaultSeq: () => 1,
  shape: () => NO_ATTENTION_SHAPE,
  // each entry is a block, except trailing norms, which close the model like a final norm
  boundaries: (spec) => ({ pre: 0, post: trailingNorms(spec) }),
  layers: layersLayers,
};
