import { InputError } from "../../units/InputError.js";
import { type DecoderSpec, type DecoderSpecInput, DecoderSpecSchema } from "../transformer/decoderSpec.js";
import { type EncoderDecoderSpec, EncoderDecoderSpecSchema } from "../transformer/encoderDecoderSpec.js";
import { type EncoderSpec, EncoderSpecSchema } from "../transformer/encoderSpec.js";
import { parseSpec } from "../transformer/parseSpec.js";
import { type ConfigReader, configReader } from "./configReader.js";
import {
  falcon,
  gemma,
  gpt2,
  gptNeox,
  llamaLike,
  opt,
  positive,
  qwenMoe,
  trainingSeq,
} from "./decoderConfigs.js";

export { HF_TRAINING_SEQ_CAP } from "./decoderConfigs.js";

/** The `model_type` values {@link fromHuggingFaceConfig} understands. */
export const HF_MODEL_TYPES = [
  "llama",
  "mistral",
  "mixtral",
  "qwen2",
  "qwen3",
  "phi3",
  "qwen2_moe",
  "qwen3_moe",
  "gemma",
  "gemma2",
  "opt",
  "falcon",
  "gpt2",
  "gpt_neox",
  "bert",
  "t5",
] as const;

/** A spec imported from a Hugging Face config, every default filled in. */
export type ImportedSpec = DecoderSpec | EncoderSpec | EncoderDecoderSpec;

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
 * mixtral, qwen2, qwen3, phi3, qwen2_moe, qwen3_moe, gemma, gemma2, opt, falcon, gpt2 and gpt_neox (readers in
 * decoderConfigs.ts); `encoder` for bert; `encoder-decoder` for t5. Each mapping is
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
    case "qwen3":
    case "phi3":
      return decoder(llamaLike(c, false));
    case "qwen2_moe":
      return decoder(qwenMoe(c, true));
    case "qwen3_moe":
      return decoder(qwenMoe(c, false));
    case "gemma":
      return decoder(gemma(c, 1));
    case "gemma2":
      return decoder(gemma(c, 2));
    case "opt":
      return decoder(opt(c));
    case "falcon":
      return decoder(falcon(c));
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
