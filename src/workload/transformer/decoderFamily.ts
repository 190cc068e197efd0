import type { WorkloadFamily, WorkloadShape } from "../family.js";
import type { LayerCost } from "../layerCost.js";
import { checkShape } from "./checkShape.js";
import { type DecoderSpec, DecoderSpecSchema } from "./decoderSpec.js";
import { embeddingLayer } from "./embeddingLayer.js";
import { logitsLayer } from "./logitsLayer.js";
import { normLayer } from "./normLayer.js";
import { palmModelFlops } from "./palmModelFlops.js";
import { scaleHeads } from "../scaleWidth.js";
import { blockShape, transformerBlock } from "./transformerBlock.js";

/** True when block `i` (from 0) of the decoder is a mixture-of-experts block. */
export function isMoeBlock(spec: DecoderSpec, i: number): boolean {
  return spec.experts > 1 && (i + 1) % spec.expertInterval === 0;
}

/**
 * Per-layer forward costs of a decoder-only transformer (Radford et al. 2019 GPT-2; Brown et al. 2020
 * GPT-3; Touvron et al. 2023 Llama; Jiang et al. 2024 Mixtral): embedding (+ learned positions), per
 * block norm, causal self-attention, norm, MLP or MoE, then final norm and logits with the loss.
 * Causal attention is costed on the full s×s score matrix (Kaplan 2020 Table 1, Megatron, PaLM App. B).
 */
export function decoderLayers(spec: DecoderSpec, shape: WorkloadShape): LayerCost[] {
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
      tokenTypes: 0,
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
        positions: spec.positions === "learned" ? "none" : spec.positions,
        bytes,
        ...(isMoeBlock(spec, i)
          ? {
              moe: {
                experts: spec.experts,
                topK: spec.topK,
                sharedExperts: spec.sharedExperts,
                capacityFactor: spec.capacityFactor,
              },
            }
          : {}),
      }),
    );
  }
  out.push(
    normLayer({ name: "final norm", rows, width: spec.hidden, kind: spec.norm, bytes, placement: "outside" }),
  );
  out.push(
    logitsLayer({
      name: "logits",
      rows,
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
 * KV cache for inference, bytes per token of context: 2 (K and V) · layers · kvHeads · headDim · bytes
 * (Pope et al. 2022 §3.1; GQA shrinks it by heads/kvHeads, Ainslie et al. 2023); with multi-head
 * latent attention, layers · (kvLoraRank + ropeHeadDim) · bytes (DeepSeek-V2 §2.1.2: the latent and
 * the shared rope key, 512 + 64 = 576 elements per layer). Sliding windows bound the tokens kept, not
 * the bytes per token (see src/plan/inferenceProfile.ts).
 */
export function decoderKvCacheBytesPerToken(spec: DecoderSpec, bytes: number): number {
  if (spec.mla) return spec.layers * (spec.mla.kvLoraRank + spec.mla.ropeHeadDim) * bytes;
  return 2 * spec.layers * spec.kvHeads * spec.headDim * bytes;
}

/** The `decoder` workload family (GPT/Llama style, dense or MoE). Unit: token; default seq: `spec.seq`. */
export const decoderFamily: WorkloadFamily<DecoderSpec> = {
  name: "decoder",
  schema: DecoderSpecSchema,
  unit: "token",
  defaultSeq: (spec) => spec.seq,
  layers: decoderLayers,
  shape: (spec) => ({
    hidden: spec.hidden,
    heads: spec.heads,
    kvHeads: spec.kvHeads,
    headDim: spec.headDim,
    causal: true,
    experts: spec.experts,
    topK: spec.topK,
    tiedEmbeddings: spec.tiedEmbeddings,
    dropout: spec.dropout,
  }),
  boundaries: () => ({ pre: 1, post: 2 }), // embedding | blocks | final norm, logits
  scale: scaleHeads,
  modelFlopsPerUnit: palmModelFlops,
  kvCacheBytesPerToken: decoderKvCacheBytesPerToken,
};
