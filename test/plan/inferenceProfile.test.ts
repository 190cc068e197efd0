import { describe, expect, it } from "vitest";
import { causalContextSum, expertsTouched } from "../../src/plan/inferenceForward.js";
import { inferenceProfile, kvCacheBytes } from "../../src/plan/inferenceProfile.js";
import { modelPreset } from "../../src/workload/presets/index.js";
import { trainingStep } from "../../src/workload/trainingStep.js";

/** A preset's spec as plain JSON, to change a field (the parsed union type is closed). */
const specOf = (name: string): Record<string, unknown> => ({ ...modelPreset(name).spec });

const LLAMA = {
  family: "decoder",
  mlp: "swiglu",
  norm: "rmsnorm",
  positions: "rotary",
  tiedEmbeddings: false,
} as const;
/** DeepSeek-V2-Lite as its HF config gives it (27 layers, hidden 2048, 16 heads, kv_lora_rank 512, no q
 * compression, rope 64, nope 128, v 128, 64 routed experts top-6, 2 shared, expert width 1408); its first
 * dense layer is taken as MoE here. */
const DEEPSEEK_LITE = {
  ...LLAMA,
  layers: 27,
  hidden: 2048,
  heads: 16,
  headDim: 128,
  ffn: 1408,
  vocab: 102400,
  seq: 4096,
  experts: 64,
  topK: 6,
  sharedExperts: 2,
  mla: { kvLoraRank: 512, ropeHeadDim: 64, nopeHeadDim: 128, vHeadDim: 128 },
};

describe("inferenceProfile", () => {
  it("Llama 2 7B: linear weights per block, embeddings and head add up to the published 6,738,415,616", () => {
    const p = inferenceProfile(modelPreset("llama2-7b").spec);
    // per block: Q, K, V, O 4·4096² + SwiGLU 3·4096·11008; two RMSNorms are not linear weights
    expect(p.layers[0]!.linearParams).toBe(4 * 4096 ** 2 + 3 * 4096 * 11008);
    // 32 blocks + embedding 32000·4096 + head 32000·4096 + norms 2·4096 per block + final 4096; the HF
    // count printed by PEFT (4,194,304 trainable of 6,742,609,920 with r = 8 on q, v) minus the adapters
    const norms = 32 * 2 * 4096 + 4096;
    expect(32 * p.layers[0]!.linearParams + p.embeddingParams + p.headParams + norms).toBe(6_738_415_616);
    expect(p.params.total).toBe(6_738_415_616);
  });

  it("KV cache per token: MHA 2·L·h·d, GQA by kv heads, MQA one head (Pope et al. 2022 §3.1)", () => {
    const l70 = inferenceProfile(modelPreset("llama2-70b").spec);
    // 2 (K, V) · 80 layers · 8 kv heads · 128 · 2 bytes = 327,680 bytes per token
    expect(kvCacheBytes(l70, { contextTokens: 1, bytesPerElement: 2 })).toBe(327_680);
    const l7 = inferenceProfile(modelPreset("llama2-7b").spec);
    expect(kvCacheBytes(l7, { contextTokens: 1, bytesPerElement: 2 })).toBe(2 * 32 * 32 * 128 * 2);
    const mqa = inferenceProfile({ ...specOf("llama2-7b"), kvHeads: 1 });
    expect(kvCacheBytes(mqa, { contextTokens: 1000, bytesPerElement: 1 })).toBe(1000 * 2 * 32 * 1 * 128);
    // under tp = 8 each rank keeps 1 of the 8 kv heads; MQA's single head is replicated on every rank
    expect(kvCacheBytes(l70, { contextTokens: 1, bytesPerElement: 2, tp: 8 })).toBe(327_680 / 8);
    expect(kvCacheBytes(mqa, { contextTokens: 1, bytesPerElement: 2, tp: 8 })).toBe(2 * 32 * 128 * 2);
  });

  it("sliding window bounds the cache: Mistral 7B (window 4096) at 8192 tokens keeps 4096 per layer", () => {
    const spec = { ...specOf("mistral-7b"), slidingWindow: 4096 };
    const p = inferenceProfile(spec);
    const perToken = 2 * 32 * 8 * 128 * 2; // 131,072 bytes
    expect(kvCacheBytes(p, { contextTokens: 2000, bytesPerElement: 2 })).toBe(2000 * perToken);
    expect(kvCacheBytes(p, { contextTokens: 8192, bytesPerElement: 2 })).toBe(4096 * perToken);
    // every second layer global (Gemma 2 style): half the layers keep 8192, half 4096
    const alt = inferenceProfile({ ...spec, globalLayerInterval: 2 });
    expect(kvCacheBytes(alt, { contextTokens: 8192, bytesPerElement: 2 })).toBe(
      (perToken / 2) * (8192 + 4096),
    );
  });

  it("multi-head latent attention caches kvLoraRank + rope per layer (DeepSeek-V2 §2.1.2)", () => {
    const p = inferenceProfile(DEEPSEEK_LITE);
    // (512 + 64) elements · 27 layers · 2 bytes, the same on every tp rank
    expect(kvCacheBytes(p, { contextTokens: 1, bytesPerElement: 2 })).toBe(576 * 27 * 2);
    expect(kvCacheBytes(p, { contextTokens: 1, bytesPerElement: 2, tp: 4 })).toBe(576 * 27 * 2);
    // decode attention absorbed: 2·16·(2·512 + 64) per context token; prefill 2·16·(128 + 64 + 128)
    expect(p.layers[0]!.attentionFlops).toEqual({ decode: 2 * 16 * (2 * 512 + 64), prefill: 2 * 16 * 320 });
  });

  it("MLA projections in the training workload: DeepSeek-V2-Lite's 15.7B and DeepSeek-V2's per-layer 149.2M", () => {
    // attention per block: q 2048·16·192 + kv down 2048·576 + norm 512 + kv up 512·16·256 + o 16·128·2048
    const attention = 2048 * 16 * 192 + 2048 * 576 + 512 + 512 * 16 * 256 + 16 * 128 * 2048;
    const p = inferenceProfile(DEEPSEEK_LITE);
    const expert = 3 * 2048 * 1408;
    expect(p.layers[0]!.linearParams).toBe(attention + 2048 * 64 + 2 * expert);
    // total with every layer MoE: 27·(attention + router + 66 experts + 2 norms) + 2 tables + final norm;
    // the published 15.7B has a dense first layer (67.2M instead of 571M), 0.5B less
    const total = 27 * (attention + 2048 * 64 + 66 * expert + 2 * 2048) + 2 * 102400 * 2048 + 2048;
    expect(p.params.total).toBe(total);
    expect(total / 15.7e9).toBeGreaterThan(1.02);
    expect(total / 15.7e9).toBeLessThan(1.05);
    const v2 = trainingStep(
      {
        ...LLAMA,
        layers: 1,
        hidden: 5120,
        heads: 128,
        headDim: 128,
        ffn: 1,
        vocab: 1,
        mla: { kvLoraRank: 512, qLoraRank: 1536, ropeHeadDim: 64, nopeHeadDim: 128, vHeadDim: 128 },
      },
      { batch: 1, seq: 1 },
    );
    const att = v2.layers.find((l) => l.kind === "attention")!;
    // 5120·1536 + 1536 + 1536·128·192 + 5120·576 + 512 + 512·128·256 + 128·128·5120
    expect(att.params).toBe(149_227_520);
  });

  it("prefill's causal context sum and the experts a decode batch touches", () => {
    expect(causalContextSum(4)).toBe(1 + 2 + 3 + 4);
    expect(causalContextSum(4, 2)).toBe(1 + 2 + 2 + 2);
    expect(expertsTouched(8, 2, 1)).toBeCloseTo(2, 12);
    // 8·(1 − (6/8)²) = 3.5 distinct experts for two tokens routed top-2 of 8
    expect(expertsTouched(8, 2, 2)).toBeCloseTo(3.5, 12);
    expect(expertsTouched(8, 2, 1000)).toBeCloseTo(8, 9);
  });

  it("rejects a model it cannot serve, naming the field", () => {
    expect(() => inferenceProfile(modelPreset("bert-base").spec)).toThrow(/model.family/);
  });
});
