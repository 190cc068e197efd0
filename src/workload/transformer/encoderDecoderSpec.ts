import { z } from "zod";
import { resolveHeads } from "./resolveHeads.js";
import { defaultFfn } from "./decoderSpec.js";
import { layerCount, seqCount, vocabCount, widthCount } from "../dimensions.js";

/**
 * An encoder-decoder transformer: T5 (Raffel et al. 2020) and the Transformer of Vaswani et al. 2017.
 * Defaults follow T5 v1.0: `mlp` = relu (`gated-gelu` is T5 v1.1, Shazeer 2020), `ffn` = 4·hidden
 * (gated: Llama's 8/3 rule, see `defaultFfn`; T5 v1.1 states d_ff explicitly), `positions` = t5-bias (a
 * table of `relativeBuckets` (32) × heads scalars in the first self-attention layer of each stack,
 * shared by the others; no position table), `norm` = rmsnorm (T5's scale-only LayerNorm), `bias` =
 * false, `dropout` = true (p = 0.1), `tiedEmbeddings` = true (one table for encoder input, decoder input
 * and output), `seq` (encoder length) = 512, `targetSeq` (decoder length) = `seq`, `kvHeads` = `heads`,
 * `headDim` = hidden/heads (T5's d_kv). Vaswani's model is `positions: "sinusoidal"`,
 * `norm: "layernorm"`, `bias: true`.
 */
export const EncoderDecoderSpecSchema = z
  .strictObject({
    family: z.literal("encoder-decoder"),
    encoderLayers: layerCount,
    decoderLayers: layerCount,
    hidden: widthCount,
    heads: widthCount,
    kvHeads: widthCount.optional(),
    headDim: widthCount.optional(),
    ffn: widthCount.optional(),
    mlp: z.enum(["relu", "gelu", "gated-gelu", "swiglu"]).default("relu"),
    vocab: vocabCount,
    seq: seqCount.default(512),
    targetSeq: seqCount.optional(),
    positions: z.enum(["t5-bias", "sinusoidal", "learned"]).default("t5-bias"),
    relativeBuckets: widthCount.default(32),
    norm: z.enum(["layernorm", "rmsnorm"]).default("rmsnorm"),
    bias: z.boolean().default(false),
    dropout: z.boolean().default(true),
    tiedEmbeddings: z.boolean().default(true),
  })
  .transform((v, ctx) => {
    const heads = resolveHeads(v, ctx);
    if (!heads) return z.NEVER;
    return {
      ...v,
      ...heads,
      ffn: v.ffn ?? defaultFfn(v.hidden, v.mlp),
      targetSeq: v.targetSeq ?? v.seq,
    };
  });

/** An encoder-decoder spec with every default filled in. */
export type EncoderDecoderSpec = z.output<typeof EncoderDecoderSpecSchema>;
