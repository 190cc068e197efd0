import { z } from "zod";
import type { WorkloadFamily } from "../family.js";
import type { LayerCost } from "../layerCost.js";
import { checkShape } from "./checkShape.js";
import { embeddingLayer, logitsLayer } from "./lmHead.js";
import { lstmLayer, lstmParams } from "./lstmLayer.js";
import { luongAttentionLayer, luongAttentionParams } from "./luongAttention.js";
import { scaleHidden } from "../scaleWidth.js";
import { layerCount, seqCount, vocabCount, widthCount } from "../dimensions.js";

/**
 * Spec of an LSTM encoder-decoder with global attention (Luong et al. 2015), HAD19's NMT model.
 * Defaults are the model HAD19 analysed with Catamount (`nmt_el2_dl1_n1024_b128`, tensorflow/nmt):
 * one bidirectional encoder layer (tensorflow/nmt's `num_encoder_layers=2` with `encoder_type=bi`
 * builds one forward and one backward cell), one decoder layer with input feeding, 1024 units, a
 * 36,548-word-piece vocabulary on both sides, and 26-token sentences (the length Catamount binds for
 * HAD19's projections).
 */
export const Seq2seqSpecSchema = z
  .strictObject({
    family: z.literal("seq2seq"),
    /** Encoder layers; a bidirectional layer counts once (default 1). */
    encoderLayers: layerCount.default(1),
    /** Decoder layers (default 1). */
    decoderLayers: layerCount.default(1),
    /** Units per LSTM cell and per direction h, also the embedding width (default 1024). */
    hidden: widthCount.default(1024),
    /** Source vocabulary (default 36,548 word pieces, Catamount's binding). */
    vocab: vocabCount.default(36548),
    /** Target vocabulary; defaults to `vocab`. */
    targetVocab: vocabCount.optional(),
    /** Source tokens per sample (default 26). */
    seq: seqCount.default(26),
    /** Target tokens per sample, the decoder steps (default 26). */
    targetSeq: seqCount.default(26),
    /** The first encoder layer reads the source both ways (default true). */
    bidirectional: z.boolean().default(true),
    /** Feed h̃_{t−1} into the decoder's first layer with the embedding (Luong §3.3; default true). */
    inputFeeding: z.boolean().default(true),
    /** Score function (Luong §3.1): `general` (default, tensorflow/nmt's memory layer) or `dot`. */
    score: z.enum(["general", "dot"]).default("general"),
  })
  .superRefine((spec, ctx) => {
    const memory = encoderOutputWidth(spec);
    if (spec.score === "dot" && memory !== spec.hidden) {
      ctx.addIssue({
        code: "custom",
        path: ["score"],
        message: `"general" (a dot score needs encoder states as wide as the decoder: ${memory} vs ${spec.hidden})`,
      });
    }
  });

/** A seq2seq spec with defaults filled in. */
export type Seq2seqSpec = z.infer<typeof Seq2seqSpecSchema>;

/** Width of the last encoder layer's output: 2h when the only layer is bidirectional, else h. */
function encoderOutputWidth(spec: { encoderLayers: number; bidirectional: boolean; hidden: number }): number {
  return spec.bidirectional && spec.encoderLayers === 1 ? 2 * spec.hidden : spec.hidden;
}

/** Input width of encoder layer i: the embedding for layer 0, the previous layer's output after. */
function encoderInput(spec: Seq2seqSpec, i: number): number {
  if (i === 0) return spec.hidden;
  return i === 1 && spec.bidirectional ? 2 * spec.hidden : spec.hidden;
}

/** Input width of decoder layer j: embedding (+ h̃ with input feeding) for layer 0, h after. */
function decoderInput(spec: Seq2seqSpec, j: number): number {
  return j === 0 ? spec.hidden * (spec.inputFeeding ? 2 : 1) : spec.hidden;
}

/**
 * Exact parameter count: source and target embeddings, encoder and decoder LSTMs (4 gates × (input +
 * recurrent + bias)), W_a and W_c, and the output projection (no bias, as tensorflow/nmt). For the
 * defaults this is 33h² + 12h + 3hv, Catamount's symbolic count for HAD19's NMT model (less one
 * bookkeeping scalar).
 */
export function seq2seqParams(spec: Seq2seqSpec): number {
  const h = spec.hidden;
  const tv = spec.targetVocab ?? spec.vocab;
  let params = spec.vocab * h + tv * h + h * tv;
  for (let i = 0; i < spec.encoderLayers; i++) {
    params += (i === 0 && spec.bidirectional ? 2 : 1) * lstmParams(encoderInput(spec, i), h);
  }
  for (let j = 0; j < spec.decoderLayers; j++) params += lstmParams(decoderInput(spec, j), h);
  return (
    params +
    luongAttentionParams({
      memoryWidth: encoderOutputWidth(spec),
      queryWidth: h,
      outputWidth: h,
      score: spec.score,
    })
  );
}

/**
 * The `seq2seq` family (HAD19 NMT): source embedding → encoder LSTMs (first one optionally
 * bidirectional) over `seq` tokens → target embedding → decoder LSTMs over `targetSeq` steps with
 * global attention after the top layer → output projection and softmax over the target vocabulary.
 * `shape.seq` is the source length; the decoder runs `spec.targetSeq` steps whatever `shape.seq` is.
 */
export const seq2seqFamily: WorkloadFamily<Seq2seqSpec> = {
  name: "seq2seq",
  schema: Seq2seqSpecSchema,
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
  // encoder embedding | encoder LSTMs, decoder embedding, decoder LSTMs, attention | output projection
  boundaries: () => ({ pre: 1, post: 1 }),
  scale: scaleHidden,
  layers(spec, shape) {
    checkShape(shape);
    const { batch, seq, bytes } = shape;
    const h = spec.hidden;
    const t = spec.targetSeq;
    const tv = spec.targetVocab ?? spec.vocab;
    const layers: LayerCost[] = [
      embeddingLayer({ name: "encoder embedding", tokens: batch * seq, vocab: spec.vocab, width: h, bytes }),
    ];
    for (let i = 0; i < spec.encoderLayers; i++) {
      const directions = i === 0 && spec.bidirectional ? 2 : 1;
      layers.push(
        lstmLayer({
          name: `encoder lstm ${i}`,
          batch,
          steps: seq,
          inFeatures: encoderInput(spec, i),
          hidden: h,
          directions,
          bytes,
        }),
      );
    }
    layers.push(embeddingLayer({ name: "decoder embedding", tokens: batch * t, vocab: tv, width: h, bytes }));
    for (let j = 0; j < spec.decoderLayers; j++) {
      layers.push(
        lstmLayer({
          name: `decoder lstm ${j}`,
          batch,
          steps: t,
          inFeatures: decoderInput(spec, j),
          hidden: h,
          bytes,
        }),
      );
    }
    layers.push(
      luongAttentionLayer({
        name: "attention",
        batch,
        sourceSteps: seq,
        targetSteps: t,
        memoryWidth: encoderOutputWidth(spec),
        queryWidth: h,
        outputWidth: h,
        score: spec.score,
        bytes,
      }),
    );
    layers.push(
      logitsLayer({ name: "output projection", tokens: batch * t, width: h, vocab: tv, bias: false, bytes }),
    );
    return layers;
  },
};
