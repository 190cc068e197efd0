import { z } from "zod";
import { isGated, type MlpKind } from "./mlpParts.js";
import { resolveHeads } from "./resolveHeads.js";
import { layerCount, seqCount, vocabCount, widthCount } from "../dimensions.js";

/**
 * Multi-head latent attention (DeepSeek-AI 2024, DeepSeek-V2 §2.1, eq. 9-19; HF `DeepseekV2Config`):
 * keys and values are compressed into one latent of `kvLoraRank` per token (the KV cache), queries
 * optionally into `qLoraRank`; each head has `nopeHeadDim` + `ropeHeadDim` query/key dims (the rope key
 * is shared by the heads and cached beside the latent) and `vHeadDim` value dims. DeepSeek-V2:
 * kvLoraRank 512, qLoraRank 1536, ropeHeadDim 64, nopeHeadDim 128, vHeadDim 128.
 */
export const MlaSchema = z.strictObject({
  kvLoraRank: widthCount,
  qLoraRank: widthCount.optional(),
  ropeHeadDim: widthCount,
  nopeHeadDim: widthCount,
  vHeadDim: widthCount,
});

/** A multi-head latent attention shape (see {@link MlaSchema}). */
export type MlaShape = z.output<typeof MlaSchema>;

/**
 * The default feed-forward width: 4·hidden for GELU (Vaswani et al. 2017, GPT-2/3); for SwiGLU
 * Llama's rule, 2/3 of 4·hidden rounded up to a multiple of 256 (Touvron et al. 2023, reference code
 * `multiple_of = 256`: hidden 4096 gives 11008), which keeps the parameter widthCount of a 4·hidden GELU MLP
 * (Shazeer 2020 §2). Models with `ffn_dim_multiplier` (Llama 2 70B, Llama 3) state `ffn` explicitly.
 */
export function defaultFfn(hidden: number, mlp: MlpKind): number {
  if (isGated(mlp)) return 256 * Math.ceil((8 * hidden) / 3 / 256);
  return 4 * hidden;
}

/**
 * A decoder-only transformer (GPT-2/3, Llama, Mistral, Mixtral, Gopher/Chinchilla). Defaults:
 * - `kvHeads` = `heads` (MHA; fewer for GQA, 1 for MQA), `headDim` = hidden/heads (must divide);
 * - `mlp` = gelu (also `relu`: OPT, Zhang et al. 2022 §2.1; `swiglu`: Llama; `gated-gelu`, GeGLU:
 *   GLM-130B, Zeng et al. 2022 §2.1, and Gemma), `ffn` = {@link defaultFfn}; `seq` (context) = 2048;
 * - `tiedEmbeddings` = true, `positions` = learned (GPT); `rotary` (Llama) and `relative`
 *   (Transformer-XL, as Gopher/Chinchilla) add no position table; `norm` = layernorm;
 * - `bias` and `dropout` default to true for the GPT style (an ungated MLP with layernorm: GPT, OPT)
 *   and false otherwise (Llama and Mistral have neither);
 * - MoE: `experts` = 1 (dense), `topK` = min(2, experts) (GShard, Mixtral), `sharedExperts` = 0,
 *   `expertInterval` = 1 (layer i, counted from 0, is MoE when (i + 1) is a multiple of it),
 *   `capacityFactor` = 1.0 (sizes expert buffers, not FLOPs; see `moeLayer`);
 * - optional, for serving (added with issue 15, absent by default so existing specs are unchanged):
 *   `mla` (multi-head latent attention, {@link MlaSchema}: replaces the Q/K/V projections and the KV
 *   cache), `slidingWindow` (tokens each query attends to: Mistral 7B v0.1 4096, Jiang et al. 2023 §2)
 *   and `globalLayerInterval` (every n-th layer keeps full attention, the others the window: Gemma 2
 *   alternates, n = 2; absent: every layer windowed). The window bounds the KV cache and decode
 *   attention; the training workload still costs the full causal square (an overcount past the window).
 */
export const DecoderSpecSchema = z
  .strictObject({
    family: z.literal("decoder"),
    layers: layerCount,
    hidden: widthCount,
    heads: widthCount,
    kvHeads: widthCount.optional(),
    headDim: widthCount.optional(),
    ffn: widthCount.optional(),
    mlp: z.enum(["gelu", "swiglu", "relu", "gated-gelu"]).default("gelu"),
    vocab: vocabCount,
    seq: seqCount.default(2048),
    tiedEmbeddings: z.boolean().default(true),
    positions: z.enum(["learned", "rotary", "relative"]).default("learned"),
    norm: z.enum(["layernorm", "rmsnorm"]).default("layernorm"),
    bias: z.boolean().optional(),
    dropout: z.boolean().optional(),
    experts: widthCount.default(1),
    topK: widthCount.optional(),
    sharedExperts: z.number().int().nonnegative().default(0),
    expertInterval: widthCount.default(1),
    capacityFactor: z.number().positive().default(1),
    mla: MlaSchema.optional(),
    slidingWindow: seqCount.optional(),
    globalLayerInterval: widthCount.optional(),
  })
  .transform((v, ctx) => {
    const fail = (path: string, input: unknown, message: string) => {
      ctx.issues.push({ code: "custom", message, input, path: [path] });
      return z.NEVER;
    };
    const heads = resolveHeads(v, ctx);
    if (!heads) return z.NEVER;
    const topK = v.topK ?? Math.min(2, v.experts);
    if (topK > v.experts) return fail("topK", topK, `at most experts (${v.experts})`);
    if (v.globalLayerInterval !== undefined && v.slidingWindow === undefined)
      return fail("globalLayerInterval", v.globalLayerInterval, "only with slidingWindow");
    const gptStyle = !isGated(v.mlp) && v.norm === "layernorm";
    return {
      ...v,
      ...heads,
      ffn: v.ffn ?? defaultFfn(v.hidden, v.mlp),
      bias: v.bias ?? gptStyle,
      dropout: v.dropout ?? gptStyle,
      topK,
    };
  });

/** A decoder spec with every default filled in (the schema's output). */
export type DecoderSpec = z.output<typeof DecoderSpecSchema>;

/** What a user may write: the schema's input, optional fields omitted. */
export type DecoderSpecInput = z.input<typeof DecoderSpecSchema>;
