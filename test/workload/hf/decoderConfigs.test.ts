import { describe, expect, it } from "vitest";
import { fromHuggingFaceConfig } from "../../../src/workload/hf/fromHuggingFaceConfig.js";
import { decoderLayers } from "../../../src/workload/transformer/decoderFamily.js";
import type { DecoderSpec } from "../../../src/workload/transformer/decoderSpec.js";
import { modelTotals } from "../../../src/workload/transformer/modelTotals.js";

// The relevant keys of public config.json files on the Hugging Face Hub (from memory, not re-read); each
// test checks the import against a hand count and the parameter count its authors publish.
const GEMMA_7B = {
  model_type: "gemma",
  hidden_size: 3072,
  intermediate_size: 24576,
  num_hidden_layers: 28,
  num_attention_heads: 16,
  num_key_value_heads: 16,
  head_dim: 256,
  vocab_size: 256000,
  max_position_embeddings: 8192,
  hidden_act: "gelu",
};
const GEMMA2_9B = {
  model_type: "gemma2",
  hidden_size: 3584,
  intermediate_size: 14336,
  num_hidden_layers: 42,
  num_attention_heads: 16,
  num_key_value_heads: 8,
  head_dim: 256,
  vocab_size: 256000,
  max_position_embeddings: 8192,
  sliding_window: 4096,
  hidden_activation: "gelu_pytorch_tanh",
};
const OPT_1_3B = {
  model_type: "opt",
  hidden_size: 2048,
  num_hidden_layers: 24,
  num_attention_heads: 32,
  ffn_dim: 8192,
  vocab_size: 50272,
  max_position_embeddings: 2048,
  word_embed_proj_dim: 2048,
  do_layer_norm_before: true,
  activation_function: "relu",
  dropout: 0.1,
  enable_bias: true,
};
const QWEN3_8B = {
  model_type: "qwen3",
  hidden_size: 4096,
  intermediate_size: 12288,
  num_hidden_layers: 36,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  head_dim: 128,
  vocab_size: 151936,
  max_position_embeddings: 40960,
  tie_word_embeddings: false,
};
const QWEN3_30B_A3B = {
  model_type: "qwen3_moe",
  hidden_size: 2048,
  intermediate_size: 6144,
  moe_intermediate_size: 768,
  num_hidden_layers: 48,
  num_attention_heads: 32,
  num_key_value_heads: 4,
  head_dim: 128,
  num_experts: 128,
  num_experts_per_tok: 8,
  decoder_sparse_step: 1,
  mlp_only_layers: [],
  vocab_size: 151936,
  max_position_embeddings: 40960,
  tie_word_embeddings: false,
};
const QWEN15_MOE_A27B = {
  model_type: "qwen2_moe",
  hidden_size: 2048,
  intermediate_size: 5632,
  moe_intermediate_size: 1408,
  shared_expert_intermediate_size: 5632,
  num_hidden_layers: 24,
  num_attention_heads: 16,
  num_key_value_heads: 16,
  num_experts: 60,
  num_experts_per_tok: 4,
  vocab_size: 151936,
  max_position_embeddings: 8192,
  tie_word_embeddings: false,
};
const PHI3_MINI = {
  model_type: "phi3",
  hidden_size: 3072,
  intermediate_size: 8192,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 32,
  vocab_size: 32064,
  max_position_embeddings: 4096,
  tie_word_embeddings: false,
};

const FALCON_7B = {
  model_type: "falcon",
  hidden_size: 4544,
  num_attention_heads: 71,
  num_hidden_layers: 32,
  vocab_size: 65024,
  multi_query: true,
  parallel_attn: true,
  bias: false,
  alibi: false,
  new_decoder_architecture: false,
};

const totals = (config: object) => {
  const spec = fromHuggingFaceConfig(config) as DecoderSpec;
  return { spec, ...modelTotals(decoderLayers(spec, { batch: 1, seq: 16, bytes: 2 })) };
};
const near = (actual: number, published: number, tolerance: number) =>
  expect(Math.abs(actual / published - 1)).toBeLessThan(tolerance);

describe("Hugging Face decoder configs", () => {
  it("gemma-7b: GeGLU, tied, head 256; non-embedding 7,751,248,896 as Gemma Team 2024 Table 2", () => {
    const t = totals(GEMMA_7B);
    expect(t.spec).toMatchObject({ mlp: "gated-gelu", tiedEmbeddings: true, headDim: 256, seq: 4096 });
    // the paper's table counts the tokenizer's 256,128 rows; the checkpoint holds 256,000
    expect(t.params).toBe(7_751_248_896 + 256000 * 3072);
  });
  it("gemma-2-9b: every other layer a 4,096-token window; 9.24B (8,324,201,984 non-embedding: Gemma Team 2024b, arXiv 2408.00118, its parameter table)", () => {
    const t = totals(GEMMA2_9B);
    expect(t.spec).toMatchObject({ slidingWindow: 4096, globalLayerInterval: 2, kvHeads: 8 });
    // the published count has four norms a layer (Gemma 2's pre- and post-norms); we model two
    expect(t.params).toBe(8_324_201_984 - 2 * 3584 * 42 + 256000 * 3584);
  });
  it("opt-1.3b: ReLU, biases, learned positions; hand 24·(12·2048² + 13·2048) + (50272 + 2048)·2048 + 2·2048", () => {
    const t = totals(OPT_1_3B);
    expect(t.spec).toMatchObject({ mlp: "relu", bias: true, dropout: true, positions: "learned" });
    // 12h² + 13h a layer: 4h² + 4h attention, 8h² + 5h MLP (f = 4h), 4h in two LayerNorms
    expect(t.params).toBe(24 * (12 * 2048 ** 2 + 13 * 2048) + (50272 + 2048) * 2048 + 2 * 2048);
    near(t.params, 1.3e9, 0.02);
  });
  it("opt refuses what it would otherwise cost as something else (OPT-350m's projections, post-LN)", () => {
    expect(() => totals({ ...OPT_1_3B, word_embed_proj_dim: 512 })).toThrow(
      /^word_embed_proj_dim: got 512, expected hidden_size \(2048\)/,
    );
    expect(() => totals({ ...OPT_1_3B, do_layer_norm_before: false })).toThrow(/^do_layer_norm_before/);
  });
  it("Qwen3-8B: 8.2B total, 6.95B non-embedding (its model card)", () => {
    const t = totals(QWEN3_8B);
    near(t.params, 8.2e9, 0.005);
    near(t.params - 2 * 151936 * 4096, 6.95e9, 0.005);
  });
  it("Qwen3-30B-A3B: 30.5B total, 3.3B active (its model card)", () => {
    const t = totals(QWEN3_30B_A3B);
    expect(t.spec).toMatchObject({ experts: 128, topK: 8, ffn: 768, sharedExperts: 0 });
    near(t.params, 30.5e9, 0.005);
    near(t.activeParams, 3.3e9, 0.02);
  });
  it("Qwen1.5-MoE-A2.7B: four shared experts; 14.3B total, 2.7B active (its model card)", () => {
    const t = totals(QWEN15_MOE_A27B);
    expect(t.spec).toMatchObject({ experts: 60, topK: 4, sharedExperts: 4 });
    near(t.params, 14.3e9, 0.01);
    near(t.activeParams, 2.7e9, 0.01);
  });
  it("Qwen MoE shapes the spec cannot hold are refused, naming the key", () => {
    expect(() => totals({ ...QWEN3_30B_A3B, mlp_only_layers: [0] })).toThrow(
      /^mlp_only_layers: got \[0\], expected \[\]/,
    );
    expect(() => totals({ ...QWEN3_30B_A3B, decoder_sparse_step: 2 })).toThrow(
      /^intermediate_size: got 6144, expected moe_intermediate_size \(768\)/,
    );
    expect(() => totals({ ...QWEN15_MOE_A27B, shared_expert_intermediate_size: 5000 })).toThrow(
      /^shared_expert_intermediate_size: got 5000/,
    );
  });
  it("Phi-3-mini: 3.8B (Abdin et al. 2024 §2); hand 32·(4·3072² + 3·3072·8192 + 2·3072) + 2·32064·3072 + 3072", () => {
    const t = totals(PHI3_MINI);
    expect(t.params).toBe(32 * (4 * 3072 ** 2 + 3 * 3072 * 8192 + 2 * 3072) + 2 * 32064 * 3072 + 3072);
    near(t.params, 3.8e9, 0.01);
  });
  it("a Gemma config with another activation is refused", () => {
    expect(() => totals({ ...GEMMA_7B, hidden_act: "silu" })).toThrow(/^hidden_activation: got "silu"/);
  });
  it("falcon-7b: multi-query, no biases, tied; 6,921,720,704 with its one LayerNorm a layer, one more here", () => {
    const t = totals(FALCON_7B);
    expect(t.spec).toMatchObject({
      kvHeads: 1,
      headDim: 64,
      ffn: 4 * 4544,
      bias: false,
      tiedEmbeddings: true,
    });
    // a layer: Q and O 4544², K and V 4544·64 each, MLP 2·4544·18176, one LayerNorm 2·4544 (parallel block)
    const published =
      32 * (2 * 4544 ** 2 + 2 * 4544 * 64 + 2 * 4544 * 18176 + 2 * 4544) + 65024 * 4544 + 2 * 4544;
    expect(published).toBe(6_921_720_704);
    expect(t.params).toBe(published + 32 * 2 * 4544);
    // the 40B/180B layout groups the keys and values
    expect(totals({ ...FALCON_7B, new_decoder_architecture: true, num_kv_heads: 71 }).spec.kvHeads).toBe(71);
    expect(() => totals({ ...FALCON_7B, activation: "relu" })).toThrow(/^activation: got "relu"/);
  });
});
