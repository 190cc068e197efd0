import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/units/InputError.js";
import { decoderFamily, decoderLayers } from "../../../src/workload/transformer/decoderFamily.js";
import { DecoderSpecSchema, defaultFfn } from "../../../src/workload/transformer/decoderSpec.js";
import { modelTotals } from "../../../src/workload/transformer/modelTotals.js";
import { parseSpec } from "../../../src/workload/transformer/parseSpec.js";

const parse = (x: unknown) => parseSpec(DecoderSpecSchema, x, "decoder spec");

describe("decoder spec defaults", () => {
  it("GPT style: MHA, headDim = hidden/heads, ffn 4·hidden, bias and dropout on, tied, learned, seq 2048", () => {
    const s = parse({ family: "decoder", layers: 2, hidden: 64, heads: 4, vocab: 100 });
    expect(s).toMatchObject({
      kvHeads: 4,
      headDim: 16,
      ffn: 256,
      mlp: "gelu",
      seq: 2048,
      bias: true,
      dropout: true,
    });
    expect(s).toMatchObject({
      tiedEmbeddings: true,
      positions: "learned",
      norm: "layernorm",
      experts: 1,
      topK: 1,
    });
  });
  it("SwiGLU ffn: Llama's 2/3·4h rounded up to 256 (4096 → 11008, 5120 → 13824); no bias or dropout", () => {
    expect(defaultFfn(4096, "swiglu")).toBe(11008);
    expect(defaultFfn(5120, "swiglu")).toBe(13824);
    const s = parse({
      family: "decoder",
      layers: 1,
      hidden: 4096,
      heads: 32,
      vocab: 10,
      mlp: "swiglu",
      norm: "rmsnorm",
    });
    expect(s).toMatchObject({ ffn: 11008, bias: false, dropout: false });
  });
  it("ReLU (OPT, Zhang et al. 2022 §2.1) is GPT style: 4·hidden, bias and dropout on; GeGLU takes SwiGLU's width", () => {
    const relu = parse({ family: "decoder", layers: 1, hidden: 64, heads: 4, vocab: 10, mlp: "relu" });
    expect(relu).toMatchObject({ ffn: 256, bias: true, dropout: true });
    expect(defaultFfn(4096, "gated-gelu")).toBe(11008);
  });
  it("ReLU keeps one f-wide activation per token where GELU keeps two (Korthikanti et al. 2022 §4.1)", () => {
    const spec = (mlp: "relu" | "gelu") =>
      parse({ family: "decoder", layers: 1, hidden: 64, heads: 4, vocab: 10, seq: 8, mlp });
    const stored = (mlp: "relu" | "gelu") =>
      modelTotals(decoderLayers(spec(mlp), { batch: 3, seq: 8, bytes: 2 })).activationBytes.none;
    // one layer, f = 256, 3·8 tokens, 2 bytes: GELU keeps its input and output, ReLU only its output
    expect(stored("gelu") - stored("relu")).toBe(3 * 8 * 256 * 2);
    expect(modelTotals(decoderLayers(spec("relu"), { batch: 3, seq: 8, bytes: 2 })).params).toBe(
      modelTotals(decoderLayers(spec("gelu"), { batch: 3, seq: 8, bytes: 2 })).params,
    );
  });
  it("parsing a parsed spec gives it back", () => {
    const s = parse({ family: "decoder", layers: 2, hidden: 64, heads: 4, vocab: 100, experts: 4 });
    expect(parse(s)).toEqual(s);
  });
  it("bad input throws InputError naming the field", () => {
    const base = { family: "decoder", layers: 2, hidden: 64, heads: 4, vocab: 100 };
    expect(() => parse({ ...base, heads: 5 })).toThrow(/^heads: got 5, expected a divisor of hidden/);
    expect(() => parse({ ...base, kvHeads: 3 })).toThrow(/^kvHeads: got 3/);
    expect(() => parse({ ...base, experts: 4, topK: 5 })).toThrow(/^topK: got 5/);
    expect(() => parse({ ...base, layers: 0 })).toThrow(/^layers: got 0, expected a positive number/);
    expect(() => parse({ ...base, mlp: "tanh" })).toThrow(
      /^mlp: got "tanh", expected one of "gelu", "swiglu", "relu", "gated-gelu"/,
    );
    expect(() => parse({ ...base, hiden: 3 })).toThrow(/^hiden: got 3, expected no such field/);
    expect(() => parse({ ...base, vocab: undefined })).toThrow(InputError);
  });
  it("a sequence longer than the learned position table is an InputError", () => {
    const s = parse({ family: "decoder", layers: 1, hidden: 64, heads: 4, vocab: 100, seq: 128 });
    expect(() => decoderLayers(s, { batch: 1, seq: 129, bytes: 2 })).toThrow(/^seq: got 129/);
  });
});

describe("decoder costs", () => {
  // a tiny model derived by hand: L=2, h=64, a=4 (d=16), kv=2 (GQA), f=256, V=100, s=8, b=3, no bias
  const s = parse({
    family: "decoder",
    layers: 2,
    hidden: 64,
    heads: 4,
    kvHeads: 2,
    vocab: 100,
    seq: 8,
    bias: false,
    dropout: false,
  });
  const layers = decoderLayers(s, { batch: 3, seq: 8, bytes: 2 });
  it("layer order: embedding, 4 layers per block, final norm, logits", () => {
    expect(layers.map((l) => l.kind)).toEqual([
      "embedding",
      ...Array(2).fill(["norm", "attention", "norm", "mlp"]).flat(),
      "norm",
      "logits",
    ]);
  });
  it("GQA parameters: QKV 64·(64 + 2·32), output 64·64", () => {
    expect(layers[2]!.params).toBe(64 * (64 + 2 * 32) + 64 * 64);
  });
  it("GQA attention FLOP: QKV 2·T·64·128, scores and context 2·2·(b·a)·s·s·d", () => {
    const attn = layers[2]!;
    const T = 24;
    const matmul = attn.ops.filter((o) => o.kind === "matmul").reduce((a, o) => a + o.forwardFlops, 0);
    const bmm = attn.ops.filter((o) => o.kind === "batched-matmul").reduce((a, o) => a + o.forwardFlops, 0);
    expect(matmul).toBe(2 * T * 64 * 128 + 2 * T * 64 * 64);
    expect(bmm).toBe(2 * 2 * (3 * 4) * 8 * 8 * 16);
  });
  it("totals: params = tables + blocks + final norm; tied logits add none", () => {
    const t = modelTotals(layers);
    const block = 64 * 128 + 64 * 64 + 2 * 64 * 256 + 2 * 2 * 64;
    expect(t.params).toBe(100 * 64 + 8 * 64 + 2 * block + 2 * 64);
    expect(t.embeddingParams).toBe(100 * 64 + 8 * 64);
  });
  it("KV cache per token: 2·layers·kvHeads·headDim·bytes = 2·2·2·16·2", () => {
    expect(decoderFamily.kvCacheBytesPerToken!(s, 2)).toBe(256);
  });
});

describe("mixture of experts", () => {
  const s = parse({
    family: "decoder",
    layers: 4,
    hidden: 64,
    heads: 4,
    vocab: 100,
    seq: 16,
    mlp: "swiglu",
    norm: "rmsnorm",
    ffn: 128,
    experts: 8,
    topK: 2,
    sharedExperts: 1,
    expertInterval: 2,
  });
  const layers = decoderLayers(s, { batch: 2, seq: 16, bytes: 2 });
  const moe = layers.filter((l) => l.kind === "moe");
  it("every 2nd block is MoE (blocks 1 and 3)", () => {
    expect(moe.map((l) => l.name)).toEqual(["block 1 moe", "block 3 moe"]);
  });
  it("router FLOP = 2·tokens·hidden·experts per MoE layer (the factor the cookbook drops)", () => {
    for (const l of moe) {
      const router = l.ops.filter((o) => o.kind === "router");
      expect(router).toHaveLength(1);
      expect(router[0]!.forwardFlops).toBe(2 * 32 * 64 * 8);
    }
  });
  it("params: router + 9 expert MLPs; active: router + 3 (top-2 + shared)", () => {
    const expert = 3 * 64 * 128;
    expect(moe[0]!.params).toBe(64 * 8 + 9 * expert);
    expect(moe[0]!.activeParams).toBe(64 * 8 + 3 * expert);
  });
  it("expert GEMM FLOP count routed tokens: topK·T rows plus T for the shared expert", () => {
    const gemm = moe[0]!.ops.filter((o) => o.kind === "matmul").reduce((a, o) => a + o.forwardFlops, 0);
    expect(gemm).toBe((2 * 32 + 32) * 3 * 2 * 64 * 128);
  });
  it("capacity factor grows the kept activations, not the FLOP", () => {
    const big = decoderLayers({ ...s, capacityFactor: 2 }, { batch: 2, seq: 16, bytes: 2 }).filter(
      (l) => l.kind === "moe",
    );
    const f = (l: (typeof moe)[number]) => l.ops.reduce((a, o) => a + o.forwardFlops, 0);
    expect(f(big[0]!)).toBe(f(moe[0]!));
    expect(big[0]!.activationBytes.none).toBeGreaterThan(moe[0]!.activationBytes.none);
  });
});
