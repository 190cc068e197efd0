import { z } from "zod";
import type { WorkloadFamily } from "../family.js";
import type { LayerCost } from "../layerCost.js";
import { checkShape } from "./checkShape.js";
import { embeddingLayer, logitsLayer } from "./lmHead.js";
import { rhnLayer, rhnParams } from "./rhnLayer.js";
import { scaleHidden } from "../scaleWidth.js";
import { layerCount, seqCount, vocabCount, widthCount } from "../dimensions.js";

/**
 * Spec of a Recurrent Highway Network character language model (Zilly et al. 2017), HAD19's char LM.
 * Defaults are the model HAD19 analysed with Catamount
 * (`char_lm_n2004_l10_sgd_lr0.15_rhn_b128_vchar_d1.0_s150`): one RHN layer of recurrence depth 10,
 * 2004 wide, 98 characters, a 150-step unroll; the embedding is as wide as the state.
 */
export const RhnLmSpecSchema = z.strictObject({
  family: z.literal("rhn-lm"),
  /** Stacked RHN layers (default 1: Catamount's "single RHN layer containing 10 sublayers"). */
  layers: layerCount.default(1),
  /** Recurrence depth L, micro-layers per time step (default 10). */
  depth: layerCount.default(10),
  /** State width h (default 2004). */
  hidden: widthCount.default(2004),
  /** Characters in the vocabulary (default 98, Catamount's binding). */
  vocab: vocabCount.default(98),
  /** Unroll length, characters per sample (default 150). */
  seq: seqCount.default(150),
  /** Embedding width; defaults to `hidden` (Catamount binds the table to [v, h]). */
  embedding: widthCount.optional(),
});

/** An RHN language-model spec with defaults filled in. */
export type RhnLmSpec = z.infer<typeof RhnLmSpecSchema>;

/**
 * Exact parameter count: embedding v·e, the RHN layers, softmax h·v + v. With e = h, one layer and
 * depth 10: 22h² + 20h + 2hv + v, Catamount's symbolic count for HAD19's char LM (less its two
 * bookkeeping scalars).
 */
export function rhnLmParams(spec: RhnLmSpec): number {
  const e = spec.embedding ?? spec.hidden;
  let params = spec.vocab * e + spec.hidden * spec.vocab + spec.vocab;
  for (let i = 0; i < spec.layers; i++)
    params += rhnParams(i === 0 ? e : spec.hidden, spec.hidden, spec.depth);
  return params;
}

/**
 * The `rhn-lm` family: embedding → RHN layer(s) of depth L unrolled over q steps → softmax over the
 * characters. Forward FLOP per token ≈ 4h²(L + 1) + 2hv for one layer with e = h (HAD19 Table 2's
 * γ = 900 ≈ 6q for q = 150).
 */
export const rhnLmFamily: WorkloadFamily<RhnLmSpec> = {
  name: "rhn-lm",
  schema: RhnLmSpecSchema,
  unit: "token",
  defaultSeq: (spec) => spec.seq,
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
  boundaries: () => ({ pre: 1, post: 1 }), // embedding | RHN layers | softmax
  scale: scaleHidden,
  layers(spec, shape) {
    checkShape(shape);
    const { batch, seq, bytes } = shape;
    const tokens = batch * seq;
    const e = spec.embedding ?? spec.hidden;
    const layers: LayerCost[] = [
      embeddingLayer({ name: "embedding", tokens, vocab: spec.vocab, width: e, bytes }),
    ];
    for (let i = 0; i < spec.layers; i++) {
      layers.push(
        rhnLayer({
          name: `rhn ${i}`,
          batch,
          steps: seq,
          inFeatures: i === 0 ? e : spec.hidden,
          hidden: spec.hidden,
          depth: spec.depth,
          bytes,
        }),
      );
    }
    layers.push(
      logitsLayer({ name: "softmax", tokens, width: spec.hidden, vocab: spec.vocab, bias: true, bytes }),
    );
    return layers;
  },
};
