import { InputError } from "../../units/InputError.js";
import type { DecoderSpecInput } from "../transformer/decoderSpec.js";
import type { ConfigReader } from "./configReader.js";

// Decoder-only readers of Hugging Face configs (one per config class family); the dispatch on
// `model_type` is fromHuggingFaceConfig.ts. Defaults for absent keys are the transformers classes'.

/** A rate (dropout) that is present and above zero. */
export const positive = (x: number | undefined) => x !== undefined && x > 0;

/**
 * The training sequence a config implies when none is given: its context, capped at 4,096 tokens.
 * `max_position_embeddings` is the longest context a model serves, often reached only by a short
 * long-context phase at the end of pretraining (Llama 3: 8,192 tokens for pretraining, 128K only in
 * its final stage, Dubey et al. 2024 §3.4; Mistral 7B's config says 32,768 over a 4,096 sliding window).
 * Most pretraining steps run at 2,048-4,096 tokens (GPT-3 2,048, Brown et al. 2020 §2.3; Llama 2 4,096,
 * Touvron et al. 2023 §2.2), so 4,096 is the cap; `--seq` overrides it.
 */
export const HF_TRAINING_SEQ_CAP = 4096;

/** A config's context, capped at {@link HF_TRAINING_SEQ_CAP}. */
export const trainingSeq = (context: number) => Math.min(context, HF_TRAINING_SEQ_CAP);

/**
 * Llama-style decoders (`LlamaConfig`, `MistralConfig`, `MixtralConfig`, `Qwen2Config`, `Qwen3Config`,
 * `Phi3Config` in transformers): SwiGLU (`hidden_act` silu), RMSNorm, rotary positions. Keys: hidden_size,
 * num_hidden_layers, num_attention_heads, num_key_value_heads (default heads), head_dim (optional),
 * intermediate_size, vocab_size, max_position_embeddings → seq (capped, {@link HF_TRAINING_SEQ_CAP}), tie_word_embeddings (default false,
 * as in transformers), attention_bias (default false), attention_dropout (> 0 → dropout);
 * Mixtral adds num_local_experts and num_experts_per_tok. Qwen2's biases on Q, K and V only
 * ((q + 2k) per layer) are not modelled: `bias` is all-or-nothing; nor are Qwen3's RMSNorms on each
 * head's query and key (2·head_dim weights a layer, 256 of Qwen3-8B's 193M) or Phi-3's partial rotary
 * (no parameters). Phi-3 fuses Q, K, V and gate, up into two matrices of the same sizes.
 */
export function llamaLike(c: ConfigReader, moe: boolean): DecoderSpecInput {
  const spec: DecoderSpecInput = {
    family: "decoder",
    layers: c.int("num_hidden_layers"),
    hidden: c.int("hidden_size"),
    heads: c.int("num_attention_heads"),
    kvHeads: c.optInt("num_key_value_heads") ?? c.int("num_attention_heads"),
    ffn: c.int("intermediate_size"),
    mlp: "swiglu",
    vocab: c.int("vocab_size"),
    seq: trainingSeq(c.int("max_position_embeddings")),
    tiedEmbeddings: c.optBool("tie_word_embeddings") ?? false,
    positions: "rotary",
    norm: "rmsnorm",
    bias: c.optBool("attention_bias") ?? false,
    dropout: positive(c.optNumber("attention_dropout")),
  };
  const headDim = c.optInt("head_dim");
  if (headDim !== undefined) spec.headDim = headDim;
  if (moe) {
    spec.experts = c.int("num_local_experts");
    spec.topK = c.int("num_experts_per_tok");
  }
  return spec;
}

/** GPT-2 (`GPT2Config`): n_embd, n_layer, n_head, n_positions (or n_ctx), vocab_size, n_inner (null: 4·n_embd), tied, resid_pdrop (default 0.1). */
export function gpt2(c: ConfigReader): DecoderSpecInput {
  const hidden = c.int("n_embd");
  return {
    family: "decoder",
    layers: c.int("n_layer"),
    hidden,
    heads: c.int("n_head"),
    ffn: c.optInt("n_inner") ?? 4 * hidden,
    vocab: c.int("vocab_size"),
    seq: trainingSeq(c.int("n_positions", "n_ctx")),
    tiedEmbeddings: c.optBool("tie_word_embeddings") ?? true,
    positions: "learned",
    norm: "layernorm",
    bias: true,
    dropout: positive(c.optNumber("resid_pdrop") ?? 0.1),
  };
}

/** GPT-NeoX / Pythia (`GPTNeoXConfig`): LayerNorm with biases, GELU, rotary, untied by default. */
export function gptNeox(c: ConfigReader): DecoderSpecInput {
  return {
    family: "decoder",
    layers: c.int("num_hidden_layers"),
    hidden: c.int("hidden_size"),
    heads: c.int("num_attention_heads"),
    ffn: c.int("intermediate_size"),
    vocab: c.int("vocab_size"),
    seq: trainingSeq(c.int("max_position_embeddings")),
    tiedEmbeddings: c.optBool("tie_word_embeddings") ?? false,
    positions: "rotary",
    norm: "layernorm",
    bias: true,
    dropout: positive(c.optNumber("hidden_dropout")) || positive(c.optNumber("attention_dropout")),
  };
}

/**
 * Gemma (`GemmaConfig`) and Gemma 2 (`Gemma2Config`): GeGLU (`hidden_activation` or `hidden_act`
 * gelu_pytorch_tanh; Gemma Team 2024, arXiv 2403.08295 §2), RMSNorm, rotary, head_dim (default 256),
 * embeddings tied (default true). Gemma 2 alternates a sliding-window layer and a global one
 * (`Gemma2DecoderLayer.is_sliding` = even layer index: `globalLayerInterval` 2 over `sliding_window`,
 * default 4096; Gemma Team 2024b, arXiv 2408.00118 §2). Not modelled: Gemma 2's second pair of norms
 * around each sub-layer (2·hidden weights a layer, 0.004% of 9B) and its logit soft-capping (no FLOPs
 * that matter).
 */
export function gemma(c: ConfigReader, version: 1 | 2): DecoderSpecInput {
  const act = c.optString("hidden_activation") ?? c.optString("hidden_act") ?? "gelu_pytorch_tanh";
  if (!act.startsWith("gelu"))
    throw new InputError("hidden_activation", act, "a GELU (gelu_pytorch_tanh or gelu): Gemma's GeGLU");
  // a Llama-style decoder with a GELU gate, 256-wide heads and tied embeddings by default
  const spec: DecoderSpecInput = {
    ...llamaLike(c, false),
    headDim: c.optInt("head_dim") ?? 256,
    mlp: "gated-gelu",
    tiedEmbeddings: c.optBool("tie_word_embeddings") ?? true,
  };
  if (version === 2) {
    spec.slidingWindow = c.optInt("sliding_window") ?? 4096;
    spec.globalLayerInterval = 2;
  }
  return spec;
}

/**
 * OPT (`OPTConfig`; Zhang et al. 2022, arXiv 2205.01068 §2.1): ReLU (`activation_function`), LayerNorm
 * before each sub-layer, learned positions, biases (`enable_bias`, default true), dropout 0.1, tied.
 * Keys: hidden_size, num_hidden_layers, num_attention_heads, ffn_dim, vocab_size,
 * max_position_embeddings. The learned table's two offset rows (`OPTLearnedPositionalEmbedding`) are not
 * counted (2·hidden). OPT-350m's embedding projections (`word_embed_proj_dim` ≠ hidden_size) and a
 * post-LayerNorm model (`do_layer_norm_before` false) are refused rather than costed as something else.
 */
export function opt(c: ConfigReader): DecoderSpecInput {
  const hidden = c.int("hidden_size");
  const act = c.optString("activation_function") ?? "relu";
  if (act !== "relu" && act !== "gelu") throw new InputError("activation_function", act, "relu or gelu");
  const proj = c.optInt("word_embed_proj_dim");
  if (proj !== undefined && proj !== hidden)
    throw new InputError(
      "word_embed_proj_dim",
      proj,
      `hidden_size (${hidden}): embedding projections (OPT-350m) are not modelled`,
    );
  if (c.optBool("do_layer_norm_before") === false)
    throw new InputError("do_layer_norm_before", false, "true: post-LayerNorm OPT is not modelled");
  return {
    family: "decoder",
    layers: c.int("num_hidden_layers"),
    hidden,
    heads: c.int("num_attention_heads"),
    ffn: c.int("ffn_dim"),
    mlp: act,
    vocab: c.int("vocab_size"),
    seq: trainingSeq(c.int("max_position_embeddings")),
    tiedEmbeddings: c.optBool("tie_word_embeddings") ?? true,
    positions: "learned",
    norm: "layernorm",
    bias: c.optBool("enable_bias") ?? true,
    dropout: positive(c.optNumber("dropout") ?? 0.1),
  };
}

/**
 * Qwen MoE (`Qwen2MoeConfig`, `Qwen3MoeConfig`): a Llama-style decoder whose MLPs are `num_experts`
 * SwiGLU experts of `moe_intermediate_size`, `num_experts_per_tok` routed, on every
 * `decoder_sparse_step`-th layer (default 1; the spec's `expertInterval`, same rule); Qwen2-MoE adds
 * always-on shared experts of `shared_expert_intermediate_size` in total, counted as that many experts of
 * the routed width (Qwen1.5-MoE-A2.7B: 5632 = 4 × 1408). Refused, not approximated: dense layers of a
 * different width (`intermediate_size` ≠ `moe_intermediate_size` with a sparse step above 1),
 * `mlp_only_layers`, and a shared width that is not a whole number of experts. Not modelled: Qwen2-MoE's
 * one-unit shared-expert gate (hidden weights a layer).
 */
export function qwenMoe(c: ConfigReader, withShared: boolean): DecoderSpecInput {
  const spec = llamaLike(c, false);
  const width = c.int("moe_intermediate_size");
  const step = c.optInt("decoder_sparse_step") ?? 1;
  if (step > 1 && c.int("intermediate_size") !== width)
    throw new InputError(
      "intermediate_size",
      c.int("intermediate_size"),
      `moe_intermediate_size (${width}) when decoder_sparse_step > 1: dense layers of another width are not modelled`,
    );
  const denseLayers = c.optList("mlp_only_layers");
  if (denseLayers.length > 0)
    throw new InputError(
      "mlp_only_layers",
      denseLayers,
      "[]: dense layers among MoE layers are not modelled",
    );
  const shared = withShared ? (c.optInt("shared_expert_intermediate_size") ?? 0) : 0;
  if (shared % width !== 0)
    throw new InputError(
      "shared_expert_intermediate_size",
      shared,
      `a multiple of moe_intermediate_size (${width})`,
    );
  return {
    ...spec,
    ffn: width,
    experts: c.int("num_experts"),
    topK: c.int("num_experts_per_tok"),
    sharedExperts: shared / width,
    expertInterval: step,
  };
}

/**
 * Falcon (`FalconConfig`; Almazrouei et al. 2023): GELU MLP of `ffn_hidden_size` (default 4·hidden),
 * LayerNorm, rotary (or ALiBi, `alibi`, costed as the relative positions it is: no table), no biases
 * (`bias`, default false), tied embeddings, multi-query attention (`multi_query`, default true) or, in
 * the 40B/180B layout (`new_decoder_architecture`), `num_kv_heads` groups. Its parallel block
 * (`parallel_attn`: attention and MLP read the same normalised input) is costed as the sequential one:
 * the same GEMMs and attention, one LayerNorm more a layer (2·hidden weights, 0.004% of Falcon-7B).
 */
export function falcon(c: ConfigReader): DecoderSpecInput {
  const hidden = c.int("hidden_size");
  const heads = c.int("num_attention_heads");
  const grouped = c.optBool("new_decoder_architecture") === true;
  const kvHeads = grouped
    ? (c.optInt("num_kv_heads") ?? heads)
    : c.optBool("multi_query") === false
      ? heads
      : 1;
  const act = c.optString("activation") ?? "gelu";
  if (act !== "gelu") throw new InputError("activation", act, "gelu: Falcon's MLP");
  return {
    family: "decoder",
    layers: c.int("num_hidden_layers"),
    hidden,
    heads,
    kvHeads,
    ffn: c.optInt("ffn_hidden_size") ?? 4 * hidden,
    mlp: "gelu",
    vocab: c.int("vocab_size"),
    seq: trainingSeq(c.optInt("max_position_embeddings") ?? 2048),
    tiedEmbeddings: c.optBool("tie_word_embeddings") ?? true,
    positions: c.optBool("alibi") === true ? "relative" : "rotary",
    norm: "layernorm",
    bias: c.optBool("bias") ?? false,
    dropout: positive(c.optNumber("hidden_dropout")) || positive(c.optNumber("attention_dropout")),
  };
}
