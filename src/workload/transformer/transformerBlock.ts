import type { LayerCost } from "../layerCost.js";
import { type AttentionPositions, attentionLayer } from "./attentionLayer.js";
import type { MlaShape } from "./decoderSpec.js";
import { latentAttentionLayer } from "./latentAttentionLayer.js";
import type { MlpKind } from "./mlpParts.js";
import { mlpLayer } from "./mlpLayer.js";
import { moeLayer } from "./moeLayer.js";
import { normLayer } from "./normLayer.js";

/** Shape of one transformer block (shared by the decoder, encoder and encoder-decoder families). */
export interface BlockOptions {
  /** Name prefix, e.g. "block 3" or "decoder 3". */
  name: string;
  batch: number;
  seq: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  ffn: number;
  mlp: MlpKind;
  norm: "layernorm" | "rmsnorm";
  bias: boolean;
  dropout: boolean;
  positions: AttentionPositions;
  /** Parameters of a T5 relative-bias table owned by this block's self-attention (first block only). */
  biasTableParams?: number;
  /** Encoder-decoder: source length and cross-attention bias-table ownership; absent for one stack. */
  cross?: { seqKV: number; positions: AttentionPositions; biasTableParams?: number };
  /** Multi-head latent attention instead of MHA/GQA self-attention (decoders; see `latentAttentionLayer`). */
  mla?: MlaShape | undefined;
  /** MoE feed-forward instead of a dense MLP. */
  moe?: { experts: number; topK: number; sharedExperts: number; capacityFactor: number };
  bytes: number;
}

/** The fields of a block that come straight from a spec (the shape every transformer family shares). */
export type BlockShape = Pick<
  BlockOptions,
  "hidden" | "heads" | "kvHeads" | "headDim" | "ffn" | "mlp" | "norm" | "bias" | "dropout" | "mla"
>;

/** {@link BlockShape} of a decoder, encoder or encoder-decoder spec. */
export function blockShape(spec: BlockShape): BlockShape {
  const { hidden, heads, kvHeads, headDim, ffn, mlp, norm, bias, dropout, mla } = spec;
  return { hidden, heads, kvHeads, headDim, ffn, mlp, norm, bias, dropout, ...(mla ? { mla } : {}) };
}

/**
 * One transformer block as its layers: norm, self-attention, [norm, cross-attention,] norm, MLP or MoE.
 * Costs do not depend on whether the norm comes before (GPT-2 onwards) or after (Vaswani, BERT) the
 * residual add, so one order serves both. Summed over a GPT-style block with 16-bit activations and
 * dropout, the activation bytes are Korthikanti et al. 2022 eq. (1), sbh(34 + 5as/h): norms 4sbh,
 * attention 11sbh + 5as²b, MLP 19sbh; under full recompute only the block input (2sbh), kept by the
 * first norm, remains.
 */
export function transformerBlock(o: BlockOptions): LayerCost[] {
  const rows = o.batch * o.seq;
  const e = o.bytes;
  const norm = (label: string, first: boolean) =>
    normLayer({
      name: `${o.name} ${label}`,
      rows,
      width: o.hidden,
      kind: o.norm,
      bytes: e,
      placement: first ? "block-first" : "block-inner",
    });
  const attention = {
    batch: o.batch,
    seqQ: o.seq,
    hidden: o.hidden,
    heads: o.heads,
    kvHeads: o.kvHeads,
    headDim: o.headDim,
    bias: o.bias,
    dropout: o.dropout,
    bytes: e,
  };
  const out: LayerCost[] = [
    norm("attention norm", true),
    o.mla
      ? latentAttentionLayer({ ...attention, name: `${o.name} attention`, seq: o.seq, mla: o.mla })
      : attentionLayer({
          ...attention,
          name: `${o.name} attention`,
          seqKV: o.seq,
          positions: o.positions,
          biasTableParams: o.biasTableParams ?? 0,
        }),
  ];
  if (o.cross) {
    out.push(norm("cross-attention norm", false));
    out.push(
      attentionLayer({
        ...attention,
        name: `${o.name} cross-attention`,
        seqKV: o.cross.seqKV,
        positions: o.cross.positions,
        biasTableParams: o.cross.biasTableParams ?? 0,
        cross: true,
      }),
    );
  }
  out.push(norm("mlp norm", false));
  const ffn = { rows, hidden: o.hidden, ffn: o.ffn, mlp: o.mlp, bias: o.bias, dropout: o.dropout, bytes: e };
  out.push(
    o.moe
      ? moeLayer({ ...ffn, ...o.moe, name: `${o.name} moe` })
      : mlpLayer({ ...ffn, name: `${o.name} mlp` }),
  );
  return out;
}
