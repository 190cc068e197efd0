import { describe, expect, it } from "vitest";
import { TRANSFORMER_PRESETS, transformerPreset } from "../../src/workload/presets/transformers.js";
import { decoderLayers } from "../../src/workload/transformer/decoderFamily.js";
import { DecoderSpecSchema } from "../../src/workload/transformer/decoderSpec.js";
import { encoderDecoderLayers } from "../../src/workload/transformer/encoderDecoderFamily.js";
import { EncoderDecoderSpecSchema } from "../../src/workload/transformer/encoderDecoderSpec.js";
import { encoderLayers } from "../../src/workload/transformer/encoderFamily.js";
import { EncoderSpecSchema } from "../../src/workload/transformer/encoderSpec.js";
import { modelTotals } from "../../src/workload/transformer/modelTotals.js";
import type { TransformerSpecInput } from "../../src/workload/presets/transformers.js";
import { deltaPct, printCases } from "./report.js";

function totals(input: TransformerSpecInput) {
  const shape = (seq: number) => ({ batch: 1, seq, bytes: 2 });
  switch (input.family) {
    case "decoder": {
      const s = DecoderSpecSchema.parse(input);
      return modelTotals(decoderLayers(s, shape(s.seq)));
    }
    case "encoder": {
      const s = EncoderSpecSchema.parse(input);
      return modelTotals(encoderLayers(s, shape(s.seq)));
    }
    default: {
      const s = EncoderDecoderSpecSchema.parse(input);
      return modelTotals(encoderDecoderLayers(s, shape(s.seq)));
    }
  }
}

describe("parameter counts vs published", () => {
  const rows = TRANSFORMER_PRESETS.filter((p) => p.published?.params).map((p) => ({ p, t: totals(p.spec) }));
  // tolerances: GPT-3 Table 2.1 within 2%; the rest reported (authors round their nominal sizes)
  printCases(
    "Parameters (nominal sizes as published; BERT counted with pooler and MLM head)",
    rows.map(({ p, t }) => ({
      name: p.name,
      actual: t.params,
      expected: p.published!.params!,
      ...(p.name.startsWith("gpt3-") ? { tolerancePct: 2 } : {}),
    })),
  );
  it("GPT-3 Table 2.1 sizes within 2%", () => {
    for (const { p, t } of rows.filter((r) => r.p.name.startsWith("gpt3-")))
      expect(Math.abs(deltaPct(t.params, p.published!.params!))).toBeLessThan(2);
  });

  it("Llama 2 7B: 6.74e9 (Touvron et al. 2023b); hand: 32·(4·4096² + 3·4096·11008 + 2·4096) + 2·32000·4096 + 4096", () => {
    const hand = 32 * (4 * 4096 ** 2 + 3 * 4096 * 11008 + 2 * 4096) + 2 * 32000 * 4096 + 4096;
    const t = totals(transformerPreset("llama2-7b").spec);
    expect(t.params).toBe(hand);
    expect(Math.abs(deltaPct(t.params, 6.74e9))).toBeLessThan(0.1);
  });

  it("Gemma 2B and 7B (GeGLU, head size 256): Gemma Team 2024, arXiv 2403.08295 Table 2, to the parameter", () => {
    // Table 2 (read from memory; the hand counts beside reproduce it exactly): embedding 524,550,144 and
    // 786,825,216 = 256,128 · d_model; non-embedding 1,981,884,416 and 7,751,248,896 =
    // L·(Q + KV + O + 3·d·f + 2·d) + d (RMSNorm weights, no biases; 2B has one KV head, Table 1)
    const gemma = (layers: number, hidden: number, heads: number, kvHeads: number, ffn: number) =>
      totals({
        family: "decoder",
        layers,
        hidden,
        heads,
        kvHeads,
        headDim: 256,
        ffn,
        mlp: "gated-gelu",
        vocab: 256128,
        seq: 8192,
        norm: "rmsnorm",
        positions: "rotary",
        tiedEmbeddings: true,
      }).params;
    const nonEmbedding2b = 18 * (2 * 2048 * 2048 + 2 * 2048 * 256 + 3 * 2048 * 16384 + 2 * 2048) + 2048;
    const nonEmbedding7b = 28 * (4 * 3072 * 4096 + 3 * 3072 * 24576 + 2 * 3072) + 3072;
    expect(nonEmbedding2b).toBe(1_981_884_416);
    expect(nonEmbedding7b).toBe(7_751_248_896);
    expect(gemma(18, 2048, 8, 1, 16384)).toBe(524_550_144 + 1_981_884_416);
    expect(gemma(28, 3072, 16, 16, 24576)).toBe(786_825_216 + 7_751_248_896);
  });

  it("Mixtral 8x7B: 46.7B total, 12.9B active (Jiang et al. 2024 §1; Mistral AI's announcement)", () => {
    const t = totals(transformerPreset("mixtral-8x7b").spec);
    printCases("Mixtral 8x7B", [
      { name: "total params", actual: t.params, expected: 46.7e9, tolerancePct: 0.5 },
      { name: "active params", actual: t.activeParams, expected: 12.9e9, tolerancePct: 0.5 },
    ]);
    expect(Math.abs(deltaPct(t.params, 46.7e9))).toBeLessThan(0.5);
    expect(Math.abs(deltaPct(t.activeParams, 12.9e9))).toBeLessThan(0.5);
  });

  it("BERT-base 109.5M and BERT-large 335M as BertModel (pooler, no MLM head), the counts transformers reports", () => {
    const base = totals({
      ...(transformerPreset("bert-base").spec as object),
      head: "none",
    } as TransformerSpecInput);
    const large = totals({
      ...(transformerPreset("bert-large").spec as object),
      head: "none",
    } as TransformerSpecInput);
    // hand: 12·(12·768² + 13·768) + (30522 + 512 + 2)·768 + 2·768 + (768² + 768)
    expect(base.params).toBe(
      12 * (12 * 768 ** 2 + 13 * 768) + (30522 + 512 + 2) * 768 + 2 * 768 + 768 ** 2 + 768,
    );
    printCases("BERT (BertModel)", [
      { name: "bert-base", actual: base.params, expected: 109.5e6, tolerancePct: 0.5 },
      { name: "bert-large", actual: large.params, expected: 335e6, tolerancePct: 0.5 },
    ]);
    expect(Math.abs(deltaPct(base.params, 109.5e6))).toBeLessThan(0.5);
    expect(Math.abs(deltaPct(large.params, 335e6))).toBeLessThan(0.5);
  });

  it("GPT-2 small is 124,439,808 (hand: 12·(12·768² + 13·768) + (50257 + 1024)·768 + 2·768)", () => {
    expect(totals(transformerPreset("gpt2-small").spec).params).toBe(
      12 * (12 * 768 ** 2 + 13 * 768) + (50257 + 1024) * 768 + 2 * 768,
    );
  });

  it("T5-base 222,903,552 (hand: 12·(4·768² + 2·768·3072 + 2·768) + 12·(8·768² + 2·768·3072 + 3·768) + 2·(32·12 + 768) + 32128·768)", () => {
    const hand =
      12 * (4 * 768 ** 2 + 2 * 768 * 3072 + 2 * 768) +
      12 * (8 * 768 ** 2 + 2 * 768 * 3072 + 3 * 768) +
      2 * (32 * 12 + 768) +
      32128 * 768;
    expect(totals(transformerPreset("t5-base").spec).params).toBe(hand);
  });

  it("Transformer big: Vaswani et al. 2017 Table 3, 213M, within 1%", () => {
    expect(
      Math.abs(deltaPct(totals(transformerPreset("transformer-nmt-big").spec).params, 213e6)),
    ).toBeLessThan(1);
  });
});
