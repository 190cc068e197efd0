import { describe, expect, it } from "vitest";
import { layerFlops } from "../../src/workload/layerCost.js";
import { mixerFamily, MixerSpecSchema } from "../../src/workload/mixer/mixer.js";
import { modelPreset } from "../../src/workload/presets/index.js";
import { trainingStep } from "../../src/workload/trainingStep.js";

describe("mixer family (MLP-Mixer)", () => {
  it("parameters match Tolstikhin et al. 2021 Table 1 (18M, 59M, 207M, without the classifier head)", () => {
    // per block: LN 2C + token MLP (S·D_S + D_S + D_S·S + S) + LN 2C + channel MLP (C·D_C + D_C + D_C·C + C);
    // stem 3·16²·C + C, final LN 2C. B/16 (S = 196, C = 768, D_S = 384, D_C = 3072):
    // 590,592 + 12·4,876,612 + 1,536 = 59,111,472
    const withoutHead = (name: string) => {
      const spec = modelPreset(name).spec;
      const C = "hidden" in spec ? (spec.hidden as number) : 0;
      return trainingStep(spec, { batch: 1 }).params.total - (C * 1000 + 1000);
    };
    expect(withoutHead("mixer-b16")).toBe(59_111_472);
    expect(Math.round(withoutHead("mixer-s16") / 1e6)).toBe(18);
    expect(Math.round(withoutHead("mixer-l16") / 1e6)).toBe(207);
  });

  it("a block's matmul FLOP: 2·C·S·D_S·2 (token mixing) + 2·S·C·D_C·2 (channel mixing), plus biases", () => {
    const ls = mixerFamily.layers(MixerSpecSchema.parse({ family: "mixer" }), { batch: 1, seq: 1, bytes: 2 });
    const block = ls.filter((l) => l.name.startsWith("mixer_block_0."));
    expect(block.map((l) => l.name)).toEqual(["mixer_block_0.token_mixing", "mixer_block_0.channel_mixing"]);
    const matmul = block.flatMap((l) => l.ops).filter((o) => o.kind === "matmul");
    // token: 2·768·196·384·2 + biases 768·384 + 768·196; channel: 2·196·768·3072·2 + 196·3072 + 196·768
    expect(matmul.reduce((s, o) => s + o.forwardFlops, 0)).toBe(
      4 * 768 * 196 * 384 + 768 * 384 + 768 * 196 + 4 * 196 * 768 * 3072 + 196 * 3072 + 196 * 768,
    );
    expect(layerFlops(block[0]!).forward).toBeGreaterThan(0);
  });

  it("rejects an image that is not a whole number of patches, naming the field", () => {
    expect(() => MixerSpecSchema.parse({ family: "mixer", image: 230 })).toThrow(/image/);
  });
});
