import { describe, expect, it } from "vitest";
import { fromHuggingFaceConfig } from "../../../src/workload/hf/fromHuggingFaceConfig.js";
import { decoderLayers } from "../../../src/workload/transformer/decoderFamily.js";
import type { DecoderSpec } from "../../../src/workload/transformer/decoderSpec.js";
import { encoderDecoderLayers } from "../../../src/workload/transformer/encoderDecoderFamily.js";
import type { EncoderDecoderSpec } from "../../../src/workload/transformer/encoderDecoderSpec.js";
import { encoderLayers } from "../../../src/workload/transformer/encoderFamily.js";
import type { EncoderSpec } from "../../../src/workload/transformer/encoderSpec.js";
import { modelTotals } from "../../../src/workload/transformer/modelTotals.js";

// Configs copied (relevant keys) from the public config.json files on the Hugging Face Hub.
const LLAMA2_7B = {
  model_type: "llama",
  hidden_size: 4096,
  intermediate_size: 11008,
  max_position_embeddings: 4096,
  num_attention_heads: 32,
  num_hidden_layers: 32,
  num_key_value_heads: 32,
  vocab_size: 32000,
  tie_word_embeddings: false,
  hidden_act: "silu",
  rms_norm_eps: 1e-5,
};
const MIXTRAL = {
  model_type: "mixtral",
  hidden_size: 4096,
  intermediate_size: 14336,
  max_position_embeddings: 32768,
  num_attention_heads: 32,
  num_hidden_layers: 32,
  num_key_value_heads: 8,
  num_local_experts: 8,
  num_experts_per_tok: 2,
  vocab_size: 32000,
  tie_word_embeddings: false,
};
const GPT2 = {
  model_type: "gpt2",
  n_embd: 768,
  n_layer: 12,
  n_head: 12,
  n_positions: 1024,
  n_ctx: 1024,
  vocab_size: 50257,
  n_inner: null,
};
const PYTHIA_160M = {
  model_type: "gpt_neox",
  hidden_size: 768,
  intermediate_size: 3072,
  max_position_embeddings: 2048,
  num_attention_heads: 12,
  num_hidden_layers: 12,
  vocab_size: 50304,
  tie_word_embeddings: false,
};
const BERT_BASE = {
  model_type: "bert",
  hidden_size: 768,
  num_hidden_layers: 12,
  num_attention_heads: 12,
  intermediate_size: 3072,
  vocab_size: 30522,
  max_position_embeddings: 512,
  type_vocab_size: 2,
  hidden_act: "gelu",
  hidden_dropout_prob: 0.1,
};
const T5_BASE = {
  model_type: "t5",
  d_model: 768,
  d_ff: 3072,
  d_kv: 64,
  num_heads: 12,
  num_layers: 6 * 2,
  vocab_size: 32128,
  feed_forward_proj: "relu",
  relative_attention_num_buckets: 32,
  dropout_rate: 0.1,
  n_positions: 512,
};

const params = (spec: ReturnType<typeof fromHuggingFaceConfig>) => {
  const shape = { batch: 1, seq: 16, bytes: 2 };
  if (spec.family === "decoder") return modelTotals(decoderLayers(spec as DecoderSpec, shape));
  if (spec.family === "encoder") return modelTotals(encoderLayers(spec as EncoderSpec, shape));
  return modelTotals(encoderDecoderLayers(spec as EncoderDecoderSpec, shape));
};

describe("fromHuggingFaceConfig", () => {
  it("Llama-2-7b → 6.74e9 params (Touvron et al. 2023b)", () => {
    const spec = fromHuggingFaceConfig(LLAMA2_7B);
    expect(spec).toMatchObject({
      family: "decoder",
      mlp: "swiglu",
      norm: "rmsnorm",
      positions: "rotary",
      seq: 4096,
    });
    expect(Math.abs(params(spec).params / 6.74e9 - 1)).toBeLessThan(1e-3);
  });
  it("a 32,768-token context trains at 4,096 by default (Mistral 7B's config; Llama 2's 4,096 stays)", () => {
    // max_position_embeddings 32768 would mean 2.14 TiB of activations at batch 1 (issue 13); the
    // cap is the pretraining length of Llama 2 (Touvron et al. 2023 §2.2)
    const mistral = fromHuggingFaceConfig({
      ...MIXTRAL,
      model_type: "mistral",
      num_local_experts: undefined,
    });
    expect(mistral.seq).toBe(4096);
    expect(fromHuggingFaceConfig({ ...LLAMA2_7B, max_position_embeddings: 2048 }).seq).toBe(2048);
  });
  it("Mixtral-8x7B → 46.7B total, 12.9B active", () => {
    const t = params(fromHuggingFaceConfig(MIXTRAL));
    expect(Math.abs(t.params / 46.7e9 - 1)).toBeLessThan(5e-3);
    expect(Math.abs(t.activeParams / 12.9e9 - 1)).toBeLessThan(5e-3);
  });
  it("Mistral and Qwen2 read as Llama-style decoders with GQA", () => {
    const spec = fromHuggingFaceConfig({
      ...MIXTRAL,
      model_type: "mistral",
      num_local_experts: undefined,
    }) as DecoderSpec;
    expect(spec).toMatchObject({ kvHeads: 8, experts: 1 });
    expect(fromHuggingFaceConfig({ ...LLAMA2_7B, model_type: "qwen2" }).family).toBe("decoder");
  });
  it("gpt2 → 124,439,808 params (hand: 12·(12·768² + 13·768) + (50257 + 1024)·768 + 2·768)", () => {
    expect(params(fromHuggingFaceConfig(GPT2)).params).toBe(
      12 * (12 * 768 ** 2 + 13 * 768) + (50257 + 1024) * 768 + 2 * 768,
    );
  });
  it("Pythia-160m (gpt_neox) → 162,322,944 params (the count on its model card is 162M; hand below)", () => {
    // 12·(12·768² + 13·768) + 2·50304·768 + 2·768
    expect(params(fromHuggingFaceConfig(PYTHIA_160M)).params).toBe(
      12 * (12 * 768 ** 2 + 13 * 768) + 2 * 50304 * 768 + 2 * 768,
    );
  });
  it("bert-base-uncased → encoder with token types and MLM head", () => {
    const spec = fromHuggingFaceConfig(BERT_BASE);
    expect(spec).toMatchObject({ family: "encoder", tokenTypes: 2, seq: 512, dropout: true });
  });
  it("t5-base → encoder-decoder, 222,903,552 params", () => {
    expect(params(fromHuggingFaceConfig(T5_BASE)).params).toBe(222903552);
    expect(fromHuggingFaceConfig({ ...T5_BASE, feed_forward_proj: "gated-gelu" })).toMatchObject({
      mlp: "gated-gelu",
    });
  });
  it("unknown model_type, missing or ill-typed keys are InputErrors naming them", () => {
    expect(() => fromHuggingFaceConfig({ ...LLAMA2_7B, model_type: "bloom" })).toThrow(
      /^model_type: got "bloom", expected one of llama/,
    );
    expect(() => fromHuggingFaceConfig({ hidden_size: 1 })).toThrow(/^model_type: got nothing/);
    const { intermediate_size: _drop, ...noFfn } = LLAMA2_7B;
    expect(() => fromHuggingFaceConfig(noFfn)).toThrow(
      /^intermediate_size: got nothing, expected a positive integer/,
    );
    expect(() => fromHuggingFaceConfig({ ...GPT2, n_layer: "12" })).toThrow(/^n_layer: got "12"/);
    expect(() => fromHuggingFaceConfig([1])).toThrow(/^config.json: got \[1\]/);
    expect(() => fromHuggingFaceConfig({ ...T5_BASE, feed_forward_proj: "swish" })).toThrow(
      /^feed_forward_proj/,
    );
  });
});
