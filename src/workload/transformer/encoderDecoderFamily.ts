import type { WorkloadFamily, WorkloadShape } from "../family.js";
import type { LayerCost } from "../layerCost.js";
import { checkShape } from "./checkShape.js";
import { embeddingLayer } from "./embeddingLayer.js";
import { type EncoderDecoderSpec, EncoderDecoderSpecSchema } from "./encoderDecoderSpec.js";
import { logitsLayer } from "./logitsLayer.js";
import { normLayer } from "./normLayer.js";
import { scaleHeads } from "../scaleWidth.js";
import { blockShape, transformerBlock } from "./transformerBlock.js";

/**
 * Decoder (target) length for a forward pass of `seq` source tokens: `spec.targetSeq` at the spec's own
 * `seq`, scaled in proportion otherwise (at least 1).
 */
export function targetLength(spec: EncoderDecoderSpec, seq: number): number {
  return seq === spec.seq ? spec.targetSeq : Math.max(1, Math.round((spec.targetSeq * seq) / spec.seq));
}

/**
 * Per-layer forward costs of an encoder-decoder transformer (Vaswani et al. 2017; Raffel et al. 2020
 * T5): one shared token table gathered for source and target, the encoder blocks and final norm, the
 * decoder blocks (causal self-attention, cross-attention to the encoder output, MLP) and final norm,
 * then logits and loss over the target tokens. `shape.seq` is the source length. The encoder output is
 * read by every cross-attention's K/V projection, so its bytes are kept once, with the encoder's final
 * norm. T5's relative-bias table sits in the first self-attention layer of each stack.
 */
export function encoderDecoderLayers(spec: EncoderDecoderSpec, shape: WorkloadShape): LayerCost[] {
  checkShape(shape, spec.positions === "learned" ? spec.seq : undefined);
  const tgt = targetLength(spec, shape.seq);
  const { batch, seq: src, bytes } = shape;
  const learned = spec.positions === "learned";
  const selfPositions = spec.positions === "t5-bias" ? "t5-bias" : "none";
  const biasTable = spec.positions === "t5-bias" ? spec.relativeBuckets * spec.heads : 0;
  const common = {
    batch,
    ...blockShape(spec),
    positions: selfPositions,
    bytes,
  } as const;
  const embed = (name: string, rows: number, vocab: number, positionRows: number) =>
    embeddingLayer({
      name,
      rows,
      hidden: spec.hidden,
      vocab,
      positionRows,
      tokenTypes: 0,
      dropout: spec.dropout,
      bytes,
    });
  const out: LayerCost[] = [embed("encoder embedding", batch * src, spec.vocab, learned ? spec.seq : 0)];
  for (let i = 0; i < spec.encoderLayers; i++) {
    out.push(
      ...transformerBlock({
        ...common,
        name: `encoder ${i}`,
        seq: src,
        biasTableParams: i === 0 ? biasTable : 0,
      }),
    );
  }
  const encoderNorm = normLayer({
    name: "encoder final norm",
    rows: batch * src,
    width: spec.hidden,
    kind: spec.norm,
    bytes,
    placement: "outside",
  });
  const encoderOutput = bytes * batch * src * spec.hidden;
  for (const k of ["none", "selective", "full"] as const) encoderNorm.activationBytes[k] += encoderOutput;
  out.push(encoderNorm);
  // the decoder input reuses the shared token table (vocab 0: no new parameters)
  out.push(embed("decoder embedding", batch * tgt, 0, learned ? spec.targetSeq : 0));
  for (let i = 0; i < spec.decoderLayers; i++) {
    out.push(
      ...transformerBlock({
        ...common,
        name: `decoder ${i}`,
        seq: tgt,
        biasTableParams: i === 0 ? biasTable : 0,
        cross: { seqKV: src, positions: "none" },
      }),
    );
  }
  out.push(
    normLayer({
      name: "decoder final norm",
      rows: batch * tgt,
      width: spec.hidden,
      kind: spec.norm,
      bytes,
      placement: "outside",
    }),
  );
  out.push(
    logitsLayer({
      name: "logits",
      rows: batch * tgt,
      hidden: spec.hidden,
      vocab: spec.vocab,
      tied: spec.tiedEmbeddings,
      bias: false,
      mlmTransform: false,
      bytes,
    }),
  );
  return out;
}

/**
 * Decoder self-attention KV cache, bytes per generated token: 2 · decoderLayers · kvHeads · headDim ·
 * bytes. The cross-attention K/V of the source (the same per source token) are computed once per input
 * and are not included.
 */
export function encoderDecoderKvCacheBytesPerToken(spec: EncoderDecoderSpec, bytes: number): number {
  return 2 * spec.decoderLayers * spec.kvHeads * spec.headDim * bytes;
}

/** The `encoder-decoder` workload family (T5, Transformer NMT). Unit: source token; default seq: `spec.seq`. */
export const encoderDecoderFamily: WorkloadFamily<EncoderDecoderSpec> = {
  name: "encoder-decoder",
  schema: EncoderDecoderSpecSchema,
  unit: "token",
  defaultSeq: (spec) => spec.seq,
  layers: encoderDecoderLayers,
  shape: (spec) => ({
    hidden: spec.hidden,
    heads: spec.heads,
    kvHeads: spec.kvHeads,
    headDim: spec.headDim,
    causal: false, // the decoder's self-attention is causal, the encoder's and the cross-attention are not
    experts: 1,
    topK: 1,
    tiedEmbeddings: spec.tiedEmbeddings,
    dropout: spec.dropout,
  }),
  // encoder embedding | encoder blocks, encoder norm, decoder embedding, decoder blocks | norm, logits
  boundaries: () => ({ pre: 1, post: 2 }),
  scale: scaleHeads,
  kvCacheBytesPerToken: encoderDecoderKvCacheBytesPerToken,
};
