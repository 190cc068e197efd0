import { describe, expect, it } from "vitest";
import { TRANSFORMER_PRESETS, transformerPreset } from "../../../src/workload/presets/transformers.js";
import {
  encoderDecoderFamily,
  encoderDecoderLayers,
} from "../../../src/workload/transformer/encoderDecoderFamily.js";
import { EncoderDecoderSpecSchema } from "../../../src/workload/transformer/encoderDecoderSpec.js";
import { encoderLayers } from "../../../src/workload/transformer/encoderFamily.js";
import { EncoderSpecSchema } from "../../../src/workload/transformer/encoderSpec.js";
import { DecoderSpecSchema } from "../../../src/workload/transformer/decoderSpec.js";
import { modelTotals } from "../../../src/workload/transformer/modelTotals.js";

describe("encoder (BERT)", () => {
  const spec = EncoderSpecSchema.parse(transformerPreset("bert-base").spec);
  const layers = encoderLayers(spec, { batch: 2, seq: 128, bytes: 2 });
  it("has embedding, 12 blocks, pooler and MLM head", () => {
    expect(layers.map((l) => l.kind).filter((k) => k === "attention")).toHaveLength(12);
    expect(layers.at(-2)!.name).toBe("pooler");
    expect(layers.at(-1)!.name).toBe("mlm head");
  });
  it("MLM head params: transform 768² + 768 + 2·768 and the 30522 decoder bias (weights tied)", () => {
    expect(layers.at(-1)!.params).toBe(768 * 768 + 768 + 2 * 768 + 30522);
  });
  it("sparse output processing: the MLM head on ⌈0.15·128⌉ = 20 positions per sample, by hand", () => {
    const sparse = EncoderSpecSchema.parse({ ...transformerPreset("bert-base").spec, maskedFraction: 0.15 });
    const head = encoderLayers(sparse, { batch: 2, seq: 128, bytes: 2 }).at(-1)!;
    const dense = layers.at(-1)!;
    // transform (768 → 768) and decoder (768 → 30522) GEMMs over 2 samples × 20 rows, 2 FLOP per MAC
    // and one per bias element
    const [transform, decoder] = head.ops.filter((o) => o.kind === "matmul");
    expect(transform!.forwardFlops).toBe(2 * 40 * 768 * 768 + 40 * 768);
    expect(decoder!.forwardFlops).toBe(2 * 40 * 768 * 30522 + 40 * 30522);
    // kept for backward: the projection input, the transform's three inputs (2 bytes each) and the
    // fp32 logits of the loss, all over the 40 rows
    expect(head.activationBytes.none).toBe(2 * 40 * 768 + 3 * 2 * 40 * 768 + 4 * 40 * 30522);
    expect(head.params).toBe(dense.params);
    // the blocks are untouched
    expect(encoderLayers(sparse, { batch: 2, seq: 128, bytes: 2 })[1]).toEqual(layers[1]);
  });
  it("embedding tables: (30522 + 512 + 2)·768, plus the embedding LayerNorm", () => {
    expect(layers[0]!.embeddingParams).toBe((30522 + 512 + 2) * 768);
    expect(layers[0]!.params).toBe((30522 + 512 + 2) * 768 + 2 * 768);
  });
});

describe("encoder-decoder (T5, Transformer)", () => {
  const spec = EncoderDecoderSpecSchema.parse(transformerPreset("t5-base").spec);
  const layers = encoderDecoderLayers(spec, { batch: 1, seq: 512, bytes: 2 });
  it("T5 defaults: RMSNorm, no bias, relu, t5-bias positions, tied", () => {
    expect(spec).toMatchObject({
      norm: "rmsnorm",
      bias: false,
      mlp: "relu",
      positions: "t5-bias",
      tiedEmbeddings: true,
    });
  });
  it("cross-attention: Q from 114 target tokens, K/V from 512 source tokens: scores 2·(b·a)·114·64·512", () => {
    const cross = layers.find((l) => l.name === "decoder 0 cross-attention")!;
    const bmm = cross.ops.filter((o) => o.kind === "batched-matmul");
    expect(bmm[0]!.forwardFlops).toBe(2 * 12 * 114 * 64 * 512);
    const kv = cross.ops.filter((o) => o.kind === "matmul")[1]!;
    expect(kv.forwardFlops).toBe(2 * 512 * 768 * 2 * 768);
  });
  it("the relative-bias table (32 buckets × 12 heads) sits in the first self-attention of each stack only", () => {
    expect(layers.find((l) => l.name === "encoder 0 attention")!.params).toBe(4 * 768 * 768 + 32 * 12);
    expect(layers.find((l) => l.name === "encoder 1 attention")!.params).toBe(4 * 768 * 768);
    expect(layers.find((l) => l.name === "decoder 0 attention")!.params).toBe(4 * 768 * 768 + 32 * 12);
  });
  it("logits over the 114 target tokens; KV cache 2·12·12·64·2 bytes per generated token", () => {
    expect(layers.at(-1)!.ops[0]!.forwardFlops).toBe(2 * 114 * 768 * 32128);
    expect(encoderDecoderFamily.kvCacheBytesPerToken!(spec, 2)).toBe(2 * 12 * 12 * 64 * 2);
  });
  it("T5 v1.1 gated-gelu has three FFN matrices", () => {
    const v11 = EncoderDecoderSpecSchema.parse({
      ...transformerPreset("t5-base").spec,
      mlp: "gated-gelu",
      ffn: 2048,
    });
    const mlp = encoderDecoderLayers(v11, { batch: 1, seq: 512, bytes: 2 }).find((l) => l.kind === "mlp")!;
    expect(mlp.params).toBe(3 * 768 * 2048);
  });
});

describe("presets", () => {
  it("names are unique, lower-case with a size, and every spec parses with a source", () => {
    const names = TRANSFORMER_PRESETS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of TRANSFORMER_PRESETS) {
      expect(p.name).toMatch(/^[a-z0-9.-]+-[0-9.x]+[mb]$|^[a-z0-9-]+-(small|medium|large|xl|base|big)$/);
      expect(p.source.length).toBeGreaterThan(20);
      const schema = {
        decoder: DecoderSpecSchema,
        encoder: EncoderSpecSchema,
        "encoder-decoder": EncoderDecoderSpecSchema,
      }[p.spec.family];
      expect(schema.safeParse(p.spec).success).toBe(true);
    }
  });
  it("an unknown preset is an InputError listing the known ones", () => {
    expect(() => transformerPreset("gpt5")).toThrow(/^preset: got "gpt5", expected one of gpt2-small/);
  });
  it("all presets cost a forward pass with finite positive totals", () => {
    const t = modelTotals(
      encoderLayers(EncoderSpecSchema.parse(transformerPreset("bert-large").spec), {
        batch: 1,
        seq: 512,
        bytes: 2,
      }),
    );
    expect(t.forwardFlops).toBeGreaterThan(0);
    expect(Number.isFinite(t.activationBytes.none)).toBe(true);
  });
});
