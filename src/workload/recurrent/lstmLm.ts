import { z } from "zod";
import type { WorkloadFamily } from "../family.js";
import type { LayerCost } from "../layerCost.js";
import { checkShape } from "./checkShape.js";
import { embeddingLayer, logitsLayer } from "./lmHead.js";
import { lstmLayer, lstmParams } from "./lstmLayer.js";
import { scaleHidden } from "../scaleWidth.js";
import { layerCount, seqCount, vocabCount, widthCount } from "../dimensions.js";

/**
 * Spec of an LSTM word language model (Józefowicz et al. 2016, the HAD19 word LM, §4.2). Defaults are
 * the model whose TensorFlow graph HAD19 analysed with Catamount
 * (`word_lm_n2004_l2_sgd_lr0.2_nodrop_b128_v10k_d20_s80`): 2 layers of 2004 cells, a 10,004-word
 * vocabulary, an 80-step unroll, untied embeddings, no projection.
 */
export const LstmLmSpecSchema = z.strictObject({
  family: z.literal("lstm-lm"),
  /** Stacked LSTM layers l (default 2). */
  layers: layerCount.default(2),
  /** Cells per layer h (default 2004). */
  hidden: widthCount.default(2004),
  /** Vocabulary size v (default 10,004, Catamount's binding for HAD19's word LM). */
  vocab: vocabCount.default(10004),
  /** Unroll length q, tokens per sample (default 80, HAD19's word LM). */
  seq: seqCount.default(80),
  /** LSTMP projection width r (Józefowicz 2016's LSTM-8192-1024); absent = plain LSTM. */
  projection: widthCount.optional(),
  /** Share the input embedding with the softmax weights (default false). */
  tiedEmbeddings: z.boolean().default(false),
});

/** An LSTM language-model spec with defaults filled in. */
export type LstmLmSpec = z.infer<typeof LstmLmSpecSchema>;

/**
 * Exact parameter count: embedding v·e (absent when tied), l layers of 4 gates × (input + recurrent +
 * bias) (+ h·r for LSTMP), softmax r·v + v. With e = r = h and no tying this is
 * 8h²l + 4hl + 2hv + v, whose leading terms are HAD19 §4.2's p ≈ 8h²l + 2hv.
 */
export function lstmLmParams(spec: LstmLmSpec): number {
  const r = spec.projection ?? spec.hidden;
  const embedding = spec.tiedEmbeddings ? 0 : spec.vocab * r;
  return embedding + spec.layers * lstmParams(r, spec.hidden, spec.projection) + r * spec.vocab + spec.vocab;
}

/**
 * The `lstm-lm` family: embedding → l LSTM(P) layers unrolled over q steps → softmax over v words.
 * Forward FLOP per sample ≈ q(16h²l + 2hv) (HAD19 §4.2); backward adds about 2× that. The embedding
 * width is the LSTM output width (r with a projection, else h), as in Józefowicz et al. 2016.
 */
export const lstmLmFamily: WorkloadFamily<LstmLmSpec> = {
  name: "lstm-lm",
  schema: LstmLmSpecSchema,
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
    tiedEmbeddings: spec.tiedEmbeddings,
    dropout: false,
  }),
  boundaries: () => ({ pre: 1, post: 1 }), // embedding | LSTM layers | softmax
  scale: scaleHidden,
  layers(spec, shape) {
    checkShape(shape);
    const { batch, seq, bytes } = shape;
    const tokens = batch * seq;
    const r = spec.projection ?? spec.hidden;
    const layers: LayerCost[] = [
      embeddingLayer({
        name: "embedding",
        tokens,
        vocab: spec.vocab,
        width: r,
        shared: spec.tiedEmbeddings,
        bytes,
      }),
    ];
    for (let i = 0; i < spec.layers; i++) {
      layers.push(
        lstmLayer({
          name: `lstm ${i}`,
          batch,
          steps: seq,
          inFeatures: r,
          hidden: spec.hidden,
          ...(spec.projection === undefined ? {} : { projection: spec.projection }),
          bytes,
        }),
      );
    }
    layers.push(
      logitsLayer({
        name: "softmax",
        tokens,
        width: r,
        vocab: spec.vocab,
        bias: true,
        tied: spec.tiedEmbeddings,
        bytes,
      }),
    );
    return layers;
  },
};
