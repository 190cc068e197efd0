import type { WorkloadFamily, WorkloadShape } from "../family.js";
import type { LayerCost } from "../layerCost.js";
import { checkShape } from "./checkShape.js";
import { embeddingLayer } from "./embeddingLayer.js";
import { type EncoderSpec, EncoderSpecSchema } from "./encoderSpec.js";
import { logitsLayer } from "./logitsLayer.js";
import { palmModelFlops } from "./palmModelFlops.js";
import { poolerLayer } from "./poolerLayer.js";
import { scaleHeads } from "../scaleWidth.js";
import { blockShape, transformerBlock } from "./transformerBlock.js";

/**
 * Per-layer forward costs of a BERT-style encoder (Devlin et al. 2019): embedding (token, learned
 * position, token type, LayerNorm, dropout), bidirectional blocks (post-norm in BERT; the same costs as
 * pre-norm), the optional pooler and the optional MLM head. No final norm: BERT's last block ends with
 * its own LayerNorm.
 */
export function encoderLayers(spec: EncoderSpec, shape: WorkloadShape): LayerCost[] {
  checkShape(shape, spec.positions === "learned" ? spec.seq : undefined);
  const { batch, seq, bytes } = shape;
  const rows = batch * seq;
  const out: LayerCost[] = [
    embeddingLayer({
      name: "embedding",
      rows,
      hidden: spec.hidden,
      vocab: spec.vocab,
      positionRows: spec.positions === "learned" ? spec.seq : 0,
      tokenTypes: spec.tokenTypes,
      ...(spec.embeddingNorm ? { norm: spec.norm } : {}),
      dropout: spec.dropout,
      bytes,
    }),
  ];
  for (let i = 0; i < spec.layers; i++) {
    out.push(
      ...transformerBlock({
        name: `block ${i}`,
        batch,
        seq,
        ...blockShape(spec),
        positions: spec.positions === "rotary" ? "rotary" : "none",
        bytes,
      }),
    );
  }
  if (spec.pooler) out.push(poolerLayer({ name: "pooler", batch, hidden: spec.hidden, bytes }));
  if (spec.head === "mlm") {
    out.push(
      logitsLayer({
        name: "mlm head",
        // sparse output processing: the head sees only the masked positions of each sample
        rows: spec.maskedFraction === undefined ? rows : batch * Math.ceil(spec.maskedFraction * seq),
        hidden: spec.hidden,
        vocab: spec.vocab,
        tied: spec.tiedEmbeddings,
        bias: true,
        mlmTransform: true,
        bytes,
      }),
    );
  }
  return out;
}

/** The `encoder` workload family (BERT style). Unit: token; default seq: `spec.seq`. No KV cache. */
export const encoderFamily: WorkloadFamily<EncoderSpec> = {
  name: "encoder",
  schema: EncoderSpecSchema,
  unit: "token",
  defaultSeq: (spec) => spec.seq,
  layers: encoderLayers,
  shape: (spec) => ({
    hidden: spec.hidden,
    heads: spec.heads,
    kvHeads: spec.kvHeads,
    headDim: spec.headDim,
    causal: false,
    experts: 1,
    topK: 1,
    tiedEmbeddings: spec.tiedEmbeddings,
    dropout: spec.dropout,
  }),
  // embedding | blocks (the pooler counts as one: it is a checkpoint unit) | MLM head
  boundaries: (spec) => ({ pre: 1, post: spec.head === "mlm" ? 1 : 0 }),
  scale: scaleHeads,
  modelFlopsPerUnit: palmModelFlops,
};
