import { z } from "zod";
import { resolveHeads } from "./resolveHeads.js";
import { defaultFfn } from "./decoderSpec.js";
import { layerCount, seqCount, vocabCount, widthCount } from "../dimensions.js";

/**
 * A bidirectional encoder (BERT, Devlin et al. 2019). Defaults follow BERT: `kvHeads` = `heads`,
 * `headDim` = hidden/heads, `mlp` = gelu, `ffn` = 4·hidden, `seq` = 512 (also the rows of the learned
 * position table), `tokenTypes` = 2 (segments A/B), `positions` = learned, `norm` = layernorm with an
 * embedding LayerNorm, `bias` = true, `dropout` = true (p = 0.1), `pooler` = true (dense + tanh on
 * [CLS]), `head` = "mlm" (dense + GELU + LayerNorm + decoder tied to the token table with a vocab bias;
 * costed on every token, as `BertForMaskedLM` computes it, not only the 15% masked), `tiedEmbeddings`
 * = true. `head: "none"` with the pooler is `BertModel`. `maskedFraction` runs the MLM head on that
 * fraction of each sequence's positions only (⌈fraction·seq⌉ rows per sample): DeepSpeed's "sparse
 * output processing", which discards the rows of the non-masked tokens before the projection ("only
 * about 15% of the tokens are masked", DeepSpeed team 2020, 'Microsoft DeepSpeed achieves the fastest
 * BERT training time', section 'Exploiting Sparsity of BERT's Output Processing').
 */
export const EncoderSpecSchema = z
  .strictObject({
    family: z.literal("encoder"),
    layers: layerCount,
    hidden: widthCount,
    heads: widthCount,
    kvHeads: widthCount.optional(),
    headDim: widthCount.optional(),
    ffn: widthCount.optional(),
    mlp: z.enum(["gelu", "relu"]).default("gelu"),
    vocab: vocabCount,
    seq: seqCount.default(512),
    tokenTypes: z.number().int().nonnegative().default(2),
    positions: z.enum(["learned", "rotary", "sinusoidal"]).default("learned"),
    norm: z.enum(["layernorm", "rmsnorm"]).default("layernorm"),
    embeddingNorm: z.boolean().default(true),
    bias: z.boolean().default(true),
    dropout: z.boolean().default(true),
    pooler: z.boolean().default(true),
    head: z.enum(["mlm", "none"]).default("mlm"),
    maskedFraction: z.number().gt(0).max(1).optional(),
    tiedEmbeddings: z.boolean().default(true),
  })
  .transform((v, ctx) => {
    const heads = resolveHeads(v, ctx);
    if (!heads) return z.NEVER;
    return {
      ...v,
      ...heads,
      ffn: v.ffn ?? defaultFfn(v.hidden, v.mlp),
    };
  });

/** An encoder spec with every default filled in. */
export type EncoderSpec = z.output<typeof EncoderSpecSchema>;
