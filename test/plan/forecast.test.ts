import { describe, expect, it } from "vitest";
import { accelerator } from "../../src/hardware/catalog.js";
import { lawFromPreset } from "../../src/laws/law.js";
import { lawPreset } from "../../src/laws/presets/index.js";
import { forecast } from "../../src/plan/forecast.js";
import type { ForecastInput } from "../../src/plan/forecastTypes.js";
import { hfFrontierScale } from "../../src/plan/hfFrontier.js";
import { shapeDecoder } from "../../src/plan/shapeDecoder.js";

const h100 = accelerator("h100-sxm");

describe("forecast", () => {
  it("HAD19 word LM to 2.48 nats/word: HAD19's 100x data and 23x model (within 5%), then priced on H100s", () => {
    const f = forecast({
      law: lawFromPreset(lawPreset("had19-word-lm")),
      target: 2.48,
      accelerator: h100,
      devices: 256,
      sensitivity: false,
    });
    expect(Math.abs(f.data.dataScale!.value / 100 - 1)).toBeLessThan(0.05);
    expect(Math.abs(f.data.modelScale!.value / 23 - 1)).toBeLessThan(0.05);
    // the priced run: days = steps × step time / goodput (failures, restarts, checkpoints: the wall
    // clock runs longer than the steps); dollars = devices × days × 24 × price
    const days = (f.steps.value * f.step.seconds) / f.goodput.fraction / 86400;
    expect(f.goodput.fraction).toBeLessThan(1);
    expect(f.train.days.value).toBeCloseTo(days, 6);
    expect(f.cost.dollars!.value).toBeCloseTo(f.devices * days * 24 * h100.price!.dollarsPerHour, 0);
    expect(f.co2.kg.value).toBeCloseTo(f.energy.kWh.value * f.co2.kgPerKWh, 6);
    expect(f.warnings.some((w) => /extrapolation: data 7.97e\+10 is 104x/.test(w))).toBe(true);
  });

  it("72 devices (an NVL72 rack): a power-of-two batch is raised to the next multiple of 72, and said", () => {
    // 72 = 8 × 9: a batch of 512 splits over at most 8 data-parallel ranks, and this model has no layout
    // there; the next batch tried is ⌈512 / 72⌉ × 72 = 576 (it was 1024, 2048, ... and none fitted)
    const f = forecast({
      law: lawFromPreset(lawPreset("had19-word-lm")),
      target: 2.48,
      accelerator: accelerator("gb200"),
      devices: 72,
      sensitivity: false,
    });
    expect(f.devices).toBe(72);
    expect(f.batch.global).toBe(576);
    expect(f.warnings).toContain(
      "global batch raised from 512 to 576: no layout of 72 devices fits the smaller batch",
    );
  });

  /** HAD19's word LM to 2.48 on 256 H100s, with the corpus limits given. */
  const wordLmOn256H100 = (limits: Pick<ForecastInput, "bestMeasuredMfu" | "largestMeasured">) =>
    forecast({
      law: lawFromPreset(lawPreset("had19-word-lm")),
      target: 2.48,
      accelerator: h100,
      devices: 256,
      sensitivity: false,
      ...limits,
    });

  it("warns when the chosen layout's MFU beats the best the corpus measured on the hardware, and only then", () => {
    const run = (mfu: number) => wordLmOn256H100({ bestMeasuredMfu: { mfu, case: "a measured run" } });
    const low = run(0.1);
    const chosen = low.mfu;
    expect(chosen).toBeGreaterThan(0.1);
    expect(low.warnings).toContain(
      `predicted MFU ${(100 * chosen).toFixed(1)}% beats the best measured on h100-sxm in the validation corpus (10.0%, a measured run): treat it as optimistic`,
    );
    expect(run(0.99).warnings.join(" ")).not.toMatch(/beats the best measured/);
  });

  it("warns when the run is larger than any the corpus measured on the hardware, and only then", () => {
    const run = (devices: number) =>
      wordLmOn256H100({
        largestMeasured: {
          devices: { value: devices, case: "the largest run" },
          params: { value: 1e15, case: "-" },
          seq: { value: 1e9, case: "-" },
        },
      }).warnings.join(" ");
    expect(run(128)).toContain(
      "beyond the validation corpus on h100-sxm: 256 devices (largest measured 128, the largest run)",
    );
    expect(run(256)).not.toMatch(/beyond the validation corpus/);
  });

  it("the HF frontier rule gives 7.41x parameters and 1.35x steps for a 10x budget", () => {
    const s = hfFrontierScale(10);
    expect(s.paramsRatio).toBeCloseTo(7.41, 10);
    expect(s.stepsRatio).toBeCloseTo(1.35, 2);
  });

  it("a decoder shaped to N has 12·L·h² within 5% of N, with widths a multiple of 64", () => {
    for (const n of [1e8, 1.3e9, 6.7e9, 70e9, 175e9]) {
      const s = shapeDecoder(n);
      expect(s.spec.hidden % 64).toBe(0);
      expect(Math.abs(s.nonEmbeddingParams / n - 1)).toBeLessThan(0.05);
    }
  });

  it("a budget of C FLOP under Epoch's Chinchilla gives Hoffmann's closed-form N and D", () => {
    const f = forecast({
      law: lawFromPreset(lawPreset("chinchilla-epoch")),
      budget: { flops: 5.88e23 },
      accelerator: h100,
      devices: 1024,
      sensitivity: false,
    });
    // the budget holds the shaped model's training FLOP (attention included), so the law's own compute
    // 6ND is C / r with r the FLOP per token over 6N; Hoffmann's closed form at 5.88e23 is N = 7.31e10,
    // D = 1.34e12, and N ∝ C^(β/(α+β)), D ∝ C^(α/(α+β)) with Epoch's α 0.3478, β 0.3658
    expect(f.compute.flops.value).toBeLessThanOrEqual(5.88e23);
    const c = 6 * f.model.params.value * f.data.tokens.value;
    expect(c / 5.88e23).toBeLessThan(1);
    const [a, b] = [0.3478, 0.3658];
    expect(f.model.params.value / (7.31e10 * (c / 5.88e23) ** (b / (a + b)))).toBeCloseTo(1, 2);
    expect(f.data.tokens.value / (1.34e12 * (c / 5.88e23) ** (a / (a + b)))).toBeCloseTo(1, 2);
  });

  it("a dollar budget is spent: the forecast's cost equals the budget within 2%", () => {
    const f = forecast({
      law: lawFromPreset(lawPreset("chinchilla-epoch")),
      budget: { dollars: 2e6 },
      accelerator: h100,
      devices: 512,
      sensitivity: false,
    });
    expect(Math.abs(f.cost.dollars!.value / 2e6 - 1)).toBeLessThan(0.02);
  });
});
