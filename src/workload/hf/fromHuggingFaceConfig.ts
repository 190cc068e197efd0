import { InputError } from "../../units/InputError.js";
import { type DecoderSpec, type DecoderSpecInput, DecoderSpecSchema } from "../transformer/decoderSpec.js";
import { type EncoderDecoderSpec, EncoderDecoderSpecSchema } from "../transformer/encoderDecoderSpec.js";
import { type EncoderSpec, EncoderSpecSchema } from "../transformer/encoderSpec.js";
import { parseSpec } from "../transformer/parseSpec.js";
import { type ConfigReader, configReader } from "./configReader.js";

/** The `model_type` values {@link fromHuggingFaceConfig} understands. */
export const HF_MODEL_TYPES = [
  "llama",
  "mistral",
  "mixtral",
  "qwen2",
  "gpt2",
  "gpt_neox",
  "bert",
  "t5",
] as const;

/** A spec imported from a Hugging Face config, every default filled in. */
export type ImportedSpec = DecoderSpec | EncoderSpec | EncoderDecoderSpec;

const positive = (x: number | undefined) => x !== undefined && x > 0;

/**
 * The training sequence a config implies when none is given: its context, capped at 4,096 tokens.
 * `max_position_embeddings` is the longest context a model serves, often reached only by a short
 * long-context phase at the end of pretraining (Llama 3: 8,192 tokens for pretraining, 128K only in
 * its final stage, Dubey et al. 2024 §3.4; Mistral 7B's config says 32,768 over a 4,096 sliding window).
 * Most pretraining steps run at 2,048-4,096 tokens (GPT-3 2,048, Brown et al. 2020 §2.3; Llama 2 4,096,
 * Touvron et al. 2023 §2.2), so 4,096 is the cap; `--seq` overrides it.
 */
export const HF_TRAINING_SEQ_CAP = 4096;

const trainingSeq = (context: number) => Math.min(context, HF_TRAINING_SEQ_CAP);

/**
 * Llama-style decoders (`LlamaConfig`, `MistralConfig`, `MixtralConfig`, `Qwen2Config` in
 * transformers): SwiGLU (`hidden_act` silu), RMSNorm, rotary positions. Keys: hidden_size,
 * num_hidden_layers, num_attention_heads, num_key_value_heads (default heads), head_dim (optional),
 * intermediate_size, vocab_size, max_position_embeddings → seq (capped, {@link HF_TRAINING_SEQ_CAP}), tie_word_embeddings (default false,
 * as in transformers), attention_bias (default false), attention_dropout (> 0 → dropout);
 * Mixtral adds num_local_experts and num_experts_per_tok. Qwen2's biases on Q, K and V only
 * ((q + 2k) per layer) are not modelled: `bias` is all-or-nothing.
 */
function llamaLike(c: ConfigReader, moe: boolean): DecoderSpecInput {
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
function gpt2(c: ConfigReader): DecoderSpecInput {
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
function gptNeox(c: ConfigReader): DecoderSpecInput {
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

/** BERT (`BertConfig`): hidden_size, num_hidden_layers, num_attention_heads, intermediate_size, vocab_size, max_position_embeddings, type_vocab_size, hidden_dropout_prob. */
function bert(c: ConfigReader): EncoderSpec {
  const act = c.optString("hidden_act") ?? "gelu";
  return parseSpec(
    EncoderSpecSchema,
    {
      family: "encoder",
      layers: c.int("num_hidden_layers"),
      hidden: c.int("hidden_size"),
      heads: c.int("num_attention_heads"),
      ffn: c.int("intermediate_size"),
      mlp: act === "relu" ? "relu" : "gelu",
      vocab: c.int("vocab_size"),
      seq: trainingSeq(c.int("max_position_embeddings")),
      tokenTypes: c.optInt("type_vocab_size") ?? 2,
      dropout: positive(c.optNumber("hidden_dropout_prob") ?? 0.1),
    },
    "encoder spec",
  );
}

/**
 * T5 (`T5Config`): d_model, d_ff, d_kv, num_heads, num_layers, num_decoder_layers (default num_layers),
 * vocab_size, feed_forward_proj ("relu", v1.0; "gated-gelu", v1.1; "gated-silu"), tie_word_embeddings
 * (default true), relative_attention_num_buckets (default 32), dropout_rate (default 0.1), n_positions
 * (old configs; else 512, T5's pre-training input length).
 */
function t5(c: ConfigReader): EncoderDecoderSpec {
  const proj = c.optString("feed_forward_proj") ?? "relu";
  const mlp = { relu: "relu", "gated-gelu": "gated-gelu", "gated-silu": "swiglu", gelu: "gelu" }[proj];
  if (mlp === undefined)
    throw new InputError("feed_forward_proj", proj, "relu, gelu, gated-gelu or gated-silu");
  const layers = c.int("num_layers");
  return parseSpec(
    EncoderDecoderSpecSchema,
    {
      family: "encoder-decoder",
      encoderLayers: layers,
      decoderLayers: c.optInt("num_decoder_layers") ?? layers,
      hidden: c.int("d_model"),
      heads: c.int("num_heads"),
      headDim: c.int("d_kv"),
      ffn: c.int("d_ff"),
      mlp,
      vocab: c.int("vocab_size"),
      seq: c.optInt("n_positions") ?? 512,
      positions: "t5-bias",
      relativeBuckets: c.optInt("relative_attention_num_buckets") ?? 32,
      norm: "rmsnorm",
      bias: false,
      dropout: positive(c.optNumber("dropout_rate") ?? 0.1),
      tiedEmbeddings: c.optBool("tie_word_embeddings") ?? true,
    },
    "encoder-decoder spec",
  );
}

/**
 * Turn a Hugging Face `config.json` (parsed JSON) into a scalecast spec: `decoder` for llama, mistral,
 * mixtral, qwen2, gpt2 and gpt_neox; `encoder` for bert; `encoder-decoder` for t5. Each mapping is
 * documented on its reader; defaults for absent optional keys are those of the transformers library's
 * config classes.
 *
 * @throws InputError naming `model_type` when it is absent or not one of {@link HF_MODEL_TYPES}, or the
 *   missing or ill-typed config key.
 */
export function fromHuggingFaceConfig(json: unknown): ImportedSpec {
  const c = configReader(json);
  const type = c.optString("model_type");
  const decoder = (spec: DecoderSpecInput) => parseSpec(DecoderSpecSchema, spec, "decoder spec");
  switch (type) {
    case "llama":
    case "mistral":
    case "qwen2":
      return decoder(llamaLike(c, false));
    case "mixtral":
      return decoder(llamaLike(c, true));
    case "gpt2":
      return decoder(gpt2(c));
    case "gpt_neox":
      return decoder(gptNeox(c));
    case "bert":
      return bert(c);
    case "t5":
      return t5(c);
    default:
      throw new InputError("model_type", type, `one of ${HF_MODEL_TYPES.join(", ")}`);
  }
}
