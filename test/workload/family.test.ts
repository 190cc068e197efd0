import { describe, expect, it } from "vitest";
import { familyOf, parseModelSpec, WORKLOAD_FAMILIES } from "../../src/workload/modelSpec.js";
import { MODEL_PRESETS, modelPreset } from "../../src/workload/presets/index.js";
import { scaleModel } from "../../src/workload/scaleModel.js";
import { trainingStep } from "../../src/workload/trainingStep.js";

describe("the model-family contract", () => {
  it("each family is registered under the name its specs carry", () => {
    for (const [name, family] of Object.entries(WORKLOAD_FAMILIES)) expect(family.name).toBe(name);
  });

  it("a spec is parsed once: parsing a parsed preset gives it back unchanged", () => {
    for (const p of MODEL_PRESETS) expect(parseModelSpec(p.spec)).toEqual(p.spec);
  });

  it("block boundaries: embeddings before, final norm and heads after, one block per layer between", () => {
    for (const p of MODEL_PRESETS) {
      const layers = trainingStep(p.spec, { batch: 1 }).layers;
      const { pre, post } = familyOf(p.spec).boundaries(p.spec);
      // token embeddings, or a patch embedding (a patch×patch/patch conv)
      for (const l of layers.slice(0, pre)) expect(["embedding", "conv"]).toContain(l.kind);
      // the final norm, and the logits or a classifier head
      for (const l of layers.slice(layers.length - post))
        expect(["norm", "logits", "linear"]).toContain(l.kind);
      const blocks = layers.slice(pre, layers.length - post).filter((l) => l.activationBytes.full > 0).length;
      // a decoder of L layers has L blocks (Radford et al. 2019); an LSTM LM one per LSTM layer
      if (p.spec.family === "decoder" || p.spec.family === "lstm-lm" || p.spec.family === "mixer")
        expect(blocks).toBe(p.spec.layers);
      // BERT: L blocks and the pooler (Devlin et al. 2019)
      if (p.spec.family === "encoder") expect(blocks).toBe(p.spec.layers + (p.spec.pooler ? 1 : 0));
    }
  });

  it("scale: a transformer grows by heads at a fixed head dimension, GQA groups kept", () => {
    // GPT-2 small: 12 heads of 64 → ×2 is 24 heads, hidden 1536, ffn 3072·2 = 6144
    const gpt2 = scaleModel(modelPreset("gpt2-small").spec, 2);
    expect(gpt2).toMatchObject({ heads: 24, headDim: 64, hidden: 1536, ffn: 6144, layers: 12 });
    // Llama 3 8B: 32 query heads in 8 groups of 4 → ×1.5 is 12 kv heads, 48 heads, hidden 48·128 = 6144
    const llama = scaleModel(modelPreset("llama3-8b").spec, 1.5);
    expect(llama).toMatchObject({ kvHeads: 12, heads: 48, hidden: 6144, headDim: 128, layers: 32 });
    // ResNet-50: base width 64 → ×1.5 is 96; VGG has no width to scale
    expect(scaleModel(modelPreset("resnet50").spec, 1.5)).toMatchObject({ width: 96 });
    expect(() => scaleModel(modelPreset("vgg16").spec, 2)).toThrow(/hidden. or .width/);
  });

  it("shape: the attention facts a layout splits (Llama 3 8B: 32 heads, 8 kv heads of 128, causal)", () => {
    const llama = modelPreset("llama3-8b").spec;
    expect(familyOf(llama).shape(llama)).toMatchObject({ heads: 32, kvHeads: 8, headDim: 128, causal: true });
    // ViT-B/16: 12 heads of 768/12 = 64, bidirectional; ResNet: no attention
    const vit = modelPreset("vit-b16").spec;
    expect(familyOf(vit).shape(vit)).toMatchObject({ heads: 12, kvHeads: 12, headDim: 64, causal: false });
    const resnet = modelPreset("resnet50").spec;
    expect(familyOf(resnet).shape(resnet)).toMatchObject({ hidden: undefined, heads: undefined, experts: 1 });
  });

  it("MFU's model FLOP of a decoder is PaLM's 6N + 12·L·H·Q·T (Chowdhery et al. 2022 App. B)", () => {
    const spec = modelPreset("gpt2-small").spec;
    // 6·1e8 + 12·12 layers·12 heads·64·1024 tokens = 6e8 + 113,246,208
    expect(familyOf(spec).modelFlopsPerUnit!(spec, { seq: 1024, activeParams: 1e8 })).toBe(6e8 + 113_246_208);
  });
});
