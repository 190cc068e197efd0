import { z } from "zod";
import { InputError } from "../../units/InputError.js";
import type { WorkloadFamily } from "../family.js";
import type { LayerCost } from "../layerCost.js";
import { elementwiseOp, poolOp } from "../ops.js";
import { checkShape } from "./checkShape.js";
import { hybridAttentionLayer, hybridAttentionParams } from "./hybridAttention.js";
import { logitsLayer } from "./lmHead.js";
import { lstmLayer, lstmParams } from "./lstmLayer.js";
import { scaleHidden } from "../scaleWidth.js";
import { layerCount, seqCount, vocabCount, widthCount } from "../dimensions.js";

/**
 * Spec of an attention encoder-decoder speech recogniser (Battenberg et al. 2017, the HAD19 speech
 * model). Defaults follow the model HAD19 analysed with Catamount (`speech_attention`): three
 * bidirectional LSTM encoder layers of 1024 cells per direction over 40 spectrogram features, max-pooling
 * by 2 in time between encoder layers, two decoder cells (an attention cell and a decoder cell) of
 * half the encoder width, hybrid attention of width 128 with 4 location filters 50 frames wide, and 31
 * output characters; 300 input frames, Catamount's first binding (`base_encoder_steps`), with which the
 * model reproduces HAD19 Table 2's γ = 775 (its sweep's 335 frames give 861).
 */
export const SpeechSpecSchema = z.strictObject({
  family: z.literal("speech"),
  /** Bidirectional encoder layers (default 3). */
  encoderLayers: layerCount.default(3),
  /** Decoder LSTM cells; the first one feeds the attention query (default 2). */
  decoderLayers: layerCount.default(2),
  /** Encoder cells per direction H (default 1024). */
  hidden: widthCount.default(1024),
  /** Decoder cells; defaults to ⌊H/2⌋ (Catamount binds attn_hidden = dec_hidden = enc_hidden // 2). */
  decoderHidden: widthCount.optional(),
  /** Spectrogram features per frame (default 40, Catamount's binding). */
  inputFeatures: widthCount.default(40),
  /** Acoustic frames per utterance, the encoder's input length (default 300). */
  frames: seqCount.default(300),
  /** Output characters per utterance; defaults to the encoder's output length (Catamount's binding). */
  targetSeq: seqCount.optional(),
  /** Output characters (default 31). */
  vocab: vocabCount.default(31),
  /** Time reduction by max-pooling between consecutive encoder layers (default 2; 1 = none). */
  pooling: widthCount.default(2),
  /** Attention width d (default 128). */
  attentionDim: widthCount.default(128),
  /** Location-feature filters (default 4; 0 = content-only attention). */
  locationFilters: z.number().int().nonnegative().default(4),
  /** Location-filter width in frames (default 50). */
  locationWidth: widthCount.default(50),
});

/** A speech spec with defaults filled in. */
export type SpeechSpec = z.infer<typeof SpeechSpecSchema>;

/** Frames seen by each encoder layer: T, ⌊T/k⌋, ⌊⌊T/k⌋/k⌋, … (pooling after every layer but the last). */
export function speechEncoderSteps(spec: SpeechSpec, frames: number): number[] {
  const steps = [frames];
  for (let i = 1; i < spec.encoderLayers; i++) steps.push(Math.floor(steps[i - 1]! / spec.pooling));
  return steps;
}

function decoderHidden(spec: SpeechSpec): number {
  return spec.decoderHidden ?? Math.max(1, Math.floor(spec.hidden / 2));
}

/** Decoder cell j's input: previous character (one-hot, v wide) for j = 0, else the cell below; plus the context. */
function decoderInput(spec: SpeechSpec, j: number): number {
  return (j === 0 ? spec.vocab : decoderHidden(spec)) + 2 * spec.hidden;
}

/**
 * Exact parameter count: input normaliser means and deviations (2F, variables in the graph),
 * encoder and decoder LSTMs, hybrid attention and the output projection (with bias). For the defaults
 * at H = 1024 and 96 frames this is 71,084,727: Catamount's 71,084,729 for HAD19's speech model less
 * its two bookkeeping scalars.
 */
export function speechParams(spec: SpeechSpec): number {
  const H = spec.hidden;
  const D = decoderHidden(spec);
  let params = 2 * spec.inputFeatures;
  for (let i = 0; i < spec.encoderLayers; i++)
    params += 2 * lstmParams(i === 0 ? spec.inputFeatures : 2 * H, H);
  for (let j = 0; j < spec.decoderLayers; j++) params += lstmParams(decoderInput(spec, j), D);
  params += hybridAttentionParams({
    memoryWidth: 2 * H,
    queryWidth: 2 * D,
    attentionDim: spec.attentionDim,
    locationFilters: spec.locationFilters,
    locationWidth: spec.locationWidth,
  });
  return params + D * spec.vocab + spec.vocab;
}

/**
 * The `speech` family (HAD19 speech): normalise the spectrogram → bidirectional LSTM encoder layers
 * with time max-pooling between them → a stack of decoder LSTM cells, the first of which reads the
 * previous character and the previous context and queries the hybrid attention over the encoder
 * outputs → output projection and softmax over the characters. `shape.seq` is the number of frames.
 */
export const speechFamily: WorkloadFamily<SpeechSpec> = {
  name: "speech",
  schema: SpeechSpecSchema,
  unit: "token",
  defaultSeq: (spec) => spec.frames,
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
  // no embedding: the input normaliser opens no block and stays with the first | output projection
  boundaries: () => ({ pre: 0, post: 1 }),
  scale: scaleHidden,
  layers(spec, shape) {
    checkShape(shape);
    const { batch, seq: frames, bytes } = shape;
    const H = spec.hidden;
    const D = decoderHidden(spec);
    const F = spec.inputFeatures;
    const steps = speechEncoderSteps(spec, frames);
    const encoded = steps[steps.length - 1]!;
    if (encoded < 1) {
      const needed = spec.pooling ** (spec.encoderLayers - 1);
      throw new InputError(
        "shape.seq",
        frames,
        `at least ${needed} frames (pooling ${spec.pooling} over ${spec.encoderLayers} layers)`,
      );
    }
    const t = spec.targetSeq ?? encoded;
    const inputElements = batch * frames * F;
    const layers: LayerCost[] = [
      {
        name: "input normaliser",
        kind: "norm",
        params: 2 * F,
        activeParams: 2 * F,
        embeddingParams: 0,
        // (x − mean) / std
        ops: [elementwiseOp({ elements: inputElements, flopsPerElement: 2, bytes })],
        activationBytes: { none: 0, selective: 0, full: 0 },
        selectiveRecomputeFlops: 0,
      },
    ];
    for (let i = 0; i < spec.encoderLayers; i++) {
      layers.push(
        lstmLayer({
          name: `encoder lstm ${i}`,
          batch,
          steps: steps[i]!,
          inFeatures: i === 0 ? F : 2 * H,
          hidden: H,
          directions: 2,
          bytes,
        }),
      );
      if (i + 1 < spec.encoderLayers && spec.pooling > 1) {
        const kept = batch * steps[i]! * 2 * H * bytes;
        layers.push({
          name: `encoder pool ${i}`,
          kind: "pool",
          params: 0,
          activeParams: 0,
          embeddingParams: 0,
          ops: [
            poolOp({
              batch,
              channels: 2 * H,
              inSpatial: [steps[i]!],
              outSpatial: [steps[i + 1]!],
              kernel: [spec.pooling],
              bytes,
            }),
          ],
          activationBytes: { none: kept, selective: kept, full: kept },
          selectiveRecomputeFlops: 0,
        });
      }
    }
    for (let j = 0; j < spec.decoderLayers; j++) {
      layers.push(
        lstmLayer({
          name: `decoder lstm ${j}`,
          batch,
          steps: t,
          inFeatures: decoderInput(spec, j),
          hidden: D,
          bytes,
        }),
      );
    }
    layers.push(
      hybridAttentionLayer({
        name: "attention",
        batch,
        sourceSteps: encoded,
        targetSteps: t,
        memoryWidth: 2 * H,
        queryWidth: 2 * D,
        attentionDim: spec.attentionDim,
        locationFilters: spec.locationFilters,
        locationWidth: spec.locationWidth,
        bytes,
      }),
    );
    layers.push(
      logitsLayer({
        name: "output projection",
        tokens: batch * t,
        width: D,
        vocab: spec.vocab,
        bias: true,
        bytes,
      }),
    );
    return layers;
  },
};
